// The failover path under random faults: fast-check runs random command
// sequences against the function's own code over a simulated pair
// (simulation/world.ts) and checks the invariants after every step. The seed
// is printed: `npm run simulate -- --runs N --seed S` replays or extends it.
// Then one named scenario for each way the previous function failed.
import * as assert from "assert";
import fc from "fast-check";
import { evaluationPeriodSeconds } from "../../contract";
import { property } from "./simulation/commands";
import { World, WorldOptions } from "./simulation/world";

export const defaultRuns = 250;

const defaults: WorldOptions = { instances: 2, confirmationProbes: 3, confirmationSeconds: 120, cold: false, skewMs: [0, 0, 0, 0], latencySeed: 1 };

const w0 = () => new World(defaults);

/** When a world with these options, its primary down from the start, decides its failover (storage time, ms). */
async function decisionTime(o: WorldOptions = defaults): Promise<number> {
    const w = new World(o);
    w.setPrimary(false);
    await w.advance(w.totalSeconds);
    const at = w.state()?.failedOverAt;
    assert.ok(at, "the reference world never failed over");
    return at * 1000;
}

/** A world whose primary went down at its start, stopped just before the evaluation that decides (at `at`). */
async function justBeforeDecision(o: WorldOptions = defaults, at?: number): Promise<World> {
    at ??= await decisionTime(o);
    const w = new World(o);
    w.setPrimary(false);
    await w.advance((at - w.now - 1) / 1000);
    assert.strictEqual(w.state()?.phase, "confirming");
    return w;
}

describe("failover simulation", function () {
    this.timeout(120_000);

    it(`holds every invariant over ${defaultRuns} random fault sequences`, async () => {
        const seed = Number(process.env.SIMULATION_SEED ?? Date.now() % 2 ** 31);
        const started = Date.now();
        try {
            await fc.assert(property(), { numRuns: defaultRuns, seed });
        } finally {
            console.log(`      simulation: ${defaultRuns} sequences, seed ${seed}, ${Date.now() - started} ms (replay: npm run simulate -- --runs ${defaultRuns} --seed ${seed})`);
        }
    });

    describe("regressions: each way the previous function failed", () => {
        it("partial failover: the endpoint disable fails 4 times and Resolved arrives; the disable is retried until read back, the endpoint never returns to rotation", async () => {
            const w = new World(defaults);
            w.afterDecision = () => w.inject({ api: "arm", kind: 503, remaining: 4 });
            w.setPrimary(false);
            await w.advance(w.totalSeconds);
            w.setPrimary(true);
            await w.deliver(w.alertBody("Resolved"), 0);
            await w.advance(6 * evaluationPeriodSeconds);
            assert.ok(w.log.some((l) => /FAILOVER INCOMPLETE/.test(l)), "an unconfirmed action is logged loudly");
            assert.deepStrictEqual([w.state()?.phase, w.endpointStatus, w.operator.replicas], ["failed-over", "Disabled", 1]);
            await w.settle();
        });

        it("a decision no longer true: the primary answers again at the re-check; no failover, a false alarm is recorded", async () => {
            const w = await justBeforeDecision();
            w.recoverAfterProbes = 1;
            await w.advance(evaluationPeriodSeconds);
            assert.strictEqual(w.operator.replicas, 0);
            assert.ok(w.state()?.decisions.some((d) => /false alarm/.test(d.line)));
            await w.settle();
            assert.strictEqual(w.operator.replicas, 0);
        });

        it("a decision no longer true: a person stands down while the deciding evaluation runs; at no interleaving does the function override the person", async () => {
            const at = await decisionTime();
            for (const [scaleTo, kubeErrors] of [[undefined, 0], [0, 0], [undefined, 1], [undefined, 2]]) {
                for (let steps = 0; steps <= 100; steps++) {
                    const w = await justBeforeDecision({ ...defaults, latencySeed: steps }, at);
                    // Kubernetes errors on the first attempts keep the function's scale in flight longer.
                    if (kubeErrors) w.afterDecision = () => w.inject({ api: "kube", kind: 500, remaining: kubeErrors });
                    w.now += 1;
                    const person = (async () => {
                        for (let i = 0; i < steps; i++) await Promise.resolve();
                        await w.personTakesOver("stood-down", scaleTo);
                    })();
                    await Promise.all([w.evaluate([0]), person]);
                    await w.settle();
                    assert.strictEqual(w.state()?.phase, "stood-down", `person after ${steps} steps`);
                    if (scaleTo === 0) assert.strictEqual(w.operator.replicas, 0, `person after ${steps} steps`);
                }
            }
        });

        it("one lost delivery: the Fired alert is lost and the first Kubernetes patch fails with 500; the timer fails over within the bound", async () => {
            const w = new World(defaults);
            w.loseNextAlert = true;
            w.afterDecision = () => w.inject({ api: "kube", kind: 500, remaining: 1 });
            w.setPrimary(false);
            await w.advance(w.totalSeconds);
            assert.strictEqual(w.operator.replicas, 1);
            await w.settle();
        });

        it("payload time is not trusted: a Fired alert dated 1970 or \"-6\" starts no failover, and a forged Resolved disarms nothing", async () => {
            const w = new World(defaults);
            w.setPrimary(false);
            for (const firedDateTime of ["1970-01-01T00:00:01Z", "-6"]) assert.strictEqual(await w.deliver(w.alertBody("Fired", { firedDateTime }), 0), 200);
            assert.deepStrictEqual([w.state()?.phase, w.operator.replicas], ["confirming", 0]);
            assert.strictEqual(await w.deliver(w.alertBody("Resolved", { firedDateTime: "2999-01-01T00:00:00Z" }), 1), 200);
            await w.advance(w.totalSeconds);
            assert.strictEqual(w.operator.replicas, 1);
        });

        it("an alert for another rule or another profile is refused with 400 and changes nothing", async () => {
            const w = new World(defaults);
            w.setPrimary(false);
            assert.strictEqual(await w.deliver(w.alertBody("Fired", { rule: "other-rule" }), 0), 400);
            assert.strictEqual(await w.deliver(w.alertBody("Fired", { target: "/subscriptions/x/resourceGroups/y/providers/Microsoft.Network/trafficManagerProfiles/other" }), 0), 400);
            assert.strictEqual(w.state(), undefined);
        });

        it("one failed probe after a false alarm does not fail over a flapping primary", async () => {
            const w = await justBeforeDecision();
            w.setPrimary(true);
            await w.advance(1.5 * evaluationPeriodSeconds);
            w.setPrimary(false);
            await w.advance(evaluationPeriodSeconds);
            assert.deepStrictEqual([w.state()?.probes.failed, w.operator.replicas], [1, 0]);
        });

        it("two missed evaluations start the count again: nobody saw the primary in between", async () => {
            const w = new World({ ...defaults, confirmationSeconds: 40 });
            w.setPrimary(false);
            await w.advance(2 * evaluationPeriodSeconds + 1); // failed probes at 20 s and 40 s
            w.setPrimary(true);
            w.inject({ api: "blob", kind: 503, remaining: 2 }); // the evaluations at 60 s and 80 s do not run
            await w.advance(2 * evaluationPeriodSeconds);
            w.setPrimary(false);
            await w.advance(evaluationPeriodSeconds); // the one at 100 s fails a probe: 60 s after the last
            assert.deepStrictEqual([w.state()?.probes.failed, w.operator.replicas], [1, 0]);
        });

        it("a hung Kubernetes API: every evaluation ends inside the timer period, and the failover completes once it answers", async () => {
            const w = new World(defaults);
            w.afterDecision = () => w.inject({ api: "kube", kind: "hang", remaining: Infinity });
            w.setPrimary(false);
            await w.advance(w.totalSeconds + 4 * evaluationPeriodSeconds);
            assert.deepStrictEqual([w.state()?.phase, w.operator.replicas], ["failing-over", 0]);
            await w.settle();
            assert.deepStrictEqual([w.state()?.phase, w.operator.replicas, w.endpointStatus], ["failed-over", 1, "Disabled"]);
        });

        it("a stale Fired alert does not stand in for Traffic Manager: with the function's own probe and ARM calls failing, a healthy primary is not failed over", async () => {
            const w = new World(defaults);
            await w.deliver(w.alertBody("Fired"), 0);
            await w.advance(3 * 24 * 3600);
            w.inject({ api: "probe", kind: "hang", remaining: Infinity });
            w.inject({ api: "arm", kind: 503, remaining: Infinity });
            await w.advance(2 * w.totalSeconds);
            assert.deepStrictEqual([w.state()?.phase, w.operator.replicas, w.endpointStatus], ["confirming", 0, "Enabled"]);
        });

        it("a decision whose actions all failed is looked at again: the primary answering by then, the failover is abandoned and nothing is changed", async () => {
            const w = new World(defaults);
            w.afterDecision = () => {
                w.inject({ api: "kube", kind: 503, remaining: Infinity });
                w.inject({ api: "arm", kind: 503, remaining: Infinity });
            };
            w.setPrimary(false);
            await w.advance(w.totalSeconds);
            assert.strictEqual(w.state()?.phase, "failing-over");
            w.setPrimary(true);
            w.clearFaults();
            await w.advance(evaluationPeriodSeconds);
            assert.deepStrictEqual([w.state()?.phase, w.operator.replicas, w.endpointStatus], ["armed", 0, "Enabled"]);
            assert.match(w.state()!.decisions[w.state()!.decisions.length - 1].line, /before the operator was scaled; failover 1 abandoned$/);
        });

        it("one transient storage fault during the confirmation costs at most one evaluation: still within 240 s", async () => {
            for (let at = evaluationPeriodSeconds; at <= w0().totalSeconds; at += evaluationPeriodSeconds) {
                const w = new World(defaults);
                w.setPrimary(false);
                await w.advance(at - 1);
                w.inject({ api: "blob", kind: 503, remaining: 1 });
                await w.advance(w.totalSeconds + evaluationPeriodSeconds - at + 1);
                assert.strictEqual(w.operator.replicas, 1, `a fault at ${at} s`);
                assert.ok(w.totalSeconds + evaluationPeriodSeconds <= 240);
            }
        });

        it("re-arming with the primary endpoint disabled is refused: the function could never see Traffic Manager agree", async () => {
            const w = new World(defaults);
            w.setPrimary(false);
            await w.advance(w.totalSeconds);
            await assert.rejects(w.person.takeOver("person", "armed", "too early"), /Disabled: fail back/);
            assert.strictEqual(w.state()?.phase, "failed-over");
        });
    });
});
