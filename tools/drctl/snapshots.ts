// LogScale's global snapshots in a region's bucket. Only blobs under
// `<prefix>globalsnapshots/` may ever be deleted: data segments, other
// prefixes and other containers are never touched.
import { ContainerClient } from "@azure/storage-blob";

export interface SnapshotBlob {
    name: string;
    lastModified: Date;
    etag: string;
}

export class SnapshotPathError extends Error {}

/** The one prefix snapshot deletion may touch; refuses a prefix that could reach other data. */
export function snapshotPrefix(objectKeyPrefix: string): string {
    if (!objectKeyPrefix || !objectKeyPrefix.endsWith("/") || objectKeyPrefix.includes("..") || objectKeyPrefix.startsWith("/")) {
        throw new SnapshotPathError(`object key prefix ${JSON.stringify(objectKeyPrefix)} is not a folder like "lsdr-pri/"; refusing to delete anything`);
    }
    return `${objectKeyPrefix}globalsnapshots/`;
}

export class SnapshotStore {
    readonly prefix: string;

    constructor(
        private readonly container: ContainerClient,
        objectKeyPrefix: string,
    ) {
        this.prefix = snapshotPrefix(objectKeyPrefix);
    }

    get location(): string {
        return `${this.container.url}/${this.prefix}`;
    }

    async list(): Promise<SnapshotBlob[]> {
        const out: SnapshotBlob[] = [];
        for await (const b of this.container.listBlobsFlat({ prefix: this.prefix })) out.push({ name: b.name, lastModified: b.properties.lastModified!, etag: b.properties.etag! });
        return out.sort((a, b) => a.lastModified.getTime() - b.lastModified.getTime());
    }

    /** The storage service's clock now (the Date of its answer): what blob times are compared with, never the workstation's. */
    async serviceTime(): Promise<Date> {
        const res = await this.container.getProperties();
        if (!res.date) throw new Error(`the storage service gave no Date for ${this.container.url}`);
        return res.date;
    }

    async newest(): Promise<SnapshotBlob | undefined> {
        return (await this.list()).pop();
    }

    /** Delete every global snapshot, and nothing else. Returns what went. */
    async deleteAll(): Promise<string[]> {
        const deleted: string[] = [];
        for (const b of await this.list()) {
            // listBlobsFlat filters by prefix; check again before every delete.
            if (!b.name.startsWith(this.prefix)) throw new SnapshotPathError(`${b.name} is outside ${this.prefix}; refusing to delete it`);
            await this.container.deleteBlob(b.name, { deleteSnapshots: "include" });
            deleted.push(b.name);
        }
        return deleted;
    }
}
