// The DR state record's store contract, run against Azurite (a real blob
// service: leases, ETags, conditional writes) and against the in-memory store
// the simulation uses, so the simulation's store promises no more than the
// real one.
import * as assert from "assert";
import { BlobServiceClient, BlockBlobClient } from "@azure/storage-blob";
import { BlobStateStore, DrStateStore, FencedOut, leaseSeconds, StateSession } from "../../functions/failover/src/drState";
import { sharedAzurite } from "../background";
import { MemoryStateStore } from "./memoryStore";

const opened = async (store: DrStateStore): Promise<StateSession> => {
    const s = await store.open();
    assert.notStrictEqual(s, "busy");
    return s as StateSession;
};

interface Subject {
    store(): Promise<DrStateStore>;
    /** The storage service's clock now, epoch s. */
    now(): number;
    /** Overwrite the stored text, as another program might. */
    corrupt(text: string): Promise<void>;
}

function contract(name: string, subject: () => Subject) {
    describe(name, () => {
        let s: Subject;
        beforeEach(() => (s = subject()));

        it("the first open creates an armed record at token 0, in the service's time", async () => {
            const session = await opened(await s.store());
            assert.deepStrictEqual([session.state.phase, session.state.token, session.state.pending], ["armed", 0, []]);
            assert.ok(Math.abs(session.now - s.now()) <= 2, `${session.now} vs ${s.now()}`);
            await session.release();
        });

        it("one holder at a time: a second open is busy until the first releases", async () => {
            const store = await s.store();
            const first = await opened(store);
            assert.strictEqual(await store.open(), "busy");
            await first.write({ ...first.state, token: 1 });
            await first.release();
            const second = await opened(store);
            assert.strictEqual(second.state.token, 1);
            await second.release();
        });

        it("a person's seize breaks the holder's lease: the holder's next write is FencedOut, the person's stands", async () => {
            const store = await s.store();
            const holder = await opened(store);
            const person = await store.seize();
            await person.write({ ...person.state, phase: "stood-down", token: 1, holder: { kind: "person", id: "p" } });
            await assert.rejects(holder.write({ ...holder.state, phase: "failing-over", token: 1 }), FencedOut);
            await person.release();
            await holder.release().catch(() => undefined);
            const after = await opened(store);
            assert.deepStrictEqual([after.state.phase, after.state.holder.kind], ["stood-down", "person"]);
            await after.release();
        });

        it("successive writes of one session each see the previous (the ETag moves with them)", async () => {
            const store = await s.store();
            const session = await opened(store);
            await session.write({ ...session.state, token: 1 });
            await session.write({ ...session.state, token: 2 });
            assert.strictEqual(session.state.token, 2);
            await session.release();
        });

        it("a record this version cannot read is an error, never a silent fresh start", async () => {
            await (await opened(await s.store())).release();
            await s.corrupt('{"token": 3}');
            await assert.rejects((await s.store()).open(), /not one this version reads/);
        });
    });
}

describe("the DR state record's store", function () {
    this.timeout(30_000);
    let n = 0;

    contract("in Azurite", () => {
        const name = `contract-${process.pid}-${n++}.json`;
        let blob: BlockBlobClient | undefined;
        const client = async () => {
            if (!blob) {
                const container = BlobServiceClient.fromConnectionString((await sharedAzurite()).connectionString).getContainerClient("dr-witness");
                await container.createIfNotExists();
                blob = container.getBlockBlobClient(name);
            }
            return blob;
        };
        return {
            store: async () => new BlobStateStore(await client()),
            now: () => Date.now() / 1000,
            corrupt: async (text) => void (await (await client()).upload(text, text.length)),
        };
    });

    describe("in memory", () => {
        let clock = 1_900_000_000_000;
        let memory: MemoryStateStore;
        contract("(the same contract)", () => {
            memory = new MemoryStateStore(() => clock);
            return { store: async () => memory, now: () => clock / 1000, corrupt: async (text) => memory.overwrite(text) };
        });

        it("a lease lapses after leaseSeconds of service time", async () => {
            memory = new MemoryStateStore(() => clock);
            await opened(memory);
            assert.strictEqual(await memory.open(), "busy");
            clock += leaseSeconds * 1000;
            await (await opened(memory)).release();
        });
    });
});
