// Shared pieces of the loopback fakes: a server on 127.0.0.1 with a random
// port, request bodies, JSON answers, and JSON merge patch.
import * as fs from "fs";
import * as http from "http";
import * as https from "https";
import * as path from "path";
import { AddressInfo } from "net";

export interface Recorded {
    at: number;
    method: string;
    path: string;
    contentType?: string;
    body?: any;
}

/** What a fake does instead of answering: an HTTP status (with a generic error body), or never answering. */
export type Fault = number | "hang";

/** Faults a fake plays in turn, one per request, before it answers normally again. */
export class FaultQueue {
    private queue: Fault[] = [];
    /** Play these, in order, on the next requests. */
    next(...faults: Fault[]): void {
        this.queue.push(...faults);
    }
    clear(): void {
        this.queue = [];
    }
    /** True when the request was answered (or left hanging) by a fault. */
    play(res: http.ServerResponse): boolean {
        const f = this.queue.shift();
        if (f === undefined) return false;
        if (f !== "hang") send(res, f, { error: { code: "Injected", message: `injected HTTP ${f}` } });
        return true;
    }
}

/** The loopback certificate (test/fixtures/tls): for fakes the Azure SDKs or fetch must reach over HTTPS. */
export const loopbackTls = () => ({ key: fs.readFileSync(path.join(tlsFixtures, "loopback.key")), cert: fs.readFileSync(path.join(tlsFixtures, "loopback.crt")) });
/** The authority that signed it: a child process trusts it through NODE_EXTRA_CA_CERTS. */
export const loopbackCa = path.join(__dirname, "..", "fixtures", "tls", "loopback-ca.crt");
const tlsFixtures = path.dirname(loopbackCa);

export async function listen(handler: http.RequestListener, o: { tls?: boolean } = {}): Promise<{ server: http.Server; url: string }> {
    const server = o.tls ? https.createServer(loopbackTls(), handler) : http.createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return { server, url: `${o.tls ? "https" : "http"}://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export function readBody(req: http.IncomingMessage): Promise<string> {
    return new Promise((resolve) => {
        const chunks: Buffer[] = [];
        req.on("data", (c) => chunks.push(c));
        req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    });
}

export function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { "Content-Type": "application/json", ...headers });
    res.end(JSON.stringify(body));
}

/** RFC 7386 JSON merge patch: objects merge, null deletes, everything else replaces. */
export function mergePatch(target: any, patch: any): any {
    if (!patch || typeof patch !== "object" || Array.isArray(patch)) return patch;
    const out = target && typeof target === "object" && !Array.isArray(target) ? { ...target } : {};
    for (const [k, v] of Object.entries(patch)) {
        if (v === null) delete out[k];
        else out[k] = mergePatch(out[k], v);
    }
    return out;
}
