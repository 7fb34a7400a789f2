// The function as the Functions host runs it: the exported alertHandler and
// holdoffTimer, configured only by environment variables pointing at loopback
// servers, and `npm run failover:serve`.
import * as assert from "assert";
import { ChildProcess, spawn } from "child_process";
import { HttpRequest, InvocationContext, Timer } from "@azure/functions";
import { operatorAnnotations as annotations } from "../../contract";
import { alertHandler, holdoffTimer } from "../../functions/failover/src/index";
import { readSettings, SettingsError } from "../../functions/failover/src/settings";
import { projectRoot } from "../../tools/stackFiles";
import { documentedNpmRuns } from "../docs";
import { agentPoolIds, clusterId, tmEndpointId } from "./fakes";
import { alertRule, Harness, resetHarness, startHarness, stopHarness, witnessRecord } from "./harness";

function commonAlert(monitorCondition: string, rule = alertRule, firedDateTime = new Date().toISOString()) {
    return {
        schemaId: "azureMonitorCommonAlertSchema",
        data: {
            essentials: {
                alertId: "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.AlertsManagement/alerts/1",
                alertRule: rule,
                severity: "Sev1",
                signalType: "Metric",
                monitorCondition,
                monitoringService: "Platform",
                alertTargetIDs: [tmEndpointId.split("/externalEndpoints/")[0].toLowerCase()],
                firedDateTime,
                essentialsVersion: "1.0",
                alertContextVersion: "1.0",
            },
            alertContext: { condition: { windowSize: "PT1M", allOf: [{ metricName: "ProbeAgentCurrentEndpointStateByProfileResourceId", operator: "LessThan", threshold: "1", metricValue: 0 }] } },
        },
    };
}

/** The function's environment, pointing at the harness's loopback services. */
function envOf(h: Harness): Record<string, string> {
    return {
        KUBECONFIG: h.kubeconfigFile,
        WITNESS_STORAGE_CONNECTION_STRING: h.azurite.connectionString,
        ARM_ENDPOINT: h.arm.url,
        IDENTITY_ENDPOINT: `${h.arm.url}/msi/token`,
        IDENTITY_HEADER: "identity-secret",
        PRIMARY_HEALTH_URL: h.health.url,
        TM_PRIMARY_ENDPOINT_ID: tmEndpointId,
        ALERT_RULE_NAME: alertRule,
        PRE_FAILOVER_FAILURE_SECONDS: "0",
    };
}

const logged: string[] = [];
const context = () => new InvocationContext({ functionName: "alert", logHandler: (level, ...args) => void logged.push(`${level}: ${args.join(" ")}`) });
const post = (body: string) => alertHandler(new HttpRequest({ method: "POST", url: "http://127.0.0.1/api/alert", body: { string: body } }), context());
const timer: Timer = { isPastDue: false, schedule: { adjustForDST: false }, scheduleStatus: { last: "", next: "", lastUpdated: "" } };

describe("failover function as deployed", function () {
    this.timeout(60_000);
    let h: Harness;
    let saved: NodeJS.ProcessEnv;
    before(async () => {
        h = await startHarness();
        saved = { ...process.env };
    });
    after(async () => {
        process.env = saved;
        await stopHarness(h);
    });
    beforeEach(async () => {
        await resetHarness(h);
        logged.length = 0;
        process.env = { ...saved, ...envOf(h) };
    });

    it("a Fired alert fails over end to end: token from the identity endpoint, operator scaled, endpoint disabled", async () => {
        const started = Date.now();
        const res = await post(JSON.stringify(commonAlert("Fired")));
        assert.strictEqual(res.status, 200, JSON.stringify(res.jsonBody));
        assert.deepStrictEqual(res.jsonBody, { outcome: "failed-over", token: 1, endpointDisabled: true });
        const [scale] = h.kube.scaleRequests();
        const triggerToScaleMs = scale.at - started;
        console.log(`      measured: alert trigger → scale request ${triggerToScaleMs} ms`);
        assert.ok(triggerToScaleMs < 5000, `${triggerToScaleMs} ms`);
        assert.strictEqual(h.kube.replicas, 1);
        assert.strictEqual(h.arm.endpointStatus, "Disabled");
        assert.ok(h.arm.requests.some((r) => r.path === "/msi/token"));
        assert.ok(logged.some((l) => /^warning: disabled the primary Traffic Manager endpoint/.test(l)));

        // The timer afterwards: cooldown, nothing more.
        await holdoffTimer(timer, context());
        assert.strictEqual(h.kube.scaleRequests().length, 1);
        assert.strictEqual((await witnessRecord(h))!.token, 1);
    });

    it("in Azure (no KUBECONFIG): builds the kubeconfig from the cluster and its managed identity", async () => {
        delete process.env.KUBECONFIG;
        process.env.AKS_CLUSTER_ID = clusterId;
        process.env.AZURE_CLIENT_ID = "failover-identity-client-id";
        h.arm.clusterKubeconfig = h.kube.entraKubeconfig();
        const res = await post(JSON.stringify(commonAlert("Fired")));
        assert.deepStrictEqual(res.jsonBody, { outcome: "failed-over", token: 1, endpointDisabled: true });
        assert.ok(h.kube.requests.length > 0 && h.kube.requests.every((r) => r.method === "GET" || r.method === "PATCH"));
        const tokenRequests = h.arm.requests.filter((r) => r.path === "/msi/token");
        assert.ok(tokenRequests.length >= 2, "ARM and AKS tokens come from the identity endpoint");
    });

    it("the timer fails over on its own once the holdoff has passed", async () => {
        process.env.PRE_FAILOVER_FAILURE_SECONDS = "180";
        h.kube.reset(0, { [annotations.degradedSince]: String(Math.floor(Date.now() / 1000) - 181) });
        await holdoffTimer(timer, context());
        assert.strictEqual(h.kube.replicas, 1);
    });

    it("cold tier through the environment: COLD_AGENT_POOL_IDS are started first", async () => {
        process.env.COLD_AGENT_POOL_IDS = agentPoolIds.slice(1).join(",");
        process.env.COLD_START_TIMEOUT_SECONDS = "60";
        process.env.COLD_START_POLL_SECONDS = "1";
        for (const pool of h.arm.pools.values()) pool.pollsUntilRunning = 1;
        const res = await post(JSON.stringify(commonAlert("Fired")));
        assert.strictEqual((res.jsonBody as { outcome: string }).outcome, "failed-over");
        assert.strictEqual(h.arm.pools.get(agentPoolIds[1].toLowerCase())!.power, "Running");
        assert.strictEqual(h.arm.pools.get(agentPoolIds[0].toLowerCase())!.power, "Stopped", "only the listed pools");
    });

    it("Resolved clears the mark only; another rule is ignored with 200", async () => {
        process.env.PRE_FAILOVER_FAILURE_SECONDS = "180";
        assert.deepStrictEqual((await post(JSON.stringify(commonAlert("Fired")))).jsonBody, { outcome: "marked", degradedSince: Math.floor(Date.now() / 1000) });
        const ignored = await post(JSON.stringify(commonAlert("Fired", "cpu-high")));
        assert.strictEqual(ignored.status, 200);
        assert.strictEqual((ignored.jsonBody as { outcome: string }).outcome, "ignored");
        assert.deepStrictEqual((await post(JSON.stringify(commonAlert("Resolved")))).jsonBody, { outcome: "cleared" });
        assert.ok(!(annotations.degradedSince in h.kube.annotations));
        assert.deepStrictEqual(h.kube.scaleRequests(), []);
    });

    describe("malformed payloads get 400 saying what is wrong", () => {
        const cases: Array<[string, string, RegExp]> = [
            ["not JSON", "{not json", /the body is not JSON/],
            ["an array", "[]", /the body is not a JSON object/],
            ["another schema", JSON.stringify({ schemaId: "Microsoft.Insights/activityLogs", data: {} }), /schemaId is "Microsoft.Insights\/activityLogs"; expected "azureMonitorCommonAlertSchema"/],
            ["no essentials", JSON.stringify({ schemaId: "azureMonitorCommonAlertSchema", data: {} }), /data.essentials is missing/],
            ["no rule", JSON.stringify({ schemaId: "azureMonitorCommonAlertSchema", data: { essentials: { monitorCondition: "Fired" } } }), /data.essentials.alertRule is missing/],
            ["an unknown condition", JSON.stringify(commonAlert("Acknowledged")), /monitorCondition is "Acknowledged"; expected "Fired" or "Resolved"/],
        ];
        for (const [label, body, message] of cases) {
            it(label, async () => {
                const res = await post(body);
                assert.strictEqual(res.status, 400);
                assert.match((res.jsonBody as { error: string }).error, message);
                assert.deepStrictEqual(h.kube.requests, []);
            });
        }
    });

    it("missing or malformed settings fail fast, naming each", async () => {
        process.env = { ...saved, KUBECONFIG: h.kubeconfigFile, PRE_FAILOVER_FAILURE_SECONDS: "900", FAILOVER_MODE: "sometimes" };
        const res = await post(JSON.stringify(commonAlert("Fired")));
        assert.strictEqual(res.status, 500);
        const error = (res.jsonBody as { error: string }).error;
        for (const name of ["WITNESS_BLOB_URL", "PRIMARY_HEALTH_URL", "TM_PRIMARY_ENDPOINT_ID", "ALERT_RULE_NAME", "PRE_FAILOVER_FAILURE_SECONDS=\"900\"", "FAILOVER_MODE=\"sometimes\""]) {
            assert.ok(error.includes(name), `${name} not named in: ${error}`);
        }
        await assert.rejects(holdoffTimer(timer, context()), /PRIMARY_HEALTH_URL is not set/);
        assert.deepStrictEqual(h.kube.requests, []);
    });
});

describe("failover settings", () => {
    const complete = {
        KUBECONFIG: "/tmp/kubeconfig",
        WITNESS_BLOB_URL: "https://lsdrseclogs1.blob.core.windows.net/dr-witness/failover-fence.json",
        PRIMARY_HEALTH_URL: "https://lsdr-pri-logscale.eastus.cloudapp.azure.com/api/v1/status",
        TM_PRIMARY_ENDPOINT_ID: tmEndpointId,
        ALERT_RULE_NAME: alertRule,
    };
    const problems = (env: Record<string, string | undefined>) => {
        try {
            readSettings(env);
            return [];
        } catch (e) {
            assert.ok(e instanceof SettingsError);
            return e.problems;
        }
    };

    it("defaults: public ARM, 180 s holdoff, 300 s cooldown, automatic, logging/humio-operator", () => {
        const s = readSettings(complete);
        assert.strictEqual(s.armEndpoint, "https://management.azure.com");
        assert.deepStrictEqual([s.preFailoverFailureSeconds, s.cooldownSeconds, s.failoverMode, s.operatorNamespace, s.operatorDeployment], [180, 300, "automatic", "logging", "humio-operator"]);
        assert.deepStrictEqual(s.coldAgentPoolIds, []);
    });
    it("AKS_CLUSTER_ID with a managed identity stands in for KUBECONFIG", () => {
        const s = readSettings({
            ...complete,
            KUBECONFIG: undefined,
            AKS_CLUSTER_ID: "/subscriptions/0/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/lsdr-sec-aks",
            IDENTITY_ENDPOINT: "http://127.0.0.1:41000/msi/token",
            IDENTITY_HEADER: "h",
            AZURE_CLIENT_ID: "c",
        });
        assert.deepStrictEqual(s.identity, { endpoint: "http://127.0.0.1:41000/msi/token", header: "h", clientId: "c" });
    });
    it("names every missing or malformed setting", () => {
        assert.deepStrictEqual(problems({}), [
            "KUBECONFIG is not set; allowed: a kubeconfig path, or AKS_CLUSTER_ID with a managed identity",
            "WITNESS_BLOB_URL is not set; allowed: the witness blob's URL, or WITNESS_STORAGE_CONNECTION_STRING",
            "PRIMARY_HEALTH_URL is not set; allowed: the primary's health URL, https://<primary clusterFqdn>/api/v1/status",
            "TM_PRIMARY_ENDPOINT_ID is not set; allowed: the primary Traffic Manager endpoint's resource ID",
            "ALERT_RULE_NAME is not set",
        ]);
        assert.deepStrictEqual(problems({ ...complete, PRE_FAILOVER_FAILURE_SECONDS: "601" }), ['PRE_FAILOVER_FAILURE_SECONDS="601" is not allowed; allowed: a whole number of seconds, 0-600']);
        assert.deepStrictEqual(problems({ ...complete, COOLDOWN_SECONDS: "-5" }), ['COOLDOWN_SECONDS="-5" is not allowed; allowed: a whole number of seconds, 0-86400']);
        assert.deepStrictEqual(problems({ ...complete, TM_PRIMARY_ENDPOINT_ID: "lsdr-pri-primary" }), ['TM_PRIMARY_ENDPOINT_ID="lsdr-pri-primary" is not allowed; allowed: the primary Traffic Manager endpoint\'s resource ID']);
        assert.deepStrictEqual(problems({ ...complete, ARM_ENDPOINT: "management.azure.com" }), ['ARM_ENDPOINT="management.azure.com" is not allowed; allowed: an http(s) URL']);
        assert.deepStrictEqual(problems({ ...complete, COLD_AGENT_POOL_IDS: "kafka,digest" }), ['COLD_AGENT_POOL_IDS="kafka,digest" is not allowed; allowed: comma-separated agent pool resource IDs']);
        assert.deepStrictEqual(problems({ ...complete, OPERATOR_NAMESPACE: "Logging" }), ['OPERATOR_NAMESPACE="Logging" is not allowed; allowed: a Kubernetes namespace name']);
    });
});

describe("npm run failover:serve, as the README shows it", function () {
    this.timeout(60_000);
    let h: Harness;
    let child: ChildProcess;
    let listening: Promise<string>;
    before(async () => {
        h = await startHarness();
        await resetHarness(h);
        // Started here, checked below: the host starts while the tests before it run. The README's command as
        // written, with its PORT knob; in a process group of its own, so npm, its shell and node stop together.
        const [documented] = documentedNpmRuns().filter((r) => r.script === "failover:serve");
        child = spawn("sh", ["-c", `exec ${documented.text}`], {
            cwd: projectRoot,
            env: { ...process.env, PORT: "0", ...envOf(h) },
            stdio: ["ignore", "pipe", "pipe"],
            detached: true,
        });
        listening = new Promise<string>((resolve, reject) => {
            let out = "";
            const timer = setTimeout(() => reject(new Error(`no listening line within 30 s: ${out}`)), 30_000);
            child.stdout!.on("data", (d) => {
                out += d;
                const m = /listening on (http:\/\/127\.0\.0\.1:\d+\/api\/alert)/.exec(out);
                if (m) {
                    clearTimeout(timer);
                    resolve(m[1]);
                }
            });
        });
        listening.catch(() => undefined);
    });
    after(async () => {
        if (child?.pid) process.kill(-child.pid, "SIGTERM");
        await stopHarness(h);
    });

    it("serves the alert trigger on 127.0.0.1", async () => {
        const url = await listening;
        const res = await fetch(url, { method: "POST", body: JSON.stringify(commonAlert("Fired")), headers: { "Content-Type": "application/json" } });
        assert.strictEqual(res.status, 200);
        assert.deepStrictEqual(await res.json(), { outcome: "failed-over", token: 1, endpointDisabled: true });
        assert.strictEqual((await fetch(url, { method: "POST", body: "nope" })).status, 400);
        assert.strictEqual(h.kube.replicas, 1);
    });
});
