// Random command sequences over the simulated pair (world.ts), for
// fast-check's model-based runner: events through the global name and
// straight to a region, the primary's nodes going and coming back, the
// failover function, storage time passing, faults on every kind of call, and
// drctl's real runbooks through its real runner (`run`), each possibly killed
// at any call and resumed by a later run of the same command with the same
// journal. The world checks invariants 1-3, 5 and 6; a refusal is checked
// here (invariant 4).
import fc from "fast-check";
import { Command, pairKey, run, stepsFor } from "../../../tools/drctl/index";
import type { PairOutputs } from "../../../tools/drctl/outputs";
import { Journal } from "../../../tools/drctl/runbook";
import { Api, apis, FaultKind, Kill, regionNames, Violation, World, WorldOptions } from "./world";

type Runbook = Exclude<Command, "status">;
export interface DrctlRun {
    command: Runbook;
    phase?: 1 | 2;
    force?: boolean;
    /** clean-secondary --primary-down. */
    primaryDown?: boolean;
    /** --fresh: start over instead of resuming an unfinished run. */
    fresh?: boolean;
    /** The person's answer to the promotion's question. */
    answer?: boolean;
    kill?: Kill;
}

/** A person at drctl: runs it, and after a failure runs it again a little later (as its `next:` line says), up to `attempts` times. */
interface Person extends DrctlRun {
    attempts: number;
}

/** A journal that tells when each step is done: where a refusal's own changes begin, and where its waits end. */
class StepJournal extends Journal {
    constructor(
        file: string,
        command: string,
        now: () => Date,
        fresh: boolean,
        private readonly done: () => void,
    ) {
        super(file, command, now, fresh);
    }

    override markDone(stepId: string, at: Date, ms: number): void {
        super.markDone(stepId, at, ms);
        this.done();
    }
}

/** Where two fingerprints first differ, as a path and both values. */
function firstDifference(a: unknown, b: unknown, at = ""): string | undefined {
    if (JSON.stringify(a) === JSON.stringify(b)) return undefined;
    if (a && b && typeof a === "object" && typeof b === "object") {
        for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
            const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`);
            if (d) return d;
        }
    }
    return `${at}: ${JSON.stringify(a)?.slice(0, 160)} became ${JSON.stringify(b)?.slice(0, 160)}`;
}

const describeRun = (r: DrctlRun) =>
    `${r.command}${r.phase ? ` --phase ${r.phase}` : ""}${r.force ? " --force" : ""}${r.primaryDown ? " --primary-down" : ""}${r.fresh ? " --fresh" : ""}${r.answer === false ? " (answered no)" : ""}${r.kill ? ` (killed at call ${r.kill.atCall}${r.kill.afterSteps ? ` after ${r.kill.afterSteps} step(s)` : ""}${r.kill.afterEffect ? ", after its effect" : ""})` : ""}`;

/**
 * One drctl run on the world, as `npm run drctl -- <command>` runs it, with
 * the journal of the world's pair; then invariant 4 on a refusal: refused at
 * the first step (or before any), nothing changed; refused later, that step
 * deleted, reset and patched nothing, and a pair that served still does.
 */
export async function drctl(w: World, r: DrctlRun): Promise<{ code: number; lines: string[] }> {
    const before = w.fingerprint();
    const servedAtStart = regionNames.some((n) => w.serving(n));
    let marks = w.dataMarks();
    const journal = new StepJournal(Journal.path(w.journalDir, pairKey(w.outputs), r.command), r.command, () => new Date(w.now + w.o.skewMs), r.fresh ?? false, () => {
        marks = w.dataMarks();
        w.stepDone();
    });
    const lines: string[] = [];
    const { code } = await w.drive(r.kill, () => run(r.command, w.context(journal, r), { dryRun: false, phase: r.phase, primaryDown: r.primaryDown }, (l) => lines.push(l)));
    w.log(`drctl ${describeRun(r)}: ${lines.filter((l) => /^(refused|failed): /.test(l)).join(" ") || `exit ${code}`}`);
    if (code === 0) w.completedSinceFailover.add(r.command);
    if (code !== 3 || w.killed) return { code, lines };
    const steps = stepsFor(r.command, r);
    const at = steps.findIndex((s) => !journal.isDone(s.id));
    const refusal = `drctl ${describeRun(r)} refused (${lines.find((l) => l.startsWith("refused: "))})`;
    if (at === 0 || !lines.some((l) => /^\[\d+\/\d+\] /.test(l))) {
        const after = w.fingerprint();
        if (after !== before) throw new Violation(`invariant 4: ${refusal} before it changed anything, yet ${firstDifference(JSON.parse(before), JSON.parse(after))}`);
    } else {
        if (w.dataMarks() !== marks) throw new Violation(`invariant 4: ${refusal} at ${steps[at].id}, after that step deleted, reset or patched something: ${marks} became ${w.dataMarks()}`);
        if (servedAtStart && !regionNames.some((n) => w.servingOrStarting(n))) throw new Violation(`invariant 4: ${refusal} at ${steps[at].id}, leaving no region serving`);
    }
    return { code, lines };
}

type SimCommand = fc.AsyncCommand<object, World>;

/** A command of the sequence: it acts, then every invariant is checked. */
function command(name: string, act: (w: World) => unknown): SimCommand {
    return {
        check: () => true,
        run: async (_m, w) => {
            await act(w);
            w.assertInvariants();
        },
        toString: () => name,
    };
}

async function persist(w: World, p: Person): Promise<void> {
    for (let i = 1; (await drctl(w, i === 1 ? p : { ...p, kill: undefined, fresh: false })).code === 1 && i < p.attempts; i++) w.advance(2 * 60_000);
}

const drctlCommand = (p: Person) => command(`drctl ${describeRun(p)}${p.attempts > 1 ? ` (up to ${p.attempts} runs)` : ""}`, (w) => persist(w, p));
const attempts = fc.constantFrom(1, 4);

/** Most runs go through; some are killed at a random call or between two steps, before or after that call's effect. */
const kill: fc.Arbitrary<Kill | undefined> = fc.oneof(
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.record({ afterSteps: fc.integer({ min: 0, max: 15 }), atCall: fc.integer({ min: 1, max: 12 }), afterEffect: fc.boolean() }) },
);

const ingest = fc.integer({ min: 1, max: 4 }).map((k) => command(`Ingest(${k})`, (w) => w.ingest(k)));
const direct = fc.record({ to: fc.constantFrom(...regionNames), k: fc.integer({ min: 1, max: 3 }) }).map(({ to, k }) => command(`DirectWrite(${to}, ${k})`, (w) => w.ingest(k, to)));
const advance = fc.integer({ min: 1, max: 30 }).map((m) => command(`Advance(${m} min)`, (w) => w.advance(m * 60_000)));
const primaryDown = fc.constant(command("PrimaryDown", (w) => w.setPrimaryNodes(false)));
const primaryBack = fc.constant(command("PrimaryBack", (w) => w.setPrimaryNodes(true)));
const automaticFailover = fc.constant(command("AutomaticFailover", (w) => w.automaticFailover()));
const fault = fc
    .record({ api: fc.constantFrom<Api>(...apis), kind: fc.constantFrom<FaultKind>(409, 429, 503, "timeout"), remaining: fc.integer({ min: 1, max: 3 }) })
    .map((f) => command(`Fault(${f.api} ${f.kind} ×${f.remaining})`, (w) => w.inject(f)));
const noFinalSnapshot = fc.constant(command("NoFinalSnapshot", (w) => void (w.noFinalSnapshot = true)));
const emptyRecoverySource = fc.constant(command("RecoverySourceEmpty", (w) => void w.emptyRecoverySource++));
const clearFaults = fc.constant(command("ClearFaults", (w) => w.clearFaults()));
const failover = fc.record({ force: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }), kill, attempts }).map((o) => drctlCommand({ command: "failover", ...o }));
const promote = fc.record({ phase: fc.constantFrom<1 | 2>(1, 2), answer: fc.boolean(), kill, attempts }).map((o) => drctlCommand({ command: "promote", ...o }));
const failback = fc.record({ fresh: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }), kill, attempts }).map((o) => drctlCommand({ command: "failback", ...o }));
const clean = fc.record({ primaryDown: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }), kill, attempts }).map((o) => drctlCommand({ command: "clean-secondary", ...o }));
const rotate = fc.record({ fresh: fc.boolean(), kill, attempts }).map((o) => drctlCommand({ command: "rotate-recovery-key", ...o }));
/** An operator who sees the failback through: until it finishes, then, once the primary has had time for a snapshot of its own, the clean-secondary. */
const failBackAndClean = fc.constant(
    command("drctl failback, then clean-secondary (each up to 4 runs)", async (w) => {
        await persist(w, { command: "failback", attempts: 4 });
        w.advance((w.o.snapshotEveryMinutes + 1) * 60_000);
        await persist(w, { command: "clean-secondary", attempts: 4 });
    }),
);

// Repeats weigh the draw towards whole DR cycles: an outage, a failover, the outage's end, a failback, time, a clean-secondary.
export const commandArbitrary = fc.commands(
    [ingest, ingest, ingest, direct, advance, advance, advance, primaryDown, primaryDown, primaryBack, primaryBack, automaticFailover, automaticFailover, fault, noFinalSnapshot, emptyRecoverySource, clearFaults, failover, promote, failback, failback, clean, clean, failBackAndClean, failBackAndClean, rotate, rotate],
    { maxCommands: 40, size: "max" },
);

/** Where a sequence starts: the pair as deployed, or after an outage the failover function failed over from. */
export interface SequenceOptions extends WorldOptions {
    failedOver: boolean;
}

export const sequenceOptions: fc.Arbitrary<SequenceOptions> = fc.record({
    skewMs: fc.integer({ min: -3 * 3_600_000, max: 3 * 3_600_000 }),
    snapshotEveryMinutes: fc.integer({ min: 5, max: 20 }),
    cold: fc.boolean(),
    failedOver: fc.boolean(),
});

/**
 * Events acknowledged by the primary, an outage, the function's failover,
 * the secondary serving (with a snapshot of its own) and acknowledging
 * more; then the outage ends: the stale primary serves again on its own
 * name, out of rotation.
 */
export async function failedOver(w: World): Promise<void> {
    w.ingest(3);
    w.setPrimaryNodes(false);
    await w.automaticFailover();
    w.advance((w.o.snapshotEveryMinutes + 2) * 60_000 + (w.o.cold ? 4 * 60_000 : 0));
    w.ingest(4);
    w.setPrimaryNodes(true);
    w.advance(60_000);
    w.assertInvariants();
}

/** One sequence on a fresh world; its journals are removed afterwards. The world is returned for what it saw. */
export async function runDrSequence(outputs: PairOutputs, options: SequenceOptions, commands: Iterable<SimCommand>): Promise<World> {
    const world = new World(outputs, options);
    try {
        if (options.failedOver) await failedOver(world);
        await fc.asyncModelRun(() => ({ model: {}, real: world }), commands);
        return world;
    } finally {
        world.dispose();
    }
}

/** The property: every sequence holds every invariant. `seen` counts the sequences that reached invariant 1's check. */
export const drSequenceProperty = (outputs: PairOutputs, seen = { cycles: 0 }) =>
    fc.asyncProperty(sequenceOptions, commandArbitrary, async (options, commands) => {
        if ((await runDrSequence(outputs, options, commands)).cycles) seen.cycles++;
    });
