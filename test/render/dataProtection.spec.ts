// The doors the security baseline closed in the data and control planes,
// rendered: a recovery net under LogScale's bucket, locks Azure honours
// whoever asks, zones only where the region has them, the audit trail, the
// control plane's network rights, and caches without shared keys.
import * as assert from "assert";
import { controlPlaneNetworkActions } from "../../components/aks";
import { auditCategories } from "../../components/auditLogs";
import { logStorageSku, poolZones } from "../../model/zones";
import { named, ofType, plan } from "../helpers";

const inputs = (name: string) => async (stack: string) => named(await plan(stack), name).inputs as Record<string, any>;

describe("data protection and control plane", () => {
    it("zones: pools spread over three zones in East US; none in West US, which has no availability zones", async () => {
        assert.deepStrictEqual([poolZones("eastus"), poolZones("westus")], [["1", "2", "3"], []]);
        const pools = async (stack: string) => ofType(await plan(stack), "azure-native:containerservice:AgentPool").map((p) => (p.inputs as any).availabilityZones);
        assert.ok((await pools("primary")).every((z) => JSON.stringify(z) === '["1","2","3"]'));
        assert.ok((await pools("secondary")).every((z) => z === undefined));
        const system = async (stack: string) => (await inputs("aks-cluster")(stack)).agentPoolProfiles[0].availabilityZones;
        assert.deepStrictEqual([await system("primary"), await system("secondary")], [["1", "2", "3"], undefined]);
    });

    it("the bucket is never only locally redundant: zone-redundant where the region has zones, else geo-redundant", async () => {
        assert.deepStrictEqual([logStorageSku("eastus"), logStorageSku("westus")], ["Standard_ZRS", "Standard_GRS"]);
        assert.deepStrictEqual([(await inputs("logs-account")("primary")).sku.name, (await inputs("logs-account")("secondary")).sku.name], ["Standard_ZRS", "Standard_GRS"]);
    });

    it("deleted blobs and containers, and overwritten blobs, stay recoverable for 14 days; previous versions then end", async () => {
        for (const stack of ["primary", "secondary"]) {
            const p = await plan(stack);
            const service = named(p, "logs-blob-service");
            assert.deepStrictEqual(
                [(service.inputs as any).deleteRetentionPolicy, (service.inputs as any).containerDeleteRetentionPolicy, (service.inputs as any).isVersioningEnabled, service.options.protect],
                [{ enabled: true, days: 14 }, { enabled: true, days: 14 }, true, true],
            );
            const [rule] = (named(p, "logs-lifecycle").inputs as any).policy.rules;
            assert.deepStrictEqual(rule.definition.actions, { version: { delete: { daysAfterCreationGreaterThan: 14 } } });
        }
    });

    it("the bucket's account carries a CanNotDelete lock, which stops a delete of it or of its resource group from anywhere", async () => {
        const p = await plan("primary");
        const lock = named(p, "logs-account-lock");
        assert.deepStrictEqual([(lock.inputs as any).level, (lock.inputs as any).scope, lock.options.protect], ["CanNotDelete", named(p, "logs-account").state.id, true]);
    });

    it("the API server's audit log and the vault's access log go to the region's audit workspace, kept 90 days", async () => {
        const p = await plan("primary");
        const workspace = named(p, "audit-workspace");
        assert.strictEqual((workspace.inputs as any).retentionInDays, 90);
        const settings = ofType(p, "azure-native:monitor:DiagnosticSetting").map((d) => d.inputs as any);
        const to = (resource: string) => settings.find((d) => d.resourceUri === named(p, resource).state.id);
        assert.deepStrictEqual(to("aks-cluster").logs.map((l: any) => l.category), [...auditCategories.aks]);
        assert.deepStrictEqual(to("break-glass-vault").logs.map((l: any) => l.category), [...auditCategories.keyVault]);
        assert.ok(settings.every((d) => d.workspaceId === workspace.state.id));
    });

    it("the cluster's control plane may join its subnets and bind its public IP, nothing more: no Network Contributor on the resource group", async () => {
        const p = await plan("primary");
        const grants = ofType(p, "azure-native:authorization:RoleAssignment").filter((r) => r.name.startsWith("aks-control-plane-"));
        assert.deepStrictEqual(grants.map((g) => (g.inputs as any).scope).sort(), [named(p, "network-vnet").state.id, named(p, "network-ingress-ip").state.id].sort());
        const role = named(p, "aks-network-join").inputs as any;
        assert.deepStrictEqual(role.permissions, [{ actions: [...controlPlaneNetworkActions] }]);
        assert.ok(grants.every((g) => (g.inputs as any).roleDefinitionId === named(p, "aks-network-join").state.id));
    });

    it("caches take Microsoft Entra ID sign-in only: no access keys", async () => {
        for (const stack of ["primary", "secondary"]) {
            const cache = await inputs("redis-cache")(stack);
            assert.deepStrictEqual([cache.disableAccessKeyAuthentication, cache.redisConfiguration], [true, { aadEnabled: "true" }]);
        }
    });
});
