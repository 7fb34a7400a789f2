// Operations (advisory): tags and the failover timeline budget.
import * as assert from "assert";
import * as ops from "../../policy/operations";
import { runPoliciesOn } from "../../tools/policyRunner";
import { activeStack, assertPasses, mutate, standbyStack, violations } from "./fixtures";

describe("policy: operations", () => {
    it("required-tags", async () => {
        await assertPasses(ops.requiredTags, standbyStack());
        assert.deepStrictEqual(await violations(ops.requiredTags, mutate(standbyStack(), "aks-cluster", (r) => delete r.props.tags.drPair)), ["missing tags: drPair."]);
        assert.deepStrictEqual(await violations(ops.requiredTags, mutate(standbyStack(), "logs-account", (r) => delete r.props.tags)), ["missing tags: app, environment, drStack, drPair, managedBy."]);
        assert.deepStrictEqual(await violations(ops.requiredTags, mutate(standbyStack(), "aks-cluster", (r) => (r.props.tags = { app: "logscale" })), { "required-tags": { tags: ["app"] } }), []);
        assert.ok(standbyStack().some((r) => ops.untaggableTypes.has(r.type) && !r.props.tags), "untaggable resources without tags pass");
    });

    it("failover-timeline-budget", async () => {
        await assertPasses(ops.failoverTimelineBudget, standbyStack());
        const slow = mutate(standbyStack(), "logscale-dr-secondary", (r) => Object.assign(r.props.failoverTimeline, { confirmationSeconds: 600, totalSeconds: 637, agentPoolStartSeconds: 900 }));
        assert.deepStrictEqual(await violations(ops.failoverTimelineBudget, slow), [
            "the failover takes up to 637 s (firstProbeSeconds 20, confirmationSeconds 600, trafficManagerSeconds 0, actionSeconds 16); the budget is 240 s.",
        ]);
        assert.deepStrictEqual(await violations(ops.failoverTimelineBudget, slow, { "failover-timeline-budget": { maxSeconds: 900 } }), []);
        // A cold standby's pool start follows the total: it does not count against the budget.
        const cold = mutate(standbyStack(), "logscale-dr-secondary", (r) => Object.assign(r.props.failoverTimeline, { agentPoolStartSeconds: 900 }));
        assert.deepStrictEqual(await violations(ops.failoverTimelineBudget, cold), []);
        const [onActive] = await runPoliciesOn([ops.failoverTimelineBudget], { inputs: [], state: activeStack() });
        assert.strictEqual(onActive.applicable, false);
    });

    it("failover-notifies-people", async () => {
        await assertPasses(ops.failoverNotifiesPeople, standbyStack());
        const silent = mutate(standbyStack(), "failover-actions", (r) => delete r.props.emailReceivers);
        assert.deepStrictEqual(await violations(ops.failoverNotifiesPeople, silent), [
            "nobody is told when the failover alert fires: set failoverNotificationEmails or failoverNotificationWebhook on the standby.",
        ]);
        await assertPasses(ops.failoverNotifiesPeople, mutate(silent, "failover-actions", (r) => (r.props.webhookReceivers = [{ name: "webhook", serviceUri: "https://hooks.example.com/x", useCommonAlertSchema: true }])));
    });
});
