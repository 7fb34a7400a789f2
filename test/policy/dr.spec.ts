// DR invariants: each policy passes its compliant baseline and catches
// exactly the violation each mutation introduces.
import * as assert from "assert";
import * as dr from "../../policy/dr";
import { Secret } from "../../tools/offline/engine";
import { runPoliciesOn } from "../../tools/policyRunner";
import { activeStack, assertPasses, baseline, mutate, resource, standbyStack, violations } from "./fixtures";

const dropEnv = (name: string) => (r: { props: any }) => (r.props.spec.commonEnvironmentVariables = r.props.spec.commonEnvironmentVariables.filter((e: any) => e.name !== name));
const setEnv = (name: string, value: string) => (r: { props: any }) => {
    dropEnv(name)(r);
    r.props.spec.commonEnvironmentVariables.push({ name, value });
};

describe("policy: DR invariants", () => {
    it("dr-mode-declared", async () => {
        await assertPasses(dr.humioClusterDeclaresMode, standbyStack());
        assert.deepStrictEqual(await violations(dr.humioClusterDeclaresMode, mutate(standbyStack(), "logscale-cluster", (r) => delete r.props.metadata.annotations)), [
            "metadata.annotations['logscale.dr/mode'] must be standby, active or none.",
        ]);
    });

    it("dr-standby-environment", async () => {
        await assertPasses(dr.standbyEnvironment, standbyStack());
        const cases: Array<[(r: { props: any }) => void, string]> = [
            [dropEnv("AZURE_RECOVER_FROM_REPLACE_REGION"), "missing AZURE_RECOVER_FROM_REPLACE_REGION."],
            [dropEnv("BUCKET_STORAGE_MULTIPLE_ENDPOINTS"), 'BUCKET_STORAGE_MULTIPLE_ENDPOINTS must be "true".'],
            [setEnv("AZURE_RECOVER_FROM_REPLACE_BUCKET", "logscale-data"), "AZURE_RECOVER_FROM_REPLACE_BUCKET must not be set on Azure."],
            [setEnv("ENABLE_ALERTS", "true"), 'ENABLE_ALERTS must be "false".'],
            [setEnv("AZURE_RECOVER_FROM_ACCOUNTKEY", "literal-key"), "AZURE_RECOVER_FROM_ACCOUNTKEY must come from a Secret (valueFrom)."],
        ];
        for (const [change, message] of cases) assert.deepStrictEqual(await violations(dr.standbyEnvironment, mutate(standbyStack(), "logscale-cluster", change)), [message]);
        const [onActive] = await runPoliciesOn([dr.standbyEnvironment], { inputs: activeStack(), state: [] });
        assert.deepStrictEqual([onActive.applicable, onActive.violations], [false, []], "not applicable to an active cluster");
    });

    it("dr-active-environment", async () => {
        await assertPasses(dr.activeEnvironment, activeStack());
        assert.deepStrictEqual(await violations(dr.activeEnvironment, mutate(activeStack(), "logscale-cluster", setEnv("ENABLE_ALERTS", "false"))), ['ENABLE_ALERTS must be "true".']);
        assert.deepStrictEqual(await violations(dr.activeEnvironment, mutate(activeStack(), "logscale-cluster", setEnv("AZURE_RECOVER_FROM_REPLACE_BUCKET", "x"))), [
            "AZURE_RECOVER_FROM_REPLACE_BUCKET must not be set on Azure.",
        ]);
    });

    it("dr-standby-has-no-ui-or-ingest-pools", async () => {
        await assertPasses(dr.standbyPools, standbyStack());
        assert.deepStrictEqual(await violations(dr.standbyPools, [...standbyStack(), baseline.agentPool("ui")]), ["agent pool ui must not exist on a standby."]);
        assert.deepStrictEqual(await violations(dr.standbyPools, mutate(standbyStack(), "logscale-cluster", (r) => (r.props.spec.nodePools[1].spec.nodeCount = 3))), [
            "HumioCluster node pool ingest-only has nodeCount 3; a standby's must be 0.",
        ]);
    });

    it("dr-failover-function-by-mode", async () => {
        await assertPasses(dr.failoverFunctionByMode, standbyStack());
        await assertPasses(dr.failoverFunctionByMode, activeStack());
        const expected = "a standby needs a metric alert on the primary endpoint's probe state whose action group calls the failover function with the common alert schema.";
        assert.deepStrictEqual(await violations(dr.failoverFunctionByMode, standbyStack().filter((r) => r.name !== "failover-alert")), [expected]);
        assert.deepStrictEqual(await violations(dr.failoverFunctionByMode, mutate(standbyStack(), "failover-actions", (r) => (r.props.azureFunctionReceivers[0].useCommonAlertSchema = false))), [expected]);
        // The receivers carry the trigger's key: handed over as a whole Secret, they are read all the same.
        await assertPasses(dr.failoverFunctionByMode, mutate(standbyStack(), "failover-actions", (r) => (r.props.azureFunctionReceivers = new Secret(r.props.azureFunctionReceivers))));
        assert.deepStrictEqual(await violations(dr.failoverFunctionByMode, [...activeStack(), baseline.failoverFunction(), baseline.actionGroup(), baseline.metricAlert()]), [
            "an active region must not watch its peer for failover.",
            "an active region must not run the failover function.",
        ]);
    });

    it("traffic-manager-priority-profile", async () => {
        await assertPasses(dr.trafficManagerProfile, activeStack());
        assert.deepStrictEqual(await violations(dr.trafficManagerProfile, mutate(activeStack(), "global-dns-profile", (r) => (r.props.trafficRoutingMethod = "Performance"))), [
            'trafficRoutingMethod is "Performance"; it must be Priority.',
        ]);
        const slow = mutate(activeStack(), "global-dns-profile", (r) => (r.props.dnsConfig.ttl = 300));
        assert.deepStrictEqual(await violations(dr.trafficManagerProfile, slow), ["dnsConfig.ttl is 300; it must be at most 60."]);
        assert.deepStrictEqual(await violations(dr.trafficManagerProfile, slow, { "traffic-manager-priority-profile": { maxTtlSeconds: 300 } }), [], "the TTL bound is configurable");
        assert.deepStrictEqual(await violations(dr.trafficManagerProfile, mutate(activeStack(), "global-dns-profile", (r) => (r.props.monitorConfig.path = "/"))), [
            'monitorConfig.path is "/"; it must be /api/v1/status.',
        ]);
    });

    it("traffic-manager-unique-priorities", async () => {
        await assertPasses(dr.endpointPriorities, activeStack());
        await assertPasses(dr.endpointPriorities, standbyStack());
        const clash = [...activeStack(), { ...baseline.secondaryEndpoint(), props: { ...baseline.secondaryEndpoint().props, priority: 1 } }];
        assert.deepStrictEqual(await violations(dr.endpointPriorities, clash), ["priority 1 on profile lsdr-pri-global is also used by global-dns-primary."]);
        assert.deepStrictEqual(await violations(dr.endpointPriorities, mutate(standbyStack(), "secondary-endpoint-endpoint", (r) => (r.props.priority = 1))), [
            "endpoint lsdr-sec-secondary takes priority 1 on a profile this stack does not own.",
        ]);
    });

    it("data-bearing-resources-protected", async () => {
        await assertPasses(dr.dataBearingProtected, standbyStack());
        await assertPasses(dr.dataBearingProtected, activeStack());
        const unprotect = (r: { opts: { protect: boolean } }) => (r.opts.protect = false);
        const cases: Array<[() => any[], string, string]> = [
            [standbyStack, "logs-account", "azure-native:storage:StorageAccount logs-account holds data and must be protected."],
            [standbyStack, "logs-container", "azure-native:storage:BlobContainer logs-container holds data and must be protected."],
            [standbyStack, "logscale-kafka-cluster", "kubernetes:kafka.strimzi.io/v1beta2:Kafka logscale-kafka-cluster holds data and must be protected."],
            [standbyStack, "logscale-kafka-brokers", "kubernetes:kafka.strimzi.io/v1beta2:KafkaNodePool logscale-kafka-brokers holds data and must be protected."],
            [
                activeStack,
                "logs-encryption-key",
                "random:index/randomPassword:RandomPassword logs-encryption-key is LogScale's storage encryption key: a replacement cannot read one existing segment, so it must be protected.",
            ],
            [activeStack, "vault", "azure-native:keyvault:Vault vault holds data and must be protected."],
            [activeStack, "postgres", "azure-native:dbforpostgresql:Server postgres holds data and must be protected."],
            [activeStack, "redis", "azure-native:redis:Redis redis holds data and must be protected."],
        ];
        for (const [stack, name, message] of cases) assert.deepStrictEqual(await violations(dr.dataBearingProtected, mutate(stack(), name, unprotect)), [message]);
        // A standby's unpromoted read replica is a copy that re-protection may replace; promoted, it holds the data.
        const replica = (r: { props: Record<string, unknown>; opts: { protect: boolean } }) => {
            unprotect(r);
            Object.assign(r.props, { createMode: "Replica", sourceServerResourceId: "/subscriptions/s/resourceGroups/g/providers/Microsoft.DBforPostgreSQL/flexibleServers/p" });
        };
        assert.deepStrictEqual(await violations(dr.dataBearingProtected, mutate(activeStack(), "postgres", replica)), []);
        const promoted = mutate(activeStack(), "postgres", (r) => {
            replica(r);
            r.props.replica = { promoteMode: "Standalone", promoteOption: "Planned" };
        });
        assert.deepStrictEqual(await violations(dr.dataBearingProtected, promoted), ["azure-native:dbforpostgresql:Server postgres holds data and must be protected."]);
        // The encryption key is found through the Secret behind AZURE_STORAGE_ENCRYPTION_KEY: other generated values may come and go.
        assert.deepStrictEqual(
            await violations(dr.dataBearingProtected, [...mutate(standbyStack(), "logs-encryption-key", unprotect), resource("random:index/randomPassword:RandomPassword", "postgres-admin-password", { length: 32 })]),
            ["random:index/randomPassword:RandomPassword logs-encryption-key is LogScale's storage encryption key: a replacement cannot read one existing segment, so it must be protected."],
        );
        // The failover function's host storage is not LogScale's bucket: promotion deletes it.
        assert.deepStrictEqual(await violations(dr.dataBearingProtected, standbyStack()), []);
    });

    it("secondary-endpoint-outlives-failover-function", async () => {
        await assertPasses(dr.secondaryEndpointIndependent, standbyStack());
        const nested = mutate(standbyStack(), "secondary-endpoint-endpoint", (r) => (r.parent = baseline.failoverFunction().urn));
        assert.deepStrictEqual(await violations(dr.secondaryEndpointIndependent, nested), ["endpoint lsdr-sec-secondary is parented under the failover function."]);
    });
});
