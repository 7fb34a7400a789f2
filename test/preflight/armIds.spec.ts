// Rule family 2: two declarations of one ARM id, from resources and from
// sub-resources declared inline, derived from the inputs (ids are fake offline).
import * as assert from "assert";
import { duplicateIdViolations } from "../../tools/preflight/armIds";
import { baseline, input, mutated, recorded } from "./fixtures";

const found = (...rs: Parameters<typeof mutated>[0][]) => duplicateIdViolations(input(rs)).map((v) => `${v.resource} ${v.property}: ${v.rule}`);

describe("preflight: duplicate ARM ids", () => {
    it("distinct declarations pass: the inline system pool beside an AgentPool of another name", () => {
        assert.deepStrictEqual(found(baseline.managedCluster, baseline.agentPool), []);
    });

    it("an AgentPool of the pool the cluster declares inline, naming both", () => {
        const [line] = found(baseline.managedCluster, mutated(baseline.agentPool, "agentPoolName", "system"));
        assert.match(line, /^azure-native:containerservice:AgentPool aks-pool-kafka agentPoolName: arm\.duplicateId: declares resourcegroups\/lsdr-logscale-eastus\/providers\/microsoft\.containerservice\/managedclusters\/lsdr-aks\/agentpools\/system, which azure-native:containerservice:ManagedCluster aks-cluster also declares \(agentPoolProfiles\[0\]\)$/);
    });

    it("a Subnet the VirtualNetwork declares inline", () => {
        const vnet = mutated(baseline.vnet, "subnets", [{ name: "system", addressPrefix: "172.16.0.0/24" }]);
        assert.strictEqual(found(vnet, baseline.subnet).length, 1);
        assert.deepStrictEqual(found(vnet, mutated(baseline.subnet, "subnetName", "kafka")), []);
    });

    it("a Traffic Manager Endpoint the profile declares inline (endpoint types compare without case)", () => {
        const profile = mutated(baseline.profile, "endpoints", [{ name: "lsdr-primary", type: "Microsoft.Network/trafficManagerProfiles/externalEndpoints", target: "x" }]);
        assert.strictEqual(found(profile, baseline.endpoint).length, 1);
    });

    it("two resources of one name", () => {
        assert.strictEqual(found(baseline.redis, recorded(baseline.redis.type, "redis-other", baseline.redis.inputs)).length, 1);
    });

    it("resources azure-native names (no name input) never clash", () => {
        const assignment = recorded("azure-native:authorization:RoleAssignment", "a", { scope: "/subscriptions/x", principalId: "p", roleDefinitionId: "r" });
        assert.deepStrictEqual(found(assignment, recorded(assignment.type, "b", assignment.inputs)), []);
    });
});
