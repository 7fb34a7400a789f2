// npm run failover:serve — a local stand-in for the Functions host: serves the
// alert trigger on 127.0.0.1 (POST /api/alert) and runs the evaluation timer
// every evaluationPeriodSeconds, with the same environment variables as in
// Azure. A bad configuration stops it before it listens, naming each setting.
import * as http from "http";
import { AddressInfo } from "net";
import { HttpRequest, InvocationContext, Timer } from "@azure/functions";
import { evaluationPeriodSeconds, failoverFunctions } from "../../../contract";
import { alertHandler, evaluationTimer } from "./index";
import { readSettings, SettingsError } from "./settings";

try {
    readSettings(process.env);
} catch (e) {
    if (!(e instanceof SettingsError)) throw e;
    process.stderr.write(`${e.message}\n`);
    process.exit(2);
}

const alertPath = `/api/${failoverFunctions.alert}`;

function context(functionName: string): InvocationContext {
    return new InvocationContext({
        functionName,
        invocationId: `${functionName}-${Date.now()}`,
        logHandler: (level, ...args) => console.log(`[${new Date().toISOString()}] ${functionName} ${level}: ${args.join(" ")}`),
    });
}

const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (req.method !== "POST" || new URL(req.url ?? "/", "http://localhost").pathname !== alertPath) {
        res.writeHead(404, { "Content-Type": "application/json" }).end(JSON.stringify({ error: `POST ${alertPath}` }));
        return;
    }
    const request = new HttpRequest({ method: "POST", url: `http://127.0.0.1${req.url}`, body: { string: Buffer.concat(chunks).toString("utf8") }, headers: { "content-type": "application/json" } });
    const response = await alertHandler(request, context(failoverFunctions.alert));
    res.writeHead(response.status ?? 200, { "Content-Type": "application/json" }).end(JSON.stringify(response.jsonBody ?? {}));
});

server.listen(Number(process.env.PORT ?? 7071), "127.0.0.1", () => {
    console.log(`failover function listening on http://127.0.0.1:${(server.address() as AddressInfo).port}${alertPath}`);
});

const timer: Timer = { isPastDue: false, schedule: { adjustForDST: false }, scheduleStatus: { last: "", next: "", lastUpdated: "" } };
setInterval(() => evaluationTimer(timer, context(failoverFunctions.timer)).catch(() => undefined), evaluationPeriodSeconds * 1000).unref();
process.on("SIGTERM", () => server.close(() => process.exit(0)));
