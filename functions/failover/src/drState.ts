// The pair's DR state record: one JSON blob (the witness) in the standby's
// storage account, read and written only under its lease and only if its
// ETag is unchanged since it was read. The failover function and every drctl
// command that changes the pair go through here. Times are the storage
// service's (the Date header of its responses), never a caller's clock or an
// alert's payload: instances whose clocks disagree still agree on the record.
// docs/design.md "The DR state record" has the phases and their transitions.
import { BlobLeaseClient, BlockBlobClient, RestError } from "@azure/storage-blob";
import { storageCallTimeoutSeconds } from "../../../contract";

/** What the function does in each phase is in failover.ts; drctl's phases are a person's (holder.kind "person"). */
export const functionPhases = ["armed", "confirming", "failing-over", "failed-over", "manual-required"] as const;
/** A person's phases (drctl): the function does nothing in them. `failed-back`: the primary serves again, the secondary is not yet clean. */
export const personPhases = ["stood-down", "failing-back", "failed-back"] as const;
export type FunctionPhase = (typeof functionPhases)[number];
export type PersonPhase = (typeof personPhases)[number];
export type DrPhase = FunctionPhase | PersonPhase;

export type PendingAction = { action: "start-agent-pool"; target: string } | { action: "scale-operator" } | { action: "disable-primary-endpoint" };

export interface Holder {
    kind: "function" | "person";
    /** A function instance, or the person (drctl's signed-in account). */
    id: string;
}

export interface DrState {
    phase: DrPhase;
    /** When the phase began (epoch s, storage service time). */
    since: number;
    /** Fencing token: raised by every takeover; a holder with an older one stands down. */
    token: number;
    holder: Holder;
    /** Consecutive failed direct probes of the primary, and when the first of them ran. */
    probes: { failed: number; firstFailedAt?: number; lastAt?: number };
    /** The last alert delivery (its condition, when it arrived): a hint, never a decision. */
    alert?: { condition: "Fired" | "Resolved"; at: number };
    /** Actions of the current failover not yet confirmed by reading them back. */
    pending: Array<PendingAction & { since: number; attempts: number; lastError?: string }>;
    /** When the last failover was decided (epoch s). */
    failedOverAt?: number;
    /** When the function last weighed evidence (epoch s); on a quiet pair refreshed every `heartbeatSeconds`, so status can tell a silent function. */
    evaluatedAt?: number;
    /** The most recent decisions, newest last, one readable line each. */
    decisions: Array<{ at: number; by: string; line: string }>;
}

export const decisionsKept = 20;
export const heartbeatSeconds = 300;

export function initialState(at: number): DrState {
    return { phase: "armed", since: at, token: 0, holder: { kind: "function", id: "initial" }, probes: { failed: 0 }, pending: [], decisions: [] };
}

/** `state` with one more decision line by `by` (who decided), the oldest dropped past `decisionsKept`. */
export function withDecision(state: DrState, at: number, by: string, line: string): DrState {
    return { ...state, decisions: [...state.decisions, { at, by, line }].slice(-decisionsKept) };
}

const phases: readonly string[] = [...functionPhases, ...personPhases];

/** The record from the blob's text; a record this code cannot read is an error, never a silent fresh start. */
export function parseState(text: string): DrState {
    let v: any;
    try {
        v = JSON.parse(text);
    } catch {
        throw new Error(`the DR state record is not JSON: ${text.slice(0, 80)}`);
    }
    const ok =
        v &&
        typeof v === "object" &&
        phases.includes(v.phase) &&
        Number.isInteger(v.token) &&
        v.token >= 0 &&
        Number.isFinite(v.since) &&
        (v.holder?.kind === "function" || v.holder?.kind === "person") &&
        Number.isInteger(v.probes?.failed) &&
        Array.isArray(v.pending) &&
        Array.isArray(v.decisions);
    if (!ok) throw new Error(`the DR state record is not one this version reads: ${text.slice(0, 120)}`);
    return v as DrState;
}

/** The lease was lost or the record changed since it was read: another holder (a person, usually) took over. */
export class FencedOut extends Error {
    constructor(detail: string) {
        super(`the DR state record changed under this holder (${detail}): standing down`);
        this.name = "FencedOut";
    }
}

/** The record as read under the lease: write it back (conditionally), keep the lease, release it. */
export interface StateSession {
    readonly state: DrState;
    /** Storage service time of the read, epoch s. */
    readonly now: number;
    /** Write `next` if the record is unchanged since this session read or last wrote it; FencedOut otherwise. */
    write(next: DrState): Promise<void>;
    release(): Promise<void>;
}

export interface DrStateStore {
    /** The record under a lease, or "busy" while another holder has it. */
    open(): Promise<StateSession | "busy">;
    /** A person's takeover: break any holder's lease, then open. */
    seize(): Promise<StateSession>;
}

/** How often a person's takeover breaks the lease before it gives up. */
export const seizeAttempts = 5;

/** Lease length: longer than one function invocation's budget (failover.ts), short enough that a crashed holder blocks little. */
export const leaseSeconds = 30;

const statusOf = (e: unknown) => (e instanceof RestError ? e.statusCode : undefined);
const epochSeconds = (d: Date | undefined) => Math.floor((d ?? new Date()).getTime() / 1000);

/** The record in a blob. `serverTime` replaces the service's Date header only in simulations with a controlled clock. */
export class BlobStateStore implements DrStateStore {
    constructor(
        private readonly blob: BlockBlobClient,
        private readonly o: { serverTime?: () => number; timeoutMs?: number } = {},
    ) {}

    private get options() {
        return { abortSignal: AbortSignal.timeout(this.o.timeoutMs ?? storageCallTimeoutSeconds * 1000) };
    }

    async open(): Promise<StateSession | "busy"> {
        const lease = this.blob.getBlobLeaseClient();
        try {
            await lease.acquireLease(leaseSeconds, this.options);
        } catch (e) {
            if (statusOf(e) === 409) return "busy";
            if (statusOf(e) !== 404) throw e;
            await this.create();
            try {
                await lease.acquireLease(leaseSeconds, this.options);
            } catch (again) {
                if (statusOf(again) === 409) return "busy";
                throw again;
            }
        }
        try {
            return await this.session(lease);
        } catch (e) {
            await lease.releaseLease(this.options).catch(() => undefined);
            throw e;
        }
    }

    /** The record as it stands, without the lease (for a status display), or undefined before the first evaluation. */
    async peek(): Promise<DrState | undefined> {
        try {
            const read = await this.blob.download(0, undefined, this.options);
            return parseState(await streamText(read.readableStreamBody!));
        } catch (e) {
            if (statusOf(e) === 404) return undefined;
            throw e;
        }
    }

    async seize(): Promise<StateSession> {
        // A function instance may take the lease between the break and the acquire: a few tries.
        for (let attempt = 0; attempt < seizeAttempts; attempt++) {
            await this.blob
                .getBlobLeaseClient()
                .breakLease(0, this.options)
                .catch((e) => {
                    // 404: no record yet; 409: no lease to break.
                    if (statusOf(e) !== 404 && statusOf(e) !== 409) throw e;
                });
            const session = await this.open();
            if (session !== "busy") return session;
        }
        throw new Error(`the DR state record's lease was taken again after each of ${seizeAttempts} breaks: run the command again`);
    }

    private async create(): Promise<void> {
        const text = JSON.stringify(initialState(this.o.serverTime?.() ?? epochSeconds(undefined)));
        try {
            await this.blob.upload(text, Buffer.byteLength(text), { conditions: { ifNoneMatch: "*" }, ...this.options });
        } catch (e) {
            if (statusOf(e) !== 409 && statusOf(e) !== 412) throw e; // created meanwhile
        }
    }

    private async session(lease: BlobLeaseClient): Promise<StateSession> {
        const read = await this.blob.download(0, undefined, this.options);
        let etag = read.etag!;
        let state = parseState(await streamText(read.readableStreamBody!));
        return {
            get state() {
                return state;
            },
            now: this.o.serverTime?.() ?? epochSeconds(read.date),
            write: async (next) => {
                const text = JSON.stringify(next);
                try {
                    const res = await this.blob.upload(text, Buffer.byteLength(text), { conditions: { leaseId: lease.leaseId, ifMatch: etag }, ...this.options });
                    etag = res.etag!;
                    state = next;
                } catch (e) {
                    const s = statusOf(e);
                    if (s === 409 || s === 412) throw new FencedOut(`HTTP ${s}`);
                    throw e;
                }
            },
            release: async () => {
                await lease.releaseLease(this.options);
            },
        };
    }
}

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c));
    return Buffer.concat(chunks).toString("utf8");
}
