// The failover decision's pure functions (functions/failover/src/decide.ts).
import * as assert from "assert";
import { abortFailover, afterActions, decideFailover, failoverActions, maxProbeGapSeconds, recheck, trafficManagerAgrees, weigh } from "../../functions/failover/src/decide";
import { DrState, initialState } from "../../functions/failover/src/drState";

const T = 1_900_000_000;
const c = { probes: 3, seconds: 120 };
const down = { up: false, detail: "HTTP 503" };
const up = { up: true, detail: "HTTP 200" };
const degraded = { endpointStatus: "Enabled", monitorStatus: "Degraded" };
const online = { endpointStatus: "Enabled", monitorStatus: "Online" };

/** `failed` failed probes so far, the first `span` seconds before T, the last just before T. */
const confirming = (failed: number, span: number, o: Partial<DrState> = {}): DrState => ({ ...initialState(T - span), phase: "confirming", probes: { failed, firstFailedAt: T - span, lastAt: T - 20 }, ...o });

describe("failover decisions", () => {
    describe("Traffic Manager's agreement", () => {
        const failing = T - 60;
        const cases: Array<[string, Parameters<typeof trafficManagerAgrees>, boolean]> = [
            ["Degraded", [degraded, undefined, failing], true],
            ["Online", [online, { condition: "Fired", at: T }, failing], false],
            ["Disabled (the endpoint is out of rotation)", [{ endpointStatus: "Disabled", monitorStatus: "Disabled" }, { condition: "Fired", at: T }, failing], false],
            ["unreadable, an alert fired during this run of failures", [{ error: "HTTP 503" }, { condition: "Fired", at: failing }, failing], true],
            ["unreadable, an alert fired before this run began (a stale one)", [{ error: "HTTP 503" }, { condition: "Fired", at: failing - 1 }, failing], false],
            ["unreadable, the last alert Resolved", [{ error: "HTTP 503" }, { condition: "Resolved", at: T }, failing], false],
            ["unreadable, no alert", [{ error: "HTTP 503" }, undefined, failing], false],
        ];
        for (const [label, args, agrees] of cases) it(`${label}: ${agrees ? "agrees" : "does not agree"}`, () => assert.strictEqual(trafficManagerAgrees(...args), agrees));
    });

    describe("weighing an evaluation's evidence", () => {
        it("a quiet pair with the primary up: nothing to write but a heartbeat every five minutes", () => {
            const s = { ...initialState(T - 600), evaluatedAt: T - 299 };
            assert.strictEqual(weigh(s, { probe: up, trafficManager: online }, T, c, "i").state, s);
            assert.strictEqual(weigh({ ...s, evaluatedAt: T - 300 }, { probe: up, trafficManager: online }, T, c, "i").state.evaluatedAt, T);
        });

        it("the primary answering after failed probes: a false alarm, the count cleared, the line recorded", () => {
            const w = weigh(confirming(2, 40, { alert: { condition: "Fired", at: T - 30 } }), { probe: up, trafficManager: degraded }, T, c, "function i");
            assert.deepStrictEqual([w.verdict, w.state.phase, w.state.probes.failed, w.state.alert], ["false-alarm", "armed", 0, undefined], "the alert goes with the evidence");
            assert.match(w.state.decisions[0].line, /^false alarm: the primary answers again \(HTTP 200\) after 2 failed probe\(s\)/);
            assert.strictEqual(w.state.decisions[0].by, "function i", "credited to who decided, not to the record's holder");
        });

        it("a first failed probe starts the count at this evaluation's time", () => {
            const w = weigh(initialState(T - 600), { probe: down, trafficManager: degraded }, T, c, "function i");
            assert.deepStrictEqual([w.verdict, w.state.phase, w.state.probes], ["confirming", "confirming", { failed: 1, firstFailedAt: T, lastAt: T }]);
        });

        it("confirms only with enough probes, spanning the window, and Traffic Manager agreeing", () => {
            assert.strictEqual(weigh(confirming(2, 120), { probe: down, trafficManager: degraded }, T, c, "function i").verdict, "confirmed");
            assert.strictEqual(weigh(confirming(2, 119), { probe: down, trafficManager: degraded }, T, c, "function i").verdict, "confirming", "the window is not spanned");
            assert.strictEqual(weigh(confirming(1, 300), { probe: down, trafficManager: degraded }, T, c, "function i").verdict, "confirming", "too few probes");
            assert.strictEqual(weigh(confirming(2, 120), { probe: down, trafficManager: online }, T, c, "function i").verdict, "confirming", "Traffic Manager disagrees");
        });

        it("the look before acting is not another probe: the count stays; an answer or Traffic Manager's change stops it", () => {
            const confirmed = confirming(3, 120);
            assert.deepStrictEqual([recheck(confirmed, { probe: down, trafficManager: degraded }, T, "f").verdict, recheck(confirmed, { probe: down, trafficManager: degraded }, T, "f").state], ["confirmed", confirmed]);
            assert.strictEqual(recheck(confirmed, { probe: down, trafficManager: online }, T, "f").verdict, "confirming");
            assert.strictEqual(recheck(confirmed, { probe: up, trafficManager: degraded }, T, "f").verdict, "false-alarm");
        });

        it("one missed evaluation between failed probes is bridged; a longer gap starts the count again", () => {
            const s = confirming(5, 300, { probes: { failed: 5, firstFailedAt: T - 300, lastAt: T - maxProbeGapSeconds - 1 } });
            assert.deepStrictEqual(weigh(s, { probe: down, trafficManager: degraded }, T, c, "function i").state.probes, { failed: 1, firstFailedAt: T, lastAt: T });
            const close = confirming(5, 300, { probes: { failed: 5, firstFailedAt: T - 300, lastAt: T - maxProbeGapSeconds } });
            assert.strictEqual(weigh(close, { probe: down, trafficManager: degraded }, T, c, "function i").state.probes.failed, 6);
        });
    });

    describe("a failover and its actions", () => {
        it("a decision raises the token, names its holder and owes every action", () => {
            const actions = failoverActions(["/pools/kafka"]);
            const d = decideFailover(confirming(3, 120, { token: 4 }), T, { kind: "function", id: "i-1" }, actions, "because");
            assert.deepStrictEqual([d.phase, d.token, d.holder, d.failedOverAt, d.since], ["failing-over", 5, { kind: "function", id: "i-1" }, T, T]);
            assert.deepStrictEqual(
                d.pending.map((p) => [p.action, p.since, p.attempts]),
                [
                    ["start-agent-pool", T, 0],
                    ["scale-operator", T, 0],
                    ["disable-primary-endpoint", T, 0],
                ],
            );
            assert.strictEqual(d.decisions[d.decisions.length - 1].line, "failing over with fencing token 5: because");
        });

        it("confirmed actions leave; failed ones count an attempt and keep their error; the last one confirmed ends the failover", () => {
            const d = decideFailover(initialState(T), T, { kind: "function", id: "i" }, failoverActions([]), "x");
            const partly = afterActions(d, T + 20, "function i", new Map([[0, { confirmed: true }], [1, { confirmed: false, error: "HTTP 503" }]]));
            assert.deepStrictEqual(
                partly.pending.map((p) => [p.action, p.attempts, p.lastError]),
                [["disable-primary-endpoint", 1, "HTTP 503"]],
            );
            assert.strictEqual(partly.phase, "failing-over");
            const done = afterActions(partly, T + 40, "function i", new Map([[0, { confirmed: true }]]));
            assert.deepStrictEqual([done.phase, done.since, done.pending], ["failed-over", T + 40, []]);
        });

        it("abandoning a failover before the scale leaves the pair armed, its evidence cleared, the token kept", () => {
            const d = decideFailover(confirming(3, 120, { token: 2 }), T, { kind: "function", id: "i" }, failoverActions([]), "x");
            const a = abortFailover(d, T + 20, "function j", "HTTP 200");
            assert.deepStrictEqual([a.phase, a.token, a.pending, a.probes, a.failedOverAt], ["armed", 3, [], { failed: 0 }, undefined]);
            assert.match(a.decisions[a.decisions.length - 1].line, /^false alarm: the primary answers again \(HTTP 200\) before the operator was scaled; failover 3 abandoned$/);
        });
    });
});
