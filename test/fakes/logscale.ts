// A region's LogScale as drctl sees it on the cluster FQDN: the health URL,
// and the GraphQL mutation that enables flush-on-shutdown.
import * as http from "http";
import { listen, readBody, send } from "./http";

export class FakeLogScale {
    status = 200;
    flushOnShutdown = false;
    /** Whether, with flush-on-shutdown on, stopping writes a final global snapshot (a test turns it off to play a failed flush). */
    writesFinalSnapshot = true;
    private server!: http.Server;
    url = "";

    /** `tls`: on HTTPS with the loopback certificate, as LogScale answers on its cluster FQDN. */
    async start(o: { tls?: boolean } = {}): Promise<this> {
        ({ server: this.server, url: this.url } = await listen(async (req, res) => {
            const body = await readBody(req);
            const path = new URL(req.url!, "http://x").pathname;
            if (path === "/api/v1/status") return send(res, this.status, { status: this.status === 200 ? "OK" : "down" });
            if (path === "/graphql" && req.method === "POST") {
                if (req.headers.authorization !== "Bearer admin-token") return send(res, 401, { errors: [{ message: "unauthorized" }] });
                if (/setDynamicConfig\(input: \{config: FlushSegmentsAndGlobalOnShutdown, value: "true"\}\)/.test(JSON.parse(body).query)) {
                    this.flushOnShutdown = true;
                    return send(res, 200, { data: { setDynamicConfig: true } });
                }
                return send(res, 200, { errors: [{ message: "unknown query" }] });
            }
            send(res, 404, {});
        }, o));
        return this;
    }

    stop(): Promise<void> {
        return new Promise((resolve) => this.server.close(() => resolve()));
    }
}
