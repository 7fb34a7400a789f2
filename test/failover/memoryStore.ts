// The DR state record in memory, with the blob's semantics as the failover
// relies on them: a lease that one holder at a time has and that lapses after
// leaseSeconds of (simulated) time, a break that ends it at once, ETags that
// change on every write, and conditional writes that fail when either does
// not match. stateStore.spec.ts runs the same contract over this and over
// Azurite, so the simulation's store cannot promise more than the real one.
import { DrState, DrStateStore, FencedOut, initialState, leaseSeconds, parseState, seizeAttempts, StateSession } from "../../functions/failover/src/drState";

interface Blob {
    text?: string;
    etag: number;
    lease?: { id: number; until: number };
    leases: number;
}

export class MemoryStateStore implements DrStateStore {
    private readonly blob: Blob = { etag: 0, leases: 0 };

    /** `now`: the storage service's clock, epoch ms. */
    constructor(private readonly now: () => number) {}

    private seconds(): number {
        return Math.floor(this.now() / 1000);
    }

    private leased(): boolean {
        return this.blob.lease !== undefined && this.blob.lease.until > this.now();
    }

    async open(): Promise<StateSession | "busy"> {
        if (this.leased()) return "busy";
        if (this.blob.text === undefined) {
            this.blob.text = JSON.stringify(initialState(this.seconds()));
            this.blob.etag++;
        }
        const lease = { id: ++this.blob.leases, until: this.now() + leaseSeconds * 1000 };
        this.blob.lease = lease;
        let etag = this.blob.etag;
        let state = parseState(this.blob.text!);
        const now = this.seconds();
        return {
            get state() {
                return state;
            },
            now,
            write: async (next: DrState) => {
                if (this.blob.lease !== lease || !this.leased()) throw new FencedOut("lease lost");
                if (this.blob.etag !== etag) throw new FencedOut("ETag changed");
                this.blob.text = JSON.stringify(next);
                etag = ++this.blob.etag;
                state = next;
            },
            release: async () => {
                if (this.blob.lease === lease) this.blob.lease = undefined;
            },
        };
    }

    async seize(): Promise<StateSession> {
        for (let attempt = 0; attempt < seizeAttempts; attempt++) {
            this.blob.lease = undefined;
            const session = await this.open();
            if (session !== "busy") return session;
        }
        throw new Error(`the lease was taken again after each of ${seizeAttempts} breaks`);
    }

    /** The record as it stands, without the lease (BlobStateStore.peek), or undefined before the first open. */
    async peek(): Promise<DrState | undefined> {
        return this.blob.text === undefined ? undefined : parseState(this.blob.text);
    }

    /** Replace the stored text, as another program might. */
    overwrite(text: string): void {
        this.blob.text = text;
        this.blob.etag++;
    }
}
