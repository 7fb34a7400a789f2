// npm run failover:serve — a local stand-in for the Functions host: serves the
// alert trigger on 127.0.0.1 (POST /api/alert) and runs the evaluation timer
// every evaluationPeriodSeconds, with the same environment variables as in
// Azure. A bad configuration stops it before it listens, naming each setting.
// `--help` lists them (functions/failover/src/settings.ts reads them) and exits.
import * as http from "http";
import { AddressInfo } from "net";
import { HttpRequest, InvocationContext, Timer } from "@azure/functions";
import { evaluationPeriodSeconds, failoverConfirmation, failoverFunctions, failoverSettingNames as names, logscaleNamespace, operatorDeploymentName } from "../../../contract";
import { readSettings, SettingsError } from "./settings";

const alertPath = `/api/${failoverFunctions.alert}`;
const defaultPort = 7071;

const settingsHelp: Array<[variable: string, meaning: string]> = [
    ["KUBECONFIG", `kubeconfig path; unset in Azure, where the function builds one for ${names.aksClusterId} with its managed identity`],
    [names.aksClusterId, "the standby's AKS cluster resource ID (used when KUBECONFIG is unset)"],
    ["ARM_ENDPOINT", "Azure Resource Manager (default https://management.azure.com)"],
    [names.witnessBlobUrl, "the DR state record's blob URL, reached with the managed identity"],
    ["WITNESS_STORAGE_CONNECTION_STRING", `or a storage connection string instead of ${names.witnessBlobUrl}`],
    [names.primaryHealthUrl, "the primary's own https://<clusterFqdn>/api/v1/status (required)"],
    [names.primaryEndpointId, "resource ID of the Traffic Manager endpoint to watch and disable (required)"],
    [names.alertRuleName, "the alert rule this function answers (required)"],
    [names.confirmationProbes, `failed probes in a row before the primary counts as down, ${failoverConfirmation.probes.min}-${failoverConfirmation.probes.max} (default ${failoverConfirmation.probes.default})`],
    [names.confirmationSeconds, `the span they must cover, ${failoverConfirmation.seconds.min}-${failoverConfirmation.seconds.max} s (default ${failoverConfirmation.seconds.default})`],
    [names.mode, '"automatic" (default) or "manual"'],
    [names.operatorNamespace, `namespace of the Deployment to scale (default ${logscaleNamespace})`],
    [names.operatorDeployment, `the humio-operator Deployment to scale (default ${operatorDeploymentName})`],
    [names.coldAgentPoolIds, "comma-separated agent pool resource IDs a failover starts (cold tier; default none)"],
    ["IDENTITY_ENDPOINT, IDENTITY_HEADER", `App Service's managed identity (set by the platform; needed for ${names.witnessBlobUrl} and ${names.aksClusterId})`],
    ["AZURE_CLIENT_ID", "the user-assigned identity to ask for"],
    ["PORT", `the local port to listen on, on 127.0.0.1 (default ${defaultPort}; 0 picks a free one)`],
];

const help = `usage: npm run failover:serve [-- --help]

Serves the failover function's alert trigger on http://127.0.0.1:<PORT>${alertPath}
and runs its evaluation every ${evaluationPeriodSeconds} s: a local stand-in for the
Functions host. It takes no arguments; it is configured, as in Azure, by
environment variables (a missing or malformed one stops it, exit 2):

${settingsHelp.map(([v, meaning]) => `  ${v.padEnd(36)}${meaning}`).join("\n")}

Example:
  KUBECONFIG=~/.kube/config WITNESS_STORAGE_CONNECTION_STRING=UseDevelopmentStorage=true \\
  ${names.primaryHealthUrl}=https://<primary clusterFqdn>/api/v1/status \\
  ${names.primaryEndpointId}=<endpoint resource ID> ${names.alertRuleName}=<alert rule> PORT=7071 \\
  npm run failover:serve`;

// No server for --help, nor for an argument it does not take (the settings are environment variables).
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === "--help" || argv[0] === "-h")) {
    process.stdout.write(`${help}\n`);
    process.exit(0);
}
if (argv.length) {
    process.stderr.write(`unknown argument ${JSON.stringify(argv[0])} (allowed: --help; the settings are environment variables); see npm run failover:serve -- --help\n`);
    process.exit(2);
}

try {
    readSettings(process.env);
} catch (e) {
    if (!(e instanceof SettingsError)) throw e;
    process.stderr.write(`${e.message}\n`);
    process.exit(2);
}

// Loaded only to serve: registering the functions switches @azure/functions to test mode, with warnings on stderr.
const { alertHandler, evaluationTimer } = require("./index") as typeof import("./index");

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

server.listen(Number(process.env.PORT ?? defaultPort), "127.0.0.1", () => {
    console.log(`failover function listening on http://127.0.0.1:${(server.address() as AddressInfo).port}${alertPath}`);
});

const timer: Timer = { isPastDue: false, schedule: { adjustForDST: false }, scheduleStatus: { last: "", next: "", lastUpdated: "" } };
setInterval(() => evaluationTimer(timer, context(failoverFunctions.timer)).catch(() => undefined), evaluationPeriodSeconds * 1000).unref();
process.on("SIGTERM", () => server.close(() => process.exit(0)));
