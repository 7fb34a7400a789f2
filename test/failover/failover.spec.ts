// The failover function against Azurite (real leases and ETags) and loopback
// fakes of the Kubernetes API, ARM and the primary's health URL.
import * as assert from "assert";
import * as k8s from "@kubernetes/client-node";
import { ArmClient } from "../../functions/failover/src/arm";
import { operatorAnnotations as annotations } from "../../contract";
import { Failover, Logger, Outcome } from "../../functions/failover/src/failover";
import { probeHealth } from "../../functions/failover/src/health";
import { OperatorDeployment } from "../../functions/failover/src/kube";
import { Settings } from "../../functions/failover/src/settings";
import { BlobWitness } from "../../functions/failover/src/witness";
import { agentPoolIds, tmEndpointId } from "./fakes";
import { alertOf, alertRule, Harness, resetHarness, startHarness, stopHarness, witnessBlobClient, witnessRecord } from "./harness";

class Logs implements Logger {
    readonly lines: string[] = [];
    info = (m: string) => void this.lines.push(`info: ${m}`);
    warn = (m: string) => void this.lines.push(`warn: ${m}`);
    error = (m: string) => void this.lines.push(`error: ${m}`);
    some(level: string, pattern: RegExp) {
        return this.lines.some((l) => l.startsWith(`${level}: `) && pattern.test(l));
    }
}

describe("failover function", function () {
    this.timeout(60_000);
    let h: Harness;
    const clock = { now: 0 };
    let sleeps: number[];
    const T = 1_900_000_000; // epoch seconds of the first degraded sighting

    const settingsOf = (o: Partial<Settings> = {}): Settings => ({
        kubeconfigPath: h.kubeconfigFile,
        armEndpoint: h.arm.url,
        witness: { connectionString: h.azurite.connectionString },
        primaryHealthUrl: h.health.url,
        tmPrimaryEndpointId: tmEndpointId,
        alertRuleName: alertRule,
        preFailoverFailureSeconds: 180,
        cooldownSeconds: 300,
        failoverMode: "automatic",
        operatorNamespace: "logging",
        operatorDeployment: "humio-operator",
        coldAgentPoolIds: [],
        coldStartTimeoutSeconds: 5,
        coldStartPollSeconds: 1,
        ...o,
    });

    function failover(o: Partial<Settings> = {}): Failover {
        const kc = new k8s.KubeConfig();
        kc.loadFromFile(h.kubeconfigFile);
        const arm = new ArmClient(h.arm.url, { token: async (r) => `token-for-${r}` }, { retries: 3, minBackoffMs: 1000, maxBackoffMs: 30_000, sleep: async (ms) => void sleeps.push(ms) });
        return new Failover({
            settings: settingsOf(o),
            operator: new OperatorDeployment(kc, "logging", "humio-operator"),
            witness: new BlobWitness(witnessBlobClient(h)),
            arm,
            probe: (url) => probeHealth(url, 300),
            now: () => clock.now,
        });
    }

    before(async () => {
        h = await startHarness();
    });
    after(async () => stopHarness(h));
    beforeEach(async () => {
        await resetHarness(h);
        sleeps = [];
        clock.now = T * 1000;
    });

    describe("the alert", () => {
        it("Fired records when the primary degraded, keeping the earliest sighting", async () => {
            const logs = new Logs();
            const f = failover();
            assert.deepStrictEqual(await f.onAlert(alertOf("Fired", T * 1000), logs), { outcome: "marked", degradedSince: T });
            await f.onAlert(alertOf("Fired", (T + 60) * 1000), logs);
            assert.strictEqual(h.kube.annotations[annotations.degradedSince], String(T));
            await f.onAlert(alertOf("Fired", (T - 60) * 1000), logs);
            assert.strictEqual(h.kube.annotations[annotations.degradedSince], String(T - 60));
            assert.deepStrictEqual(h.kube.scaleRequests(), []);
            assert.ok(h.kube.requests.filter((r) => r.method === "PATCH").every((r) => r.contentType === "application/merge-patch+json"));
        });

        it("Resolved removes the mark and nothing else", async () => {
            h.kube.reset(0, { [annotations.degradedSince]: String(T), other: "kept" });
            assert.deepStrictEqual(await failover().onAlert(alertOf("Resolved"), new Logs()), { outcome: "cleared" });
            assert.deepStrictEqual(h.kube.annotations, { other: "kept" });
            assert.deepStrictEqual(h.arm.requests, []);
        });

        it("another rule is ignored and logged", async () => {
            const logs = new Logs();
            const outcome = await failover().onAlert(alertOf("Fired", undefined, "some-other-alert"), logs);
            assert.strictEqual(outcome.outcome, "ignored");
            assert.ok(logs.some("info", /some-other-alert is not lsdr-sec-primary-down: ignored/));
            assert.deepStrictEqual(h.kube.requests, []);
        });
    });

    describe("the holdoff", () => {
        it("holds just under the threshold and fails over at it", async () => {
            h.kube.reset(0, { [annotations.degradedSince]: String(T) });
            clock.now = (T + 179) * 1000;
            assert.deepStrictEqual(await failover().evaluate(new Logs()), { outcome: "holding", remainingSeconds: 1 });
            assert.strictEqual(h.health.requests, 0, "no probe before the threshold");
            assert.deepStrictEqual(h.kube.scaleRequests(), []);

            clock.now = (T + 180) * 1000;
            assert.deepStrictEqual(await failover().evaluate(new Logs()), { outcome: "failed-over", token: 1, endpointDisabled: true });
            assert.strictEqual(h.kube.replicas, 1);
            assert.strictEqual(h.kube.scaleRequests().length, 1);
            assert.deepStrictEqual(h.kube.scaleRequests()[0].body, { spec: { replicas: 1 } });
            assert.strictEqual(h.kube.scaleRequests()[0].contentType, "application/merge-patch+json");
            assert.strictEqual(h.arm.endpointStatus, "Disabled");
            assert.strictEqual(h.kube.annotations[annotations.fencingToken], "1");
            assert.strictEqual(h.kube.annotations[annotations.lastFailover], String(T + 180));
            assert.deepStrictEqual(await witnessRecord(h), { token: 1, lastFailoverEpoch: T + 180, holder: (await witnessRecord(h))!.holder });
        });

        it("does not depend on repeated alerts: one Fired, then the timer alone fails over", async () => {
            const f = failover();
            await f.onAlert(alertOf("Fired", T * 1000), new Logs());
            const outcomes: Outcome["outcome"][] = [];
            for (let t = 30; t <= 210; t += 30) {
                clock.now = (T + t) * 1000;
                outcomes.push((await f.evaluate(new Logs())).outcome);
            }
            assert.deepStrictEqual(outcomes, ["holding", "holding", "holding", "holding", "holding", "failed-over", "cooldown"]);
            assert.strictEqual(h.kube.scaleRequests().length, 1);
        });

        it("PRE_FAILOVER_FAILURE_SECONDS=0 fails over on the alert itself", async () => {
            assert.strictEqual((await failover({ preFailoverFailureSeconds: 0 }).onAlert(alertOf("Fired", T * 1000), new Logs())).outcome, "failed-over");
        });

        it("a healthy primary is a false alarm: nothing cleared, nothing done", async () => {
            h.kube.reset(0, { [annotations.degradedSince]: String(T) });
            h.health.answer = 200;
            clock.now = (T + 600) * 1000;
            const logs = new Logs();
            assert.deepStrictEqual(await failover().evaluate(logs), { outcome: "false-alarm", probe: "HTTP 200" });
            assert.ok(logs.some("warn", /false alarm: the primary answers/));
            assert.strictEqual(h.kube.annotations[annotations.degradedSince], String(T));
            assert.deepStrictEqual(h.kube.scaleRequests(), []);
            assert.strictEqual(await witnessRecord(h), undefined, "the fence is not even taken");
        });

        it("a primary that does not answer in time counts as down", async () => {
            h.kube.reset(0, { [annotations.degradedSince]: String(T) });
            h.health.answer = "hang";
            clock.now = (T + 600) * 1000;
            const started = Date.now();
            assert.strictEqual((await failover().evaluate(new Logs())).outcome, "failed-over");
            assert.ok(Date.now() - started < 5000, "the probe is bounded");
        });

        it("resolved before the threshold: the timer finds no mark", async () => {
            const f = failover();
            await f.onAlert(alertOf("Fired", T * 1000), new Logs());
            clock.now = (T + 100) * 1000;
            await f.onAlert(alertOf("Resolved"), new Logs());
            clock.now = (T + 300) * 1000;
            assert.deepStrictEqual(await f.evaluate(new Logs()), { outcome: "no-mark" });
            assert.deepStrictEqual(h.kube.scaleRequests(), []);
        });
    });

    describe("fencing", () => {
        it("20 concurrent timer and alert invocations: one scale request, one fencing token", async () => {
            h.kube.reset(0, { [annotations.degradedSince]: String(T) });
            clock.now = (T + 600) * 1000;
            const outcomes = await Promise.all(
                Array.from({ length: 20 }, (_, i) => (i % 2 ? failover().evaluate(new Logs()) : failover().onAlert(alertOf("Fired", T * 1000), new Logs()))),
            );
            const counts: Record<string, number> = {};
            for (const o of outcomes) counts[o.outcome] = (counts[o.outcome] ?? 0) + 1;
            assert.strictEqual(counts["failed-over"], 1, JSON.stringify(counts));
            assert.strictEqual(h.kube.scaleRequests().length, 1);
            assert.strictEqual((await witnessRecord(h))!.token, 1);
            assert.strictEqual(h.kube.annotations[annotations.fencingToken], "1");
            assert.strictEqual(h.arm.endpointPatches().length, 1);
        });

        it("an invocation that cannot take the lease does nothing", async () => {
            h.kube.reset(0, { [annotations.degradedSince]: String(T) });
            clock.now = (T + 600) * 1000;
            const blob = witnessBlobClient(h);
            await blob.upload('{"token":4}', 11);
            const lease = blob.getBlobLeaseClient();
            await lease.acquireLease(60);
            try {
                assert.deepStrictEqual(await failover().evaluate(new Logs()), { outcome: "fence-busy" });
            } finally {
                await lease.releaseLease();
            }
            assert.deepStrictEqual(h.kube.scaleRequests(), []);
            assert.strictEqual((await witnessRecord(h))!.token, 4);
        });

        it("a stale token (the Deployment already carries a newer one) does nothing", async () => {
            h.kube.reset(0, { [annotations.degradedSince]: String(T), [annotations.fencingToken]: "7" });
            clock.now = (T + 600) * 1000;
            assert.deepStrictEqual(await failover().evaluate(new Logs()), { outcome: "stale-token", token: 1 });
            assert.deepStrictEqual(h.kube.scaleRequests(), []);
            assert.deepStrictEqual(h.arm.requests, []);
        });

        it("cooldown ignores triggers after a failover, then re-asserts it with the next token", async () => {
            h.kube.reset(0, { [annotations.degradedSince]: String(T) });
            clock.now = (T + 200) * 1000;
            const f = failover();
            assert.strictEqual((await f.evaluate(new Logs())).outcome, "failed-over");
            clock.now = (T + 499) * 1000;
            assert.deepStrictEqual(await f.evaluate(new Logs()), { outcome: "cooldown", remainingSeconds: 1 });
            clock.now = (T + 500) * 1000;
            assert.deepStrictEqual(await f.evaluate(new Logs()), { outcome: "failed-over", token: 2, endpointDisabled: true });
            assert.strictEqual(h.kube.scaleRequests().length, 2, "the scale is idempotent: 1 again");
            assert.strictEqual(h.kube.replicas, 1);
        });
    });

    describe("actions", () => {
        beforeEach(() => {
            h.kube.reset(0, { [annotations.degradedSince]: String(T) });
            clock.now = (T + 600) * 1000;
        });

        it("ARM 500 on every attempt: the operator is still scaled, retries are bounded, the failure is logged loudly", async () => {
            h.arm.endpointResponses = Array.from({ length: 10 }, () => ({ status: 500 }));
            const logs = new Logs();
            assert.deepStrictEqual(await failover().evaluate(logs), { outcome: "failed-over", token: 1, endpointDisabled: false });
            assert.strictEqual(h.kube.replicas, 1);
            assert.strictEqual(h.arm.endpointPatches().length, 4, "one attempt and three retries");
            assert.deepStrictEqual(sleeps, [1000, 2000, 4000]);
            assert.ok(logs.some("error", /FAILED to disable the primary Traffic Manager endpoint .*HTTP 500.*gave up after 4 attempts/));
            assert.strictEqual(h.arm.endpointStatus, "Enabled");
        });

        it("ARM 429 with Retry-After: waits as told (capped at 30 s) and disables the endpoint", async () => {
            h.arm.endpointResponses = [{ status: 429, retryAfter: "7" }, { status: 503, retryAfter: "120" }, { status: 200 }];
            assert.deepStrictEqual(await failover().evaluate(new Logs()), { outcome: "failed-over", token: 1, endpointDisabled: true });
            assert.deepStrictEqual(sleeps, [7000, 30_000]);
            assert.strictEqual(h.arm.endpointPatches().length, 3);
            assert.strictEqual(h.arm.endpointStatus, "Disabled");
        });

        it("resolved after a failover: the primary endpoint stays disabled and the operator stays at 1", async () => {
            const f = failover();
            await f.evaluate(new Logs());
            const [scales, armCalls] = [h.kube.scaleRequests().length, h.arm.requests.length];
            await f.onAlert(alertOf("Resolved"), new Logs());
            for (let t = 630; t <= 1200; t += 30) {
                clock.now = (T + t) * 1000;
                assert.deepStrictEqual(await f.evaluate(new Logs()), { outcome: "no-mark" });
            }
            assert.strictEqual(h.kube.replicas, 1);
            assert.strictEqual(h.arm.endpointStatus, "Disabled");
            assert.strictEqual(h.kube.scaleRequests().length, scales);
            assert.strictEqual(h.arm.requests.length, armCalls);
        });

        it("manual mode records and logs, and acts on nothing", async () => {
            const logs = new Logs();
            assert.deepStrictEqual(await failover({ failoverMode: "manual" }).evaluate(logs), { outcome: "manual-required" });
            assert.ok(logs.some("error", /manual failover required/));
            assert.strictEqual(h.kube.annotations[annotations.manualRequired], String(T + 600));
            assert.deepStrictEqual(h.kube.scaleRequests(), []);
            assert.deepStrictEqual(h.arm.requests, []);
            assert.strictEqual(await witnessRecord(h), undefined);
        });

        it("cold tier: starts the stopped agent pools, waits for them, then scales", async () => {
            assert.strictEqual((await failover({ coldAgentPoolIds: agentPoolIds }).evaluate(new Logs())).outcome, "failed-over");
            for (const id of agentPoolIds) {
                assert.deepStrictEqual(h.arm.pools.get(id.toLowerCase()), { power: "Running", provisioning: "Succeeded", pollsUntilRunning: 0 });
                const put = h.arm.requests.find((r) => r.method === "PUT" && r.path === id);
                assert.strictEqual(put?.body.properties.powerState.code, "Running");
            }
            const lastPoolCall = Math.max(...h.arm.requests.filter((r) => r.path.includes("/agentPools/")).map((r) => r.at));
            assert.ok(lastPoolCall <= h.kube.scaleRequests()[0].at, "pools run before the operator scales");
        });

        it("cold tier: a pool that never starts is reported, bounded, and the operator is scaled anyway", async () => {
            h.arm.pools.get(agentPoolIds[1].toLowerCase())!.pollsUntilRunning = Number.POSITIVE_INFINITY;
            const logs = new Logs();
            const started = Date.now();
            assert.strictEqual((await failover({ coldAgentPoolIds: agentPoolIds, coldStartTimeoutSeconds: 1 }).evaluate(logs)).outcome, "failed-over");
            assert.ok(Date.now() - started < 10_000);
            assert.ok(logs.some("error", /agent pool .*digest did not start: .*not running after 1000 ms .*; scaling the operator anyway/));
            assert.strictEqual(h.kube.replicas, 1);
        });
    });
});
