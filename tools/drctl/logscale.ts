// LogScale's own API, reached on a region's cluster FQDN.
/** Make LogScale write every segment and a fresh global snapshot when it shuts down (failback step 5b). */
export async function enableFlushOnShutdown(baseUrl: string, token: string, timeoutMs = 30_000): Promise<void> {
    const res = await fetch(`${baseUrl}/graphql`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: 'mutation { setDynamicConfig(input: {config: FlushSegmentsAndGlobalOnShutdown, value: "true"}) }' }),
        signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await res.json().catch(() => ({}))) as { data?: { setDynamicConfig?: boolean }; errors?: Array<{ message: string }> };
    if (!res.ok || body.data?.setDynamicConfig !== true) {
        throw new Error(`LogScale did not enable flush-on-shutdown (HTTP ${res.status}${body.errors?.length ? `: ${body.errors.map((e) => e.message).join("; ")}` : ""})`);
    }
}

/** The DataSnapshotLoader lines a cold start from the peer's snapshot logs, in order. */
export const recoveryLogSequence = [
    "Trying to fetch a global snapshot as recovery source",
    "Fetched a global snapshot as recovery source",
    "updateSnapshotForDisasterRecovery: Patching region",
    "updateSnapshotForDisasterRecovery: Patching bucket",
];

/**
 * Why a cold start's recovery failed, from its logs, or undefined: the
 * recovery source held no snapshot ("…found no snapshot to fetch" after
 * "…as recovery source"), or the recovery bucket refused access (the 403s
 * the vendor's runbook warns of when the recovery variables are wrong).
 */
export function recoveryFailure(logs: string): string | undefined {
    const asSource = logs.indexOf(recoveryLogSequence[0]);
    if (asSource >= 0 && /found no snapshot to fetch/.test(logs.slice(asSource))) return "the recovery source holds no global snapshot (LogScale found no snapshot to fetch in the peer's bucket)";
    const denied = logs.split("\n").find((l) => /DataSnapshotLoader|recovery source/.test(l) && /\b403\b|AuthenticationFailed|AuthorizationFailure/.test(l));
    return denied ? `the recovery bucket refused access: ${denied.trim().slice(0, 200)}` : undefined;
}

/** How far through the recovery sequence these logs are (0 = not started, length = recovered). */
export function recoveryProgress(logs: string): number {
    let from = 0;
    let found = 0;
    for (const line of recoveryLogSequence) {
        const at = logs.indexOf(line, from);
        if (at < 0) break;
        from = at + line.length;
        found++;
    }
    return found;
}

/** The lines a recovery is judged by: its sequence, and anything the DataSnapshotLoader or the recovery source says (failures). */
const judgedBy = (line: string) => recoveryLogSequence.some((l) => line.includes(l)) || /DataSnapshotLoader|recovery source|found no snapshot to fetch/.test(line);

/** An RFC3339Nano timestamp in a form that sorts as it orders in time (the kubelet trims trailing zeros of the fraction). */
function sortable(ts: string): string {
    const [whole, fraction = ""] = ts.replace(/Z$/, "").split(".");
    return `${whole}.${fraction.padEnd(9, "0")}`;
}

/** How much earlier than the last read the next one starts: the kubelet's clock and the interval are coarse. */
const overlapSeconds = 5;

/**
 * The LogScale pods' logs, followed: each read asks only for the seconds
 * since the previous one (plus an overlap), skips the lines it has seen by
 * their timestamps, and keeps only the lines a recovery is judged by. The
 * log endpoint has `sinceSeconds`, relative to the kubelet's clock, not
 * `sinceTime`; only elapsed time on this machine is used, never its clock.
 */
export class RecoveryLog {
    private readonly cursors = new Map<string, { lastLine: string; atMs: number }>();
    private readonly kept: string[] = [];

    constructor(
        private readonly cluster: { pods(selector: string): Promise<Array<{ name: string; phase: string }>>; podLog(name: string, container: string, sinceSeconds?: number): Promise<string> },
        private readonly selector: string,
        private readonly container: string,
        private readonly elapsedMs: () => number,
    ) {}

    /** Every kept line so far, in order. */
    async read(): Promise<string> {
        // A container not started yet has no log (the API answers 400 "waiting to start"): read it next time.
        for (const pod of (await this.cluster.pods(this.selector)).filter((p) => p.phase !== "Pending")) {
            const before = this.cursors.get(pod.name);
            const atMs = this.elapsedMs();
            const text = await this.cluster.podLog(pod.name, this.container, before && Math.ceil((atMs - before.atMs) / 1000) + overlapSeconds);
            let lastLine = before?.lastLine ?? "";
            for (const raw of text.split("\n")) {
                const space = raw.indexOf(" ");
                if (space < 0) continue;
                const at = sortable(raw.slice(0, space));
                if (at <= lastLine) continue;
                lastLine = at;
                const line = raw.slice(space + 1);
                if (judgedBy(line)) this.kept.push(line);
            }
            this.cursors.set(pod.name, { lastLine, atMs });
        }
        return this.kept.join("\n");
    }
}
