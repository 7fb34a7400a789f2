// The failover package with shared keys off: the host storage account takes
// no account key, so the package must go up with an Entra ID token and the
// app must fetch it with its managed identity (Microsoft Learn, "Storage
// considerations for Azure Functions", "Create an app without Azure Files").
// azure-native's storage:Blob signs with the account key
// (custom_storage_azidentity.go, blobClientDependencies), so it must not be
// what uploads it.
import * as assert from "assert";
import * as zlib from "zlib";
import { packageBlobType, packageBlobUrl, zipFiles } from "../../components/packageBlob";
import { builtInRoles } from "../../components/roles";
import { failoverPackageProjectDir, failoverPackageVersion } from "../../functions/failover/artifact";
import { StackPlan } from "../../tools/bringUp";
import { named, ofType, plan } from "../helpers";

function appSettings(p: StackPlan): Record<string, string> {
    const app = named(p, "failover-app").inputs as any;
    return Object.fromEntries(app.siteConfig.appSettings.map((s: { name: string; value: string }) => [s.name, s.value]));
}

/** The entries of a zip, read from its central directory (APPNOTE.TXT 4.3.12) and inflated: a reader independent of the writer's loop. */
function unzip(zip: Buffer): Record<string, Buffer> {
    const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    assert.ok(end >= 0, "no end of central directory record");
    const count = zip.readUInt16LE(end + 10);
    let at = zip.readUInt32LE(end + 16);
    const out: Record<string, Buffer> = {};
    for (let i = 0; i < count; i++) {
        assert.strictEqual(zip.readUInt32LE(at), 0x02014b50, `central directory entry ${i}`);
        const [method, crc, size, packedSize] = [zip.readUInt16LE(at + 10), zip.readUInt32LE(at + 16), zip.readUInt32LE(at + 24), zip.readUInt32LE(at + 20)];
        const nameLength = zip.readUInt16LE(at + 28);
        const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
        const local = zip.readUInt32LE(at + 42);
        assert.strictEqual(zip.readUInt32LE(local), 0x04034b50, `${name}: local header`);
        const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
        const packed = zip.subarray(dataAt, dataAt + packedSize);
        const data = method === 8 ? zlib.inflateRawSync(packed) : packed;
        assert.deepStrictEqual([data.length, zlib.crc32(data)], [size, crc], `${name}: size and CRC`);
        out[name] = data;
        at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    }
    return out;
}

describe("failover package with shared keys off", () => {
    let standby: StackPlan;
    before(async () => {
        standby = await plan("secondary");
    });

    it("nothing uploads with the account key: no azure-native storage:Blob, an Entra ID upload instead", () => {
        assert.deepStrictEqual(
            ofType(standby, "azure-native:storage:Blob").map((r) => r.name),
            [],
            "azure-native's Blob lists the account keys and signs with them, which an account with allowSharedKeyAccess: false refuses",
        );
        const pkg = named(standby, "failover-package");
        assert.strictEqual(pkg.type, packageBlobType);
        const provider = String((pkg.inputs as any).__provider);
        assert.match(provider, /new DefaultAzureCredential\(\)/, "the upload authenticates with an Entra ID token");
        assert.match(provider, /BlockBlobClient/);
        assert.doesNotMatch(provider, /SharedKeyCredential|AccountKey|listKeys|listStorageAccountKeys|sig=/i, "no key or SAS on the upload path");
        const host = named(standby, "failover-host").inputs as any;
        assert.deepStrictEqual([host.allowSharedKeyAccess, host.allowBlobPublicAccess], [false, false]);
        assert.strictEqual((named(standby, "failover-packages").inputs as any).publicAccess, "None");
    });

    it("the upload sends the built package of this version to the private packages container", () => {
        const pkg = named(standby, "failover-package").inputs as any;
        const host = named(standby, "failover-host");
        assert.deepStrictEqual(
            { blobEndpoint: pkg.blobEndpoint, containerName: pkg.containerName, blobName: pkg.blobName, packageDir: pkg.packageDir },
            {
                blobEndpoint: (host.state as any).primaryEndpoints.blob,
                containerName: "packages",
                blobName: `failover-${failoverPackageVersion()}.zip`,
                packageDir: failoverPackageProjectDir(),
            },
        );
    });

    it("the app runs the blob by its plain URL, fetched with its user-assigned identity, and needs no Azure Files share", () => {
        const env = appSettings(standby);
        const pkg = named(standby, "failover-package").inputs as any;
        assert.strictEqual(env.WEBSITE_RUN_FROM_PACKAGE, packageBlobUrl(pkg));
        assert.doesNotMatch(env.WEBSITE_RUN_FROM_PACKAGE, /\?/, "no SAS in the URL");
        const identity = named(standby, "failover-identity").state as any;
        assert.strictEqual(env.WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID, identity.id);
        assert.deepStrictEqual((named(standby, "failover-app").inputs as any).identity.userAssignedIdentities, [identity.id]);
        // The identity reads blobs on the host account (Owner includes Reader's data actions: Microsoft Learn, "Azure built-in roles").
        const grant = named(standby, "failover-host-storage").inputs as any;
        assert.deepStrictEqual(
            [grant.principalId, String(grant.roleDefinitionId).split("/").pop(), grant.scope],
            [identity.principalId, builtInRoles.storageBlobDataOwner, (named(standby, "failover-host").state as any).id],
        );
        // Azure Files takes only a connection string with the account key.
        for (const key of ["WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "WEBSITE_CONTENTSHARE", "AzureWebJobsStorage"]) assert.ok(!(key in env), key);
        assert.strictEqual(env.AzureWebJobsStorage__credential, "managedidentity");
    });

    it("the app starts after the package is up", () => {
        const app = named(standby, "failover-app");
        assert.ok(app.options.dependsOn.includes(named(standby, "failover-package").urn));
    });

    it("the zip is deterministic and holds the package's files as they are", () => {
        const files = [
            { name: "host.json", data: Buffer.from('{"version":"2.0"}') },
            { name: "index.js", data: Buffer.from("module.exports = {};\n".repeat(200)) },
        ];
        const zip = zipFiles(files);
        assert.ok(zip.equals(zipFiles(files)), "same files, same bytes");
        assert.deepStrictEqual(unzip(zip), Object.fromEntries(files.map((f) => [f.name, f.data])));
    });
});
