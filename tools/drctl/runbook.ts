// Runbook steps: each idempotent, journaled, timed, and able to refuse with a
// reason and the command to run next. An interrupted run resumes after the
// last step that finished.
import * as fs from "fs";
import * as path from "path";

export interface StepContext {
    /** Progress inside a step (waits, counts). */
    progress(message: string): void;
}

export interface Step<C> {
    /** Stable identity, recorded in the journal. */
    id: string;
    title: string;
    /** The exact resources the step would touch, for --dry-run. */
    touches(ctx: C): string[];
    /** A reason to refuse (with its own next command, if not the step's), checked just before the step runs; undefined to go on. It may report what it looked at. */
    check?(ctx: C, step: StepContext): Promise<string | { reason: string; next: string } | undefined>;
    /** What to run after a refusal. */
    next?: string;
    run(ctx: C, step: StepContext): Promise<void>;
}

/** An error's first line, for a message of one line. */
export function firstLine(e: unknown): string {
    return (e instanceof Error ? e.message : String(e)).split("\n")[0];
}

/** A read's value, or the Error it ended with (a timeout included). */
export type Read<T> = T | Error;

/** `read`'s value within `ms`, or the Error that ended it; a read that takes the signal is cancelled at the bound. */
export async function bounded<T>(ms: number, read: (signal: AbortSignal) => Promise<T>): Promise<Read<T>> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
            const e = new Error(`timed out after ${ms / 1000} s`);
            // Settle first, so the read's own abort error does not replace this one.
            reject(e);
            controller.abort(e);
        }, ms);
    });
    try {
        return await Promise.race([read(controller.signal), timeout]);
    } catch (e) {
        return e instanceof Error ? e : new Error(String(e));
    } finally {
        clearTimeout(timer);
    }
}

export class Refusal extends Error {
    constructor(
        readonly stepId: string,
        readonly reason: string,
        readonly next: string,
    ) {
        super(`refused at ${stepId}: ${reason}`);
        this.name = "Refusal";
    }
}

interface JournalFile {
    command: string;
    startedAt: string;
    finishedAt?: string;
    /** Values steps record for later steps (the failover time, say). */
    facts: Record<string, string>;
    done: Record<string, { at: string; ms: number }>;
}

/** What a run has done so far, on disk, so the next run can resume. */
export class Journal {
    private data: JournalFile;

    /** Resumes the unfinished run of `command` in `file`, unless `fresh`. */
    constructor(
        private readonly file: string,
        command: string,
        now: () => Date,
        fresh = false,
    ) {
        const existing = !fresh && fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as JournalFile) : undefined;
        this.data = existing && existing.command === command && !existing.finishedAt ? existing : { command, startedAt: now().toISOString(), facts: {}, done: {} };
    }

    /** One journal per pair and command: another pair's run never resumes this one's. */
    static path(dir: string, pair: string, command: string): string {
        return path.join(dir, `${pair}.${command}.json`);
    }

    get resumed(): boolean {
        return Object.keys(this.data.done).length > 0;
    }

    isDone(stepId: string): boolean {
        return stepId in this.data.done;
    }

    fact(key: string): string | undefined {
        return this.data.facts[key];
    }

    setFact(key: string, value: string): void {
        this.data.facts[key] = value;
        this.save();
    }

    markDone(stepId: string, at: Date, ms: number): void {
        this.data.done[stepId] = { at: at.toISOString(), ms };
        this.save();
    }

    finish(at: Date): void {
        this.data.finishedAt = at.toISOString();
        this.save();
    }

    private save(): void {
        fs.mkdirSync(path.dirname(this.file), { recursive: true });
        fs.writeFileSync(this.file, `${JSON.stringify(this.data, null, 2)}\n`);
    }
}

export interface RunOptions {
    dryRun: boolean;
    write(line: string): void;
    now(): Date;
}

export interface StepReport {
    id: string;
    outcome: "ran" | "skipped" | "planned";
    ms: number;
}

/** Run steps in order; skip those the journal has; stop at the first refusal or failure. */
export async function runSteps<C>(command: string, steps: Step<C>[], ctx: C, journal: Journal, o: RunOptions): Promise<StepReport[]> {
    const reports: StepReport[] = [];
    if (journal.resumed && !o.dryRun) o.write(`resuming ${command}: ${steps.filter((s) => journal.isDone(s.id)).length} of ${steps.length} steps already done`);
    for (const [i, step] of steps.entries()) {
        const label = `[${i + 1}/${steps.length}] ${step.title}`;
        if (o.dryRun) {
            o.write(`${label}${journal.isDone(step.id) ? "  (done)" : ""}`);
            for (const t of step.touches(ctx)) o.write(`      ${t}`);
            reports.push({ id: step.id, outcome: "planned", ms: 0 });
            continue;
        }
        if (journal.isDone(step.id)) {
            o.write(`${label}  done earlier`);
            reports.push({ id: step.id, outcome: "skipped", ms: 0 });
            continue;
        }
        const started = o.now().getTime();
        const refusal = await step.check?.(ctx, { progress: (m) => o.write(`      ${m}`) });
        if (typeof refusal === "string") throw new Refusal(step.id, refusal, step.next ?? `npm run drctl -- ${command}`);
        if (refusal !== undefined) throw new Refusal(step.id, refusal.reason, refusal.next);
        o.write(`${label} ...`);
        await step.run(ctx, { progress: (m) => o.write(`      ${m}`) });
        const ms = o.now().getTime() - started;
        journal.markDone(step.id, o.now(), ms);
        o.write(`${label}  done in ${(ms / 1000).toFixed(1)} s`);
        reports.push({ id: step.id, outcome: "ran", ms });
    }
    if (!o.dryRun) journal.finish(o.now());
    return reports;
}

/** Poll until `done` says so, at most `timeoutMs`; report each wait. */
export async function waitFor(what: string, done: () => Promise<boolean>, o: { timeoutMs: number; pollMs: number; step: StepContext; sleep?: (ms: number) => Promise<void> }): Promise<void> {
    const sleep = o.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
    const deadline = Date.now() + o.timeoutMs;
    for (let attempt = 1; ; attempt++) {
        if (await done()) return;
        if (Date.now() >= deadline) throw new Error(`gave up waiting for ${what} after ${Math.round(o.timeoutMs / 1000)} s`);
        if (attempt === 1 || attempt % 10 === 0) o.step.progress(`waiting for ${what}`);
        await sleep(o.pollMs);
    }
}
