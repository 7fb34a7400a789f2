// The failover function's package as a blob in the host storage account,
// uploaded with a Microsoft Entra ID token, never with the account key: the
// account has shared keys off (allowSharedKeyAccess: false), and azure-native's
// own storage:Blob always signs with the account key (it lists the keys and
// builds a shared-key credential: pulumi/pulumi-azure-native,
// provider/pkg/resources/customresources/custom_storage_azidentity.go,
// blobClientDependencies → newSharedKeyCredential; open issue #2015).
//
// The upload runs in Pulumi's dynamic provider host, from its serialized
// closure: everything it runs requires its modules inside the function, so
// the closure names them by package instead of capturing module objects.
import * as pulumi from "@pulumi/pulumi";

/** One file of the package, by its path inside the zip. */
export interface PackageFile {
    name: string;
    data: Buffer;
}

/** DOS date 1980-01-01, time 00:00: the earliest a zip can say, so the same files always make the same bytes. */
const zipEpoch = { date: (0 << 9) | (1 << 5) | 1, time: 0 };

/**
 * A deflated zip of `files` in the given order (APPNOTE.TXT: local headers,
 * central directory, end record), with fixed times: run-from-package needs a
 * .zip (Microsoft Learn, "Run your functions from a package file").
 */
export function zipFiles(files: PackageFile[]): Buffer {
    const zlib: typeof import("zlib") = require("zlib");
    const locals: Buffer[] = [];
    const central: Buffer[] = [];
    let offset = 0;
    for (const f of files) {
        const name = Buffer.from(f.name, "utf8");
        const packed = zlib.deflateRawSync(f.data);
        const crc = zlib.crc32(f.data);
        // The fields both headers share, in the same order: method (deflate), time, date, CRC-32, sizes, name length.
        const shared = (b: Buffer, at: number) => {
            b.writeUInt16LE(8, at);
            b.writeUInt16LE(zipEpoch.time, at + 2);
            b.writeUInt16LE(zipEpoch.date, at + 4);
            b.writeUInt32LE(crc, at + 6);
            b.writeUInt32LE(packed.length, at + 10);
            b.writeUInt32LE(f.data.length, at + 14);
            b.writeUInt16LE(name.length, at + 18);
            return b;
        };
        const local = shared(Buffer.alloc(30), 8);
        local.writeUInt32LE(0x04034b50, 0);
        local.writeUInt16LE(20, 4); // version needed: deflate
        // flags and extra field length stay 0
        const entry = shared(Buffer.alloc(46), 10);
        entry.writeUInt32LE(0x02014b50, 0);
        entry.writeUInt16LE(20, 4); // version made by
        entry.writeUInt16LE(20, 6); // version needed
        // extra, comment, disk, internal and external attributes stay 0
        entry.writeUInt32LE(offset, 42);
        locals.push(local, name, packed);
        central.push(entry, name);
        offset += local.length + name.length + packed.length;
    }
    const directory = Buffer.concat(central);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(files.length, 8);
    end.writeUInt16LE(files.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(offset, 16);
    return Buffer.concat([...locals, directory, end]);
}

/** The files of a built package folder, by name (the bundle is flat: host.json, index.js, package.json). */
export function readPackage(dir: string): PackageFile[] {
    const fs: typeof import("fs") = require("fs");
    const path: typeof import("path") = require("path");
    if (!fs.existsSync(dir)) throw new Error(`the failover package ${dir} is not built: run npm run build, then pulumi up again`);
    return fs
        .readdirSync(dir)
        .sort()
        .map((name) => ({ name, data: fs.readFileSync(path.join(dir, name)) }));
}

/** What the upload takes: where the blob goes and which built folder it holds. */
export interface PackageBlobInputs {
    /** The account's blob endpoint, `https://<account>.blob.core.windows.net/`. */
    blobEndpoint: string;
    containerName: string;
    blobName: string;
    /** The built package folder, relative to the project root (where Pulumi starts its providers). */
    packageDir: string;
}

/** Inputs that name another blob: a change uploads the new one first and deletes the old one after its readers moved on. */
export const packageBlobReplaceKeys = ["blobEndpoint", "containerName", "blobName"] as const;

/** The blob's URL: what WEBSITE_RUN_FROM_PACKAGE points at. */
export function packageBlobUrl(i: Pick<PackageBlobInputs, "blobEndpoint" | "containerName" | "blobName">): string {
    return `${i.blobEndpoint.replace(/\/?$/, "/")}${i.containerName}/${i.blobName}`;
}

/** What the deploying principal needs on the container: with shared keys off, its Entra identity is the only way in. */
export const uploadRole = "Storage Blob Data Contributor";

/**
 * Uploads with DefaultAzureCredential (@azure/identity): an Entra ID token
 * for the principal the deploying machine runs as (az login, or a service
 * principal or workload identity from AZURE_* variables).
 */
async function uploadPackage(url: string, packageDir: string): Promise<void> {
    const { BlockBlobClient } = require("@azure/storage-blob") as typeof import("@azure/storage-blob");
    const { DefaultAzureCredential } = require("@azure/identity") as typeof import("@azure/identity");
    const body = zipFiles(readPackage(packageDir));
    try {
        await new BlockBlobClient(url, new DefaultAzureCredential()).uploadData(body, { blobHTTPHeaders: { blobContentType: "application/zip" } });
    } catch (e) {
        if ((e as { statusCode?: number }).statusCode !== 403) throw e;
        throw new Error(`uploading ${url} was refused (403): the principal running pulumi up needs ${uploadRole} on the standby's resource group, and its public IP in deployerIpRanges`, { cause: e });
    }
}

const packageBlobProvider: pulumi.dynamic.ResourceProvider = {
    async create(inputs: PackageBlobInputs) {
        const url = packageBlobUrl(inputs);
        await uploadPackage(url, inputs.packageDir);
        return { id: url, outs: { ...inputs, url } };
    },
    async diff(_id: string, olds: PackageBlobInputs, news: PackageBlobInputs) {
        const replaces = packageBlobReplaceKeys.filter((k) => olds[k] !== news[k]);
        return { changes: replaces.length > 0, replaces: [...replaces], deleteBeforeReplace: false };
    },
    async delete(id: string) {
        const { BlockBlobClient } = require("@azure/storage-blob") as typeof import("@azure/storage-blob");
        const { DefaultAzureCredential } = require("@azure/identity") as typeof import("@azure/identity");
        await new BlockBlobClient(id, new DefaultAzureCredential()).deleteIfExists();
    },
};

/** The resource type the engine sees: `pulumi-nodejs:dynamic/logscale-dr:PackageBlob`. */
export const packageBlobType = "pulumi-nodejs:dynamic/logscale-dr:PackageBlob";

/** A run-from-package blob uploaded with Entra ID; readers fetch it by its URL (packageBlobUrl, no SAS) with their own identity. */
export class PackageBlob extends pulumi.dynamic.Resource {
    constructor(name: string, args: { [K in keyof PackageBlobInputs]: pulumi.Input<PackageBlobInputs[K]> }, opts?: pulumi.CustomResourceOptions) {
        super(packageBlobProvider, name, args, opts, "logscale-dr", "PackageBlob");
    }
}
