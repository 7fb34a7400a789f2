// The function as the Functions host runs it: the exported alertHandler and
// holdoffTimer, configured only by environment variables pointing at loopback
// servers, and `npm run failover:serve`.
import * as assert from "assert";
import { ChildProcess, spawn } from "child_process";
import { HttpRequest, InvocationContext, Timer } from "@azure/functions";
import { failoverConfirmation, failoverSettingNames } from "../../contract";
import { alertHandler, evaluationTimer } from "../../functions/failover/src/index";
import { readSettings, SettingsError } from "../../functions/failover/src/settings";
import { projectRoot } from "../../tools/stackFiles";
import { documentedNpmRuns } from "../docs";
import { agentPoolIds, clusterId, tmEndpointId, tmProfileId } from "./fakes";
import { alertRule, Harness, resetHarness, seedConfirming, startHarness, stopHarness, witnessRecord } from "./harness";

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
    /** The record has seen the primary fail long enough: the next failed probe confirms. */
    const confirmed = () => seedConfirming(h, failoverConfirmation.probes.default - 1, failoverConfirmation.seconds.default);

    it("a Fired alert on a confirmed outage fails over end to end: token from the identity endpoint, operator scaled, endpoint disabled", async () => {
        await confirmed();
        const started = Date.now();
        const res = await post(JSON.stringify(commonAlert("Fired")));
        assert.strictEqual(res.status, 200, JSON.stringify(res.jsonBody));
        assert.deepStrictEqual(res.jsonBody, { outcome: "failed-over" });
        const [claim] = h.kube.requests.filter((r) => r.method === "PATCH");
        const triggerToScaleMs = claim.at - started;
        console.log(`      measured: alert trigger → scale request ${triggerToScaleMs} ms`);
        assert.ok(triggerToScaleMs < 5000, `${triggerToScaleMs} ms`);
        assert.deepStrictEqual([h.kube.replicas, h.arm.endpointStatus], [1, "Disabled"]);
        assert.ok(h.arm.requests.length > 0 && (await witnessRecord(h))!.phase === "failed-over");
        assert.ok(logged.some((l) => /^error: failing over with fencing token 1: the primary failed 3 probes in a row over \d+ s and Traffic Manager agrees \(Enabled\/Degraded\)$/.test(l)), logged.join("\n"));

        // The timer afterwards: the record says failed over; nothing more is done.
        await evaluationTimer(timer, context());
        assert.strictEqual(h.kube.requests.filter((r) => r.method === "PATCH").length, 1);
    });

    it("in Azure (no KUBECONFIG): builds the kubeconfig from the cluster and its managed identity", async () => {
        await confirmed();
        delete process.env.KUBECONFIG;
        process.env.AKS_CLUSTER_ID = clusterId;
        process.env.AZURE_CLIENT_ID = "failover-identity-client-id";
        h.arm.clusterKubeconfig = h.kube.entraKubeconfig();
        const res = await post(JSON.stringify(commonAlert("Fired")));
        assert.deepStrictEqual(res.jsonBody, { outcome: "failed-over" });
        assert.ok(h.kube.requests.length > 0 && h.kube.requests.every((r) => r.method === "GET" || r.method === "PATCH"));
    });

    it("the timer alone decides: no alert is needed", async () => {
        await confirmed();
        await evaluationTimer(timer, context());
        assert.deepStrictEqual([h.kube.replicas, h.arm.endpointStatus], [1, "Disabled"]);
    });

    it("a first Fired alert only starts the count: the evidence decides, not the delivery", async () => {
        const res = await post(JSON.stringify(commonAlert("Fired", alertRule, "1970-01-01T00:00:01Z")));
        assert.deepStrictEqual(res.jsonBody, { outcome: "confirming" });
        const record = (await witnessRecord(h))!;
        assert.deepStrictEqual([record.phase, record.probes.failed, record.alert?.condition], ["confirming", 1, "Fired"]);
        assert.ok(Math.abs(record.alert!.at - Date.now() / 1000) < 5, "the arrival is stored in storage time; the payload's 1970 is ignored");
        assert.deepStrictEqual(h.kube.requests, []);
    });

    it("cold tier through the environment: COLD_AGENT_POOL_IDS are asked to start; only those", async () => {
        await confirmed();
        process.env.COLD_AGENT_POOL_IDS = agentPoolIds.slice(1).join(",");
        const res = await post(JSON.stringify(commonAlert("Fired")));
        assert.deepStrictEqual(res.jsonBody, { outcome: "failing-over" });
        assert.strictEqual(h.arm.pools.get(agentPoolIds[1].toLowerCase())!.power, "Running");
        assert.strictEqual(h.arm.pools.get(agentPoolIds[0].toLowerCase())!.power, "Stopped", "only the listed pools");
        assert.strictEqual(h.kube.replicas, 1);
    });

    describe("payloads that are not the configured alert get 400 saying why, and change nothing", () => {
        const cases: Array<[string, string, RegExp]> = [
            ["not JSON", "{not json", /the body is not JSON/],
            ["an array", "[]", /the body is not a JSON object/],
            ["another schema", JSON.stringify({ schemaId: "Microsoft.Insights/activityLogs", data: {} }), /schemaId is "Microsoft.Insights\/activityLogs"; expected "azureMonitorCommonAlertSchema"/],
            ["no essentials", JSON.stringify({ schemaId: "azureMonitorCommonAlertSchema", data: {} }), /data.essentials is missing/],
            ["no rule", JSON.stringify({ schemaId: "azureMonitorCommonAlertSchema", data: { essentials: { monitorCondition: "Fired" } } }), /data.essentials.alertRule is missing/],
            ["another rule", JSON.stringify(commonAlert("Fired", "cpu-high")), /alertRule is "cpu-high"; this function answers only "lsdr-sec-primary-endpoint-down"/],
            ["another target", JSON.stringify({ ...commonAlert("Fired"), data: { essentials: { ...commonAlert("Fired").data.essentials, alertTargetIDs: ["/subscriptions/1/resourcegroups/x/providers/microsoft.network/trafficmanagerprofiles/other"] } } }), /alertTargetIDs does not include the watched Traffic Manager profile/],
            ["an unknown condition", JSON.stringify(commonAlert("Acknowledged")), /monitorCondition is "Acknowledged"; expected "Fired" or "Resolved"/],
        ];
        for (const [label, body, message] of cases) {
            it(label, async () => {
                const res = await post(body);
                assert.strictEqual(res.status, 400);
                assert.match((res.jsonBody as { error: string }).error, message);
                assert.deepStrictEqual(h.kube.requests, []);
                assert.strictEqual(await witnessRecord(h), undefined);
            });
        }
    });

    it("when the evaluation cannot run (the witness unreachable), 503 asks the action group to retry; the answer is generic, the detail is in the log", async () => {
        process.env.WITNESS_STORAGE_CONNECTION_STRING = h.azurite.connectionString.replace(/BlobEndpoint=http:\/\/127\.0\.0\.1:\d+/, "BlobEndpoint=http://127.0.0.1:9");
        const res = await post(JSON.stringify(commonAlert("Fired")));
        assert.strictEqual(res.status, 503);
        assert.deepStrictEqual(res.jsonBody, { error: "the evaluation could not run; see the function's log" });
        assert.ok(logged.some((l) => /^error: /.test(l) && /127\.0\.0\.1:9|ECONNREFUSED|could not start/.test(l)), logged.join("\n"));
    });

    it("missing or malformed settings: 503 for the alert, each setting named in the log; the timer fails naming them", async () => {
        process.env = { ...saved, KUBECONFIG: h.kubeconfigFile, CONFIRMATION_SECONDS: "900", FAILOVER_MODE: "sometimes" };
        const res = await post(JSON.stringify(commonAlert("Fired")));
        assert.strictEqual(res.status, 503);
        assert.ok(!JSON.stringify(res.jsonBody).includes("PRIMARY_HEALTH_URL"), "the answer says nothing of the configuration");
        const line = logged.find((l) => l.includes("could not start"))!;
        for (const name of ["WITNESS_BLOB_URL", "PRIMARY_HEALTH_URL", "TM_PRIMARY_ENDPOINT_ID", "ALERT_RULE_NAME", 'CONFIRMATION_SECONDS="900"', 'FAILOVER_MODE="sometimes"']) {
            assert.ok(line.includes(name), `${name} not named in: ${line}`);
        }
        await assert.rejects(evaluationTimer(timer, context()), /PRIMARY_HEALTH_URL is not set/);
        assert.deepStrictEqual(h.kube.requests, []);
    });
});

describe("failover settings", () => {
    const complete = {
        KUBECONFIG: "/tmp/kubeconfig",
        WITNESS_BLOB_URL: "https://lsdrseclogs1.blob.core.windows.net/dr-witness/dr-state.json",
        PRIMARY_HEALTH_URL: "https://lsdr-pri-logscale.eastus.cloudapp.azure.com/api/v1/status",
        TM_PRIMARY_ENDPOINT_ID: tmEndpointId,
        ALERT_RULE_NAME: alertRule,
        IDENTITY_ENDPOINT: "http://127.0.0.1:41000/msi/token",
        IDENTITY_HEADER: "h",
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

    it("defaults: public ARM, 3 probes over 120 s, automatic, logging/humio-operator; the profile from the endpoint's ID", () => {
        const s = readSettings(complete);
        assert.strictEqual(s.armEndpoint, "https://management.azure.com");
        assert.deepStrictEqual([s.confirmationProbes, s.confirmationSeconds, s.failoverMode, s.operatorNamespace, s.operatorDeployment], [3, 120, "automatic", "logging", "humio-operator"]);
        assert.strictEqual(s.tmProfileId, tmProfileId);
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
        assert.deepStrictEqual(problems({ ...complete, CONFIRMATION_SECONDS: "601" }), ['CONFIRMATION_SECONDS="601" is not allowed; allowed: a whole number of seconds, 40-600']);
        assert.deepStrictEqual(problems({ ...complete, CONFIRMATION_PROBES: "2" }), ['CONFIRMATION_PROBES="2" is not allowed; allowed: a whole number of probes, 3-30']);
        assert.deepStrictEqual(problems({ ...complete, TM_PRIMARY_ENDPOINT_ID: "lsdr-pri-primary" }), ['TM_PRIMARY_ENDPOINT_ID="lsdr-pri-primary" is not allowed; allowed: the primary Traffic Manager endpoint\'s resource ID']);
        assert.deepStrictEqual(problems({ ...complete, ARM_ENDPOINT: "management.azure.com" }), ['ARM_ENDPOINT="management.azure.com" is not allowed; allowed: an http(s) URL']);
        assert.deepStrictEqual(problems({ ...complete, COLD_AGENT_POOL_IDS: "kafka,digest" }), ['COLD_AGENT_POOL_IDS="kafka,digest" is not allowed; allowed: comma-separated agent pool resource IDs']);
        assert.deepStrictEqual(problems({ ...complete, OPERATOR_NAMESPACE: "Logging" }), ['OPERATOR_NAMESPACE="Logging" is not allowed; allowed: a Kubernetes namespace name']);
        assert.deepStrictEqual(problems({ ...complete, KUBECONFIG: undefined, AKS_CLUSTER_ID: clusterId, IDENTITY_ENDPOINT: undefined, IDENTITY_HEADER: undefined }), [
            "IDENTITY_ENDPOINT is not set; allowed: App Service's managed identity endpoint (set by the platform for an app with a managed identity; needed for WITNESS_BLOB_URL and AKS_CLUSTER_ID)",
        ]);
    });
});

/** A command from the repository root, stopped if it has not ended within `seconds`. */
function runCommand(command: string, seconds = 30): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
        const c = spawn("sh", ["-c", command], { cwd: projectRoot, env: { ...process.env, PORT: "0" }, stdio: ["ignore", "pipe", "pipe"], detached: true });
        let [stdout, stderr] = ["", ""];
        c.stdout!.on("data", (d) => (stdout += d));
        c.stderr!.on("data", (d) => (stderr += d));
        const timer = setTimeout(() => process.kill(-c.pid!, "SIGTERM"), seconds * 1000);
        c.on("exit", (code) => {
            clearTimeout(timer);
            resolve({ code, stdout, stderr });
        });
    });
}

describe("npm run failover:serve -- --help", function () {
    this.timeout(60_000);

    it("lists every setting and PORT, and exits 0 without listening", async () => {
        const { code, stdout, stderr } = await runCommand("npm run failover:serve -- --help");
        assert.strictEqual(code, 0, stderr);
        assert.match(stdout, /^usage: npm run failover:serve \[-- --help\]$/m);
        assert.doesNotMatch(stdout, /listening on/);
        const settings = [...Object.values(failoverSettingNames), "KUBECONFIG", "ARM_ENDPOINT", "WITNESS_STORAGE_CONNECTION_STRING", "IDENTITY_ENDPOINT", "IDENTITY_HEADER", "AZURE_CLIENT_ID", "PORT"];
        for (const name of settings) assert.match(stdout, new RegExp(`^ {2}(\\S+, )?${name}\\b`, "m"), name);
        assert.match(stdout, /^Example:$/m);
    });

    it("an argument it does not take: one line pointing at --help, exit 2", async () => {
        const { code, stdout, stderr } = await runCommand("npm run -s failover:serve -- --port 8080");
        assert.deepStrictEqual({ code, stdout, stderr }, {
            code: 2,
            stdout: "",
            stderr: 'unknown argument "--port" (allowed: --help; the settings are environment variables); see npm run failover:serve -- --help\n',
        });
    });
});

describe("npm run failover:serve, as the docs show it", function () {
    this.timeout(60_000);
    let h: Harness;
    let child: ChildProcess;
    let listening: Promise<string>;
    before(async () => {
        h = await startHarness();
        await resetHarness(h);
        // Started here, checked below: the host starts while the tests before it run. The docs' command as
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
        await seedConfirming(h, failoverConfirmation.probes.default - 1, failoverConfirmation.seconds.default);
        const res = await fetch(url, { method: "POST", body: JSON.stringify(commonAlert("Fired")), headers: { "Content-Type": "application/json" } });
        assert.strictEqual(res.status, 200);
        assert.deepStrictEqual(await res.json(), { outcome: "failed-over" });
        assert.strictEqual((await fetch(url, { method: "POST", body: "nope" })).status, 400);
        assert.strictEqual(h.kube.replicas, 1);
    });

    it("refuses to start, naming each missing setting, with exit code 2", async () => {
        const [documented] = documentedNpmRuns().filter((r) => r.script === "failover:serve");
        const out = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
            const c = spawn("sh", ["-c", documented.text], { cwd: projectRoot, env: { ...process.env, PORT: "0", KUBECONFIG: h.kubeconfigFile }, stdio: ["ignore", "ignore", "pipe"] });
            let stderr = "";
            c.stderr!.on("data", (d) => (stderr += d));
            c.on("exit", (code) => resolve({ code, stderr }));
        });
        assert.strictEqual(out.code, 2, out.stderr);
        assert.match(out.stderr, /^failover function settings: WITNESS_BLOB_URL is not set; allowed: the witness blob's URL, or WITNESS_STORAGE_CONNECTION_STRING; PRIMARY_HEALTH_URL is not set/m);
    });
});
