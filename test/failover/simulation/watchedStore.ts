// A DR state store as one caller in the simulation reaches it: every call may
// meet an injected fault first, and every successful write is shown to the
// world, which checks each decision as it is recorded and keeps the latest
// record for its invariants. Wraps the in-memory store or the real blob store
// on Azurite alike.
import { DrState, DrStateStore, StateSession } from "../../../functions/failover/src/drState";

export interface Watcher {
    /** Runs before each storage call; throws to play an error or a timeout. */
    fault(): Promise<void>;
    /** Sees the record as read and each write (previous, next). */
    seen(state: DrState): void;
    written(previous: DrState, next: DrState): void;
}

export function watched(inner: DrStateStore, w: Watcher): DrStateStore {
    const wrap = (s: StateSession): StateSession => {
        w.seen(s.state);
        return {
            get state() {
                return s.state;
            },
            now: s.now,
            write: async (next) => {
                await w.fault();
                const previous = s.state;
                await s.write(next);
                w.written(previous, next);
            },
            release: async () => {
                await w.fault();
                await s.release();
            },
        };
    };
    return {
        open: async () => {
            await w.fault();
            const s = await inner.open();
            return s === "busy" ? s : wrap(s);
        },
        seize: async () => {
            await w.fault();
            return wrap(await inner.seize());
        },
    };
}
