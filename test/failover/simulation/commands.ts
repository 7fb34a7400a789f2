// Random command sequences over a simulated pair (world.ts), for fast-check's
// model-based runner: the primary going down, coming back and flapping;
// alerts fired, resolved, lost, replayed and forged; evaluations on several
// instances at once; 429s, 5xx and hangs on every API; a person standing the
// function down or re-arming it. The World checks the invariants after every
// step; `simulate` runs a sequence and then lets the faults clear.
import { ContainerClient } from "@azure/storage-blob";
import fc from "fast-check";
import { BlobStateStore, DrStateStore } from "../../../functions/failover/src/drState";
import { evaluationPeriodSeconds, failoverConfirmation } from "../../../contract";
import { Api, apis, FaultKind, World, WorldOptions } from "./world";

type Command = fc.AsyncCommand<object, World>;

function command(name: string, run: (w: World) => Promise<void>): Command {
    return { check: () => true, run: (_m, w) => run(w), toString: () => name };
}

const down = fc.constantFrom("503" as const, "hang" as const).map((as) => command(`PrimaryDown(${as})`, async (w) => {
    w.downAs = as;
    w.setPrimary(false);
}));
const up = fc.constant(command("PrimaryUp", async (w) => w.setPrimary(true)));
const advance = fc.integer({ min: 1, max: 150 }).map((s) => command(`Advance(${s})`, (w) => w.advance(s)));
/** Outages shorter than the world's confirmation window, each followed by time up: must never fail over (invariant 4). */
const flap = fc
    .record({ downShare: fc.double({ min: 0.05, max: 0.99, noNaN: true }), upSeconds: fc.integer({ min: Math.ceil(1.5 * evaluationPeriodSeconds), max: 90 }), cycles: fc.integer({ min: 1, max: 6 }) })
    .map(({ downShare, upSeconds, cycles }) =>
        command(`Flap(${Math.round(downShare * 100)}% of the window down, ${upSeconds}s up, ×${cycles})`, async (w) => {
            const downSeconds = Math.max(1, Math.floor(downShare * w.o.confirmationSeconds) - 1);
            for (let i = 0; i < cycles; i++) {
                w.setPrimary(false);
                await w.advance(downSeconds);
                w.setPrimary(true);
                await w.advance(upSeconds);
            }
        }),
    );
const forgedTimes = ["1970-01-01T00:00:01Z", "-6", "2999-01-01T00:00:00Z", "not a time"];
const alert = fc
    .record({
        condition: fc.constantFrom("Fired" as const, "Resolved" as const),
        firedDateTime: fc.option(fc.constantFrom(...forgedTimes), { nil: undefined }),
        wrong: fc.constantFrom("none", "none", "rule", "target"),
        instance: fc.nat(2),
    })
    .map(({ condition, firedDateTime, wrong, instance }) =>
        command(`Alert(${condition}${firedDateTime ? `, firedDateTime ${firedDateTime}` : ""}${wrong !== "none" ? `, wrong ${wrong}` : ""})`, async (w) => {
            const body = w.alertBody(condition, { firedDateTime, rule: wrong === "rule" ? "someone-elses-rule" : undefined, target: wrong === "target" ? "/subscriptions/x/resourceGroups/y/providers/Microsoft.Network/trafficManagerProfiles/other" : undefined });
            const status = await w.deliver(body, instance % w.o.instances);
            if (wrong !== "none" && status !== 400) throw new Error(`a forged alert (wrong ${wrong}) was answered ${status}, not 400`);
        }),
    );
const replay = fc.constant(command("ReplayLastAlert", async (w) => void (w.lastDelivery && (await w.deliver(w.lastDelivery, 0)))));
const lose = fc.constant(command("LoseNextAlert", async (w) => void (w.loseNextAlert = true)));
const concurrent = fc.integer({ min: 1, max: 3 }).map((k) => command(`ConcurrentEvaluations(${k})`, (w) => w.evaluate(Array.from({ length: Math.min(k, w.o.instances) }, (_, i) => i))));
const fault = fc
    .record({ api: fc.constantFrom<Api>(...apis), kind: fc.constantFrom<FaultKind>(429, 500, 503, "hang"), remaining: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constant(Infinity)) })
    .map((f) => command(`Fault(${f.api} ${f.kind} ×${f.remaining})`, async (w) => w.inject(f)));
const recoverMidEvaluation = fc.constant(command("PrimaryRecoversAfterNextProbe", async (w) => void (w.recoverAfterProbes = 1)));
/** A person acts while an evaluation is in flight: the person starts after a random number of the evaluation's steps. */
const standDownDuringEvaluation = fc.nat(40).map((steps) =>
    command(`PersonStandsDownDuringEvaluation(after ${steps} steps)`, async (w) => {
        const person = (async () => {
            for (let i = 0; i < steps; i++) await Promise.resolve();
            await w.personTakesOver("stood-down", 0);
        })();
        await Promise.all([w.evaluate([0]), person]);
    }),
);
const personScales = fc.constantFrom(0, 2).map((n) => command(`PersonScalesOperator(${n})`, async (w) => w.personScales(n)));
const clear = fc.constant(command("ClearFaults", async (w) => w.clearFaults()));
const standDown = fc.boolean().map((scaleToZero) => command(`PersonStandsDown(${scaleToZero ? "and scales to 0" : ""})`, async (w) => void (await w.personTakesOver("stood-down", scaleToZero ? 0 : undefined))));
const rearm = fc.constant(command("PersonReArms", async (w) => void (await w.personTakesOver("armed"))));
const failBack = fc.constant(command("PersonFailsBack", (w) => w.personFailsBack()));

// Repeats weigh the draw towards outages that last, so most sequences reach a failover.
export const commandArbitrary = fc.commands([down, down, down, up, advance, advance, advance, advance, flap, alert, alert, replay, lose, concurrent, concurrent, fault, fault, clear, standDown, standDownDuringEvaluation, personScales, rearm, failBack, recoverMidEvaluation], { maxCommands: 40, size: "max" });

export const worldOptions: fc.Arbitrary<WorldOptions> = fc.record({
    instances: fc.integer({ min: 1, max: 3 }),
    confirmationProbes: fc.integer({ min: failoverConfirmation.probes.min, max: 6 }),
    confirmationSeconds: fc.integer({ min: failoverConfirmation.seconds.min, max: 240 }),
    cold: fc.boolean(),
    skewMs: fc.array(fc.integer({ min: -3_600_000, max: 3_600_000 }), { minLength: 4, maxLength: 4 }),
    latencySeed: fc.nat(),
});

/** Where the simulation keeps the DR state record: in memory, or each world's own blob on a real blob service (Azurite). */
export type Witness = ((serverTime: () => number) => DrStateStore) | undefined;

/** One sequence on a fresh world, then the faults clear and the world settles. */
export async function simulate(options: WorldOptions, commands: Iterable<Command>, witness?: Witness): Promise<World> {
    const world = new World(options, witness);
    await fc.asyncModelRun(() => ({ model: {}, real: world }), commands);
    await world.settle();
    return world;
}

export const property = (witness?: Witness) => fc.asyncProperty(worldOptions, commandArbitrary, async (options, commands) => void (await simulate(options, commands, witness)));

/** A witness on Azurite: a fresh blob per world, times from the simulated clock. */
export function azuriteWitness(container: ContainerClient): Witness {
    let n = 0;
    return (serverTime) => new BlobStateStore(container.getBlockBlobClient(`simulation-${process.pid}-${n++}.json`), { serverTime });
}
