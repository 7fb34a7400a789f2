// Split-brain fencing. One blob in the standby's storage account is the
// witness: an invocation acts only while it holds the blob's lease, and each
// attempt writes the next fencing token with an ETag-conditional write.
import { BlobLeaseClient, BlockBlobClient, RestError } from "@azure/storage-blob";

export interface FenceRecord {
    /** Monotonically increasing: the newest attempt's number. */
    token: number;
    /** When the last failover completed (epoch seconds). */
    lastFailoverEpoch?: number;
    holder?: string;
}

export interface Fence {
    readonly record: FenceRecord;
    /** Write the next token (only if the blob is unchanged since read) and return it. */
    advance(): Promise<number>;
    recordFailover(epochSeconds: number): Promise<void>;
    /** Keep the lease through a long wait. */
    renew(): Promise<void>;
    release(): Promise<void>;
}

export interface WitnessPort {
    /** The fence, or undefined when another invocation holds it. */
    acquire(holder: string): Promise<Fence | undefined>;
}

export const leaseSeconds = 60;

const statusOf = (e: unknown) => (e instanceof RestError ? e.statusCode : undefined);

export class BlobWitness implements WitnessPort {
    constructor(private readonly blob: BlockBlobClient) {}

    async acquire(holder: string): Promise<Fence | undefined> {
        const lease = this.blob.getBlobLeaseClient();
        try {
            await lease.acquireLease(leaseSeconds);
        } catch (e) {
            if (statusOf(e) === 409) return undefined; // leased by another invocation
            if (statusOf(e) !== 404) throw e;
            await this.create();
            try {
                await lease.acquireLease(leaseSeconds);
            } catch (again) {
                if (statusOf(again) === 409) return undefined;
                throw again;
            }
        }
        try {
            return await this.fence(lease, holder);
        } catch (e) {
            await lease.releaseLease().catch(() => undefined);
            throw e;
        }
    }

    private async create(): Promise<void> {
        const initial = JSON.stringify({ token: 0 } satisfies FenceRecord);
        try {
            await this.blob.upload(initial, Buffer.byteLength(initial), { conditions: { ifNoneMatch: "*" } });
        } catch (e) {
            if (statusOf(e) !== 409 && statusOf(e) !== 412) throw e; // created meanwhile
        }
    }

    private async fence(lease: BlobLeaseClient, holder: string): Promise<Fence> {
        const read = await this.blob.download();
        let etag = read.etag!;
        const body = await streamText(read.readableStreamBody!);
        const record = parseRecord(body);
        const write = async (next: FenceRecord) => {
            const text = JSON.stringify(next);
            const res = await this.blob.upload(text, Buffer.byteLength(text), { conditions: { leaseId: lease.leaseId, ifMatch: etag } });
            etag = res.etag!;
            Object.assign(record, next);
        };
        return {
            record,
            advance: async () => {
                await write({ ...record, token: record.token + 1, holder });
                return record.token;
            },
            recordFailover: (epochSeconds) => write({ ...record, lastFailoverEpoch: epochSeconds }),
            renew: async () => {
                await lease.renewLease();
            },
            release: async () => {
                await lease.releaseLease();
            },
        };
    }
}

function parseRecord(text: string): FenceRecord {
    const parsed = JSON.parse(text || "{}") as Partial<FenceRecord>;
    if (!Number.isInteger(parsed.token) || (parsed.token as number) < 0) throw new Error(`witness blob holds no valid token: ${text.slice(0, 100)}`);
    return { token: parsed.token as number, lastFailoverEpoch: parsed.lastFailoverEpoch, holder: parsed.holder };
}

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c));
    return Buffer.concat(chunks).toString("utf8");
}
