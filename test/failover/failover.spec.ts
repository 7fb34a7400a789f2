// The failover function's adapters and one evaluation over real transports:
// the DR state record in Azurite (real leases and ETags), loopback fakes of
// the Kubernetes API, ARM and the primary's health URL that fail, throttle
// and hang. The decision logic under random faults is simulation.spec.ts.
import * as assert from "assert";
import * as k8s from "@kubernetes/client-node";
import { operatorAnnotations as annotations, failoverConfirmation } from "../../contract";
import { agentPoolPort, ArmClient, noRetries, RetryPolicy, trafficManagerPort } from "../../functions/failover/src/arm";
import { BlobStateStore } from "../../functions/failover/src/drState";
import { Failover, Logger } from "../../functions/failover/src/failover";
import { probeHealth } from "../../functions/failover/src/health";
import { OperatorDeployment } from "../../functions/failover/src/kube";
import { readSettings } from "../../functions/failover/src/settings";
import { agentPoolIds, FakeHealth, tmEndpointId } from "./fakes";
import { alertRule, Harness, resetHarness, seedConfirming, startHarness, stopHarness, witnessBlobClient, witnessRecord } from "./harness";

class Logs implements Logger {
    readonly lines: string[] = [];
    info = (m: string) => void this.lines.push(`info: ${m}`);
    warn = (m: string) => void this.lines.push(`warn: ${m}`);
    error = (m: string) => void this.lines.push(`error: ${m}`);
}

const tokens = { token: async (r: string) => `token-for-${r}` };

/** How long a call took, and what it gave or threw. */
async function timed<T>(f: () => Promise<T>): Promise<{ ms: number; value?: T; error?: Error }> {
    const start = performance.now();
    try {
        return { ms: performance.now() - start, value: await f() };
    } catch (e) {
        return { ms: performance.now() - start, error: e as Error };
    }
}

describe("failover function over real transports", function () {
    this.timeout(60_000);
    let h: Harness;

    const operator = () => {
        const kc = new k8s.KubeConfig();
        kc.loadFromFile(h.kubeconfigFile);
        return new OperatorDeployment(kc, "logging", "humio-operator");
    };
    const arm = (retry: RetryPolicy = noRetries) => new ArmClient(h.arm.url, tokens, retry, 2_000);

    before(async () => {
        h = await startHarness();
    });
    after(async () => stopHarness(h));
    beforeEach(async () => resetHarness(h));

    describe("the humio-operator Deployment", () => {
        it("claims with one merge patch carrying the resourceVersion read, the replicas and the token", async () => {
            const d = await operator().read(2_000);
            assert.deepStrictEqual([d.replicas, d.token], [0, 0]);
            assert.strictEqual(await operator().claim({ resourceVersion: d.resourceVersion, replicas: 1, annotations: { [annotations.fencingToken]: "1" } }, 2_000), true);
            const [patch] = h.kube.requests.filter((r) => r.method === "PATCH");
            assert.strictEqual(patch.contentType, "application/merge-patch+json");
            assert.deepStrictEqual(patch.body, { metadata: { resourceVersion: d.resourceVersion, annotations: { [annotations.fencingToken]: "1" } }, spec: { replicas: 1 } });
            assert.deepStrictEqual([h.kube.replicas, (await operator().read(2_000)).token], [1, 1]);
        });

        it("a claim on a Deployment changed since it was read is refused (409) and changes nothing", async () => {
            const d = await operator().read(2_000);
            await operator().stamp({ [annotations.fencingToken]: "7" }, 2_000);
            assert.strictEqual(await operator().claim({ resourceVersion: d.resourceVersion, replicas: 1, annotations: { [annotations.fencingToken]: "1" } }, 2_000), false);
            assert.deepStrictEqual([h.kube.replicas, h.kube.annotations[annotations.fencingToken]], [0, "7"]);
        });

        it("a 500 is an error; a hung API server is given up on at the timeout (client-node has none of its own)", async () => {
            h.kube.faults.next(500);
            await assert.rejects(operator().read(2_000), /500/);
            h.kube.faults.next("hang");
            const hung = await timed(() => operator().read(300));
            assert.ok(hung.error, "a hung read must fail");
            assert.ok(hung.ms < 1_500, `gave up after ${hung.ms} ms`);
        });
    });

    describe("Traffic Manager and agent pools through ARM", () => {
        it("reads the endpoint's status and monitor status, and disables it with a PATCH", async () => {
            const tm = trafficManagerPort(arm(), tmEndpointId);
            assert.deepStrictEqual(await tm.endpoint(2_000), { endpointStatus: "Enabled", monitorStatus: "Degraded" });
            await tm.disable(2_000);
            assert.deepStrictEqual(await tm.endpoint(2_000), { endpointStatus: "Disabled", monitorStatus: "Disabled" });
            assert.deepStrictEqual(h.arm.endpointPatches().map((r) => r.body), [{ properties: { endpointStatus: "Disabled" } }]);
        });

        it("the function's client does not retry inside an evaluation: one 429 is one failed call", async () => {
            h.arm.faults.next(429);
            await assert.rejects(trafficManagerPort(arm(), tmEndpointId).endpoint(2_000), /HTTP 429/);
            assert.strictEqual(h.arm.requests.length, 1);
        });

        it("drctl's client retries 429 and 5xx with backoff; a hang is given up on at the timeout", async () => {
            const sleeps: number[] = [];
            h.arm.faults.next(429, 503);
            const retrying = arm({ retries: 3, minBackoffMs: 1_000, maxBackoffMs: 30_000, sleep: async (ms) => void sleeps.push(ms) });
            assert.strictEqual((await retrying.endpoint(tmEndpointId)).endpointStatus, "Enabled");
            assert.deepStrictEqual(sleeps, [1_000, 2_000]);
            h.arm.faults.next("hang");
            const hung = await timed(() => arm().endpoint(tmEndpointId, { timeoutMs: 300 }));
            assert.ok(hung.error && hung.ms < 1_500, `gave up after ${hung.ms} ms`);
        });

        it("starting a pool asks once and does not wait", async () => {
            const pools = agentPoolPort(arm());
            await pools.start(agentPoolIds[0], 2_000);
            assert.deepStrictEqual(await pools.state(agentPoolIds[0], 2_000), { power: "Running", provisioning: "Starting", properties: { count: 3, vmSize: "Standard_L8s_v3", powerState: { code: "Running" }, provisioningState: "Starting" } });
            assert.deepStrictEqual(
                h.arm.requests.filter((r) => r.method === "PUT").map((r) => r.body.properties.powerState),
                [{ code: "Running" }],
            );
        });
    });

    describe("the direct probe of the primary", () => {
        it("200 is up; another status, a refused connection or no answer within the bound is down", async () => {
            h.health.answer = 200;
            assert.deepStrictEqual(await probeHealth(h.health.url, 1_000), { up: true, detail: "HTTP 200" });
            h.health.answer = 503;
            assert.deepStrictEqual(await probeHealth(h.health.url, 1_000), { up: false, detail: "HTTP 503" });
            h.health.answer = "hang";
            const hung = await timed(() => probeHealth(h.health.url, 300));
            assert.deepStrictEqual(hung.value, { up: false, detail: "no answer within 300 ms" });
            assert.ok(hung.ms < 1_000, `${hung.ms} ms`);
            assert.strictEqual((await probeHealth("http://127.0.0.1:9/api/v1/status", 1_000)).up, false);
        });

        it("a certificate problem is not an outage: a primary answering 200 with an expired, self-signed certificate for another name is up, as Traffic Manager counts it", async () => {
            const tls = await new FakeHealth("https").start();
            try {
                tls.answer = 200;
                assert.deepStrictEqual(await probeHealth(tls.url, 2_000), { up: true, detail: "HTTP 200" });
                tls.answer = 503;
                assert.strictEqual((await probeHealth(tls.url, 2_000)).up, false);
            } finally {
                await tls.stop();
            }
        });
    });

    describe("one evaluation end to end", () => {
        const failover = (env: Record<string, string> = {}) =>
            new Failover({
                settings: readSettings({ KUBECONFIG: h.kubeconfigFile, WITNESS_STORAGE_CONNECTION_STRING: h.azurite.connectionString, PRIMARY_HEALTH_URL: h.health.url, TM_PRIMARY_ENDPOINT_ID: tmEndpointId, ALERT_RULE_NAME: alertRule, ...env }),
                store: new BlobStateStore(witnessBlobClient(h)),
                operator: operator(),
                trafficManager: trafficManagerPort(arm(), tmEndpointId),
                pools: agentPoolPort(arm()),
                probe: (ms) => probeHealth(h.health.url, ms),
                elapsedMs: () => performance.now(),
                // One evaluation at a time here: nothing to outlast.
                outlastInvocations: async () => undefined,
                instance: "test",
            });
        const confirmed = () => seedConfirming(h, failoverConfirmation.probes.default - 1, failoverConfirmation.seconds.default);

        it("confirmed (probes and Traffic Manager agree): records the decision, scales, disables, reads both back", async () => {
            await confirmed();
            const logs = new Logs();
            assert.deepStrictEqual(await failover().evaluate({ kind: "timer" }, logs), { outcome: "failed-over", token: 1 });
            assert.deepStrictEqual([h.kube.replicas, h.kube.annotations[annotations.fencingToken], h.arm.endpointStatus], [1, "1", "Disabled"]);
            const record = (await witnessRecord(h))!;
            assert.deepStrictEqual([record.phase, record.token, record.pending], ["failed-over", 1, []]);
            assert.ok(record.decisions.some((d) => /^failing over with fencing token 1: the primary failed 3 probes in a row/.test(d.line)), JSON.stringify(record.decisions));
            assert.ok(Math.abs(record.since - Date.now() / 1000) < 5, "times are the storage service's");
        });

        it("Traffic Manager still sees the primary Online: keeps confirming and acts on nothing", async () => {
            await confirmed();
            h.arm.monitorStatus = "Online";
            assert.deepStrictEqual(await failover().evaluate({ kind: "timer" }, new Logs()), { outcome: "confirming", failedProbes: 3 });
            assert.deepStrictEqual([h.kube.replicas, h.arm.endpointStatus], [0, "Enabled"]);
        });

        it("one lost delivery: a Kubernetes 500 on every attempt leaves the scale pending, logged loudly; the next evaluation finishes it", async () => {
            await confirmed();
            h.kube.faults.next(500, 500);
            const logs = new Logs();
            const first = await failover().evaluate({ kind: "timer" }, logs);
            assert.deepStrictEqual(first, { outcome: "failing-over", token: 1, pending: ["scale humio-operator to 1", "disable the primary Traffic Manager endpoint"] });
            assert.ok(logs.lines.some((l) => /^error: FAILOVER INCOMPLETE \(token 1\): scale humio-operator to 1: not confirmed after 1 attempt/.test(l)), logs.lines.join("\n"));
            assert.strictEqual(h.arm.endpointStatus, "Enabled", "the endpoint goes out of rotation only once the operator is scaled");
            assert.deepStrictEqual(await failover().evaluate({ kind: "timer" }, new Logs()), { outcome: "failed-over", token: 1 });
            assert.strictEqual(h.kube.replicas, 1);
        });

        it("cold tier: asks the stopped pools to start, scales at once, and keeps the pools pending until they run", async () => {
            await confirmed();
            const cold = failover({ COLD_AGENT_POOL_IDS: agentPoolIds.join(",") });
            const first = await cold.evaluate({ kind: "timer" }, new Logs());
            assert.strictEqual(first.outcome, "failing-over");
            assert.strictEqual(h.kube.replicas, 1);
            for (const pool of h.arm.pools.values()) assert.strictEqual(pool.power, "Running");
            for (let i = 0; i < 3 && (await witnessRecord(h))!.phase !== "failed-over"; i++) await cold.evaluate({ kind: "timer" }, new Logs());
            assert.strictEqual((await witnessRecord(h))!.phase, "failed-over");
        });

        it("another holder has the record's lease: the evaluation does nothing", async () => {
            await confirmed();
            await witnessBlobClient(h).getBlobLeaseClient().acquireLease(15);
            assert.deepStrictEqual(await failover().evaluate({ kind: "timer" }, new Logs()), { outcome: "busy" });
            assert.deepStrictEqual(h.kube.requests, []);
        });

        it("a person's stand-down raises the token on the record and the Deployment; the function then only reports it", async () => {
            await confirmed();
            const state = await failover().takeOver("drctl test", "stood-down", "test");
            assert.deepStrictEqual([state.phase, state.token, h.kube.annotations[annotations.fencingToken]], ["stood-down", 1, "1"]);
            assert.deepStrictEqual(await failover().evaluate({ kind: "timer" }, new Logs()), { outcome: "held", phase: "stood-down", by: "drctl test" });
            assert.strictEqual(h.kube.replicas, 0);
        });
    });
});
