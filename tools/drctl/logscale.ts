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
