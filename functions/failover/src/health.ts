// A direct probe of the primary: up means HTTP 200 within the timeout, as
// Traffic Manager counts it. Anything else — another status, a redirect, no
// answer — is down.
export interface ProbeResult {
    up: boolean;
    detail: string;
}

export async function probeHealth(url: string, timeoutMs: number): Promise<ProbeResult> {
    try {
        const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
        await res.body?.cancel();
        return { up: res.status === 200, detail: `HTTP ${res.status}` };
    } catch (e) {
        const reason = e instanceof Error && e.name === "TimeoutError" ? `no answer within ${timeoutMs} ms` : `no answer: ${e instanceof Error ? e.message : String(e)}`;
        return { up: false, detail: reason };
    }
}
