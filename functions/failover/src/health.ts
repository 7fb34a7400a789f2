// A direct probe of the primary, counted as Traffic Manager counts it: up is
// HTTP 200 within the timeout; another status, a redirect or no answer is
// down. Like Traffic Manager's HTTPS probe, it does not validate the
// certificate (Microsoft Learn, "Traffic Manager endpoint monitoring":
// certificate errors are not treated as failures), so an expired or
// mismatched certificate is not an outage.
import * as http from "http";
import * as https from "https";

export interface ProbeResult {
    up: boolean;
    detail: string;
}

export function probeHealth(url: string, timeoutMs: number): Promise<ProbeResult> {
    return new Promise((resolve) => {
        const u = new URL(url);
        const get = u.protocol === "https:" ? https.get : http.get;
        const req = get(u, { rejectUnauthorized: false, timeout: timeoutMs, agent: false }, (res) => {
            res.resume();
            clearTimeout(deadline);
            resolve({ up: res.statusCode === 200, detail: `HTTP ${res.statusCode}` });
            req.destroy();
        });
        // `timeout` bounds only socket idleness; this bounds the whole exchange.
        const deadline = setTimeout(() => {
            req.destroy();
            resolve({ up: false, detail: `no answer within ${timeoutMs} ms` });
        }, timeoutMs);
        req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
        req.on("error", (e) => {
            clearTimeout(deadline);
            resolve({ up: false, detail: `no answer: ${e.message}` });
        });
    });
}
