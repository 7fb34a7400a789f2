// The failover function's infrastructure as rendered: present only on a
// standby, least-privilege grants, the alert wired to the function, app
// settings the function itself accepts, and the package a build made.
import * as assert from "assert";
import { agentPoolStarterActions } from "../../components/failoverFunction";
import { builtInRoles } from "../../components/roles";
import { failoverPackageDir, failoverPackageVersion } from "../../functions/failover/artifact";
import { readSettings } from "../../functions/failover/src/settings";
import { failoverTimeline } from "../../model/failoverTimeline";
import { StackPlan } from "../../tools/bringUp";
import { maybeNamed, named, ofType, plan, planMode } from "../helpers";


const roleOf = (p: StackPlan, name: string) => {
    const r = named(p, name).inputs as any;
    return { scope: r.scope, role: String(r.roleDefinitionId).split("/").pop() };
};

function appSettings(p: StackPlan): Record<string, string> {
    const app = named(p, "failover-app").inputs as any;
    return Object.fromEntries(app.siteConfig.appSettings.map((s: { name: string; value: string }) => [s.name, s.value]));
}

describe("failover function infrastructure", () => {
    let standby: StackPlan;
    let primary: StackPlan;
    before(async () => {
        [standby, primary] = [await plan("secondary"), await plan("primary")];
    });

    it("exists only on a standby", async () => {
        assert.ok(maybeNamed(standby, "failover"));
        for (const dr of ["active", ""]) assert.strictEqual(maybeNamed(await plan("secondary", { dr }), "failover"), undefined, dr);
        assert.strictEqual(maybeNamed(primary, "failover"), undefined);
    });

    it("grants least privilege: each role on the narrowest scope", () => {
        const p = primary.rendering.outputs;
        const witness = named(standby, "logs-witness");
        const cluster = named(standby, "aks-cluster");
        const host = named(standby, "failover-host");
        assert.deepStrictEqual(roleOf(standby, "failover-traffic-manager"), { scope: p.trafficManagerProfileId, role: builtInRoles.trafficManagerContributor });
        assert.deepStrictEqual(roleOf(standby, "failover-witness").role, builtInRoles.storageBlobDataContributor);
        assert.match(roleOf(standby, "failover-witness").scope, /\/blobServices\/default\/containers\/dr-witness$/);
        assert.strictEqual(witness.inputs.containerName, "dr-witness");
        assert.deepStrictEqual(roleOf(standby, "failover-aks-user").role, builtInRoles.aksClusterUser);
        assert.match(roleOf(standby, "failover-aks-user").scope, /\/managedClusters\/lsdr-sec-aks$/);
        assert.deepStrictEqual(roleOf(standby, "failover-aks-namespace-writer").role, builtInRoles.aksRbacWriter);
        assert.match(roleOf(standby, "failover-aks-namespace-writer").scope, /\/managedClusters\/lsdr-sec-aks\/namespaces\/logging$/);
        assert.match(roleOf(standby, "failover-host-storage").scope, /\/storageAccounts\/lsdrsecfn\w+$/);
        assert.ok(cluster && host);
        const failoverGrants = ofType(standby, "azure-native:authorization:RoleAssignment").filter((r) => r.name.startsWith("failover-"));
        assert.strictEqual(failoverGrants.length, 5, "no pool starter on a warm standby");
        for (const g of failoverGrants) assert.doesNotMatch(String(g.inputs.scope), /^\/subscriptions\/[^/]+(\/resourceGroups\/[^/]+)?$/, `${g.name} is scoped to a subscription or resource group`);
    });

    it("the alert watches the primary endpoint's probe state and calls the function with the common schema", () => {
        const alert = named(standby, "failover-alert").inputs as any;
        const p = primary.rendering.outputs;
        assert.deepStrictEqual(alert.scopes, [p.trafficManagerProfileId]);
        assert.strictEqual(alert.ruleName, "lsdr-sec-primary-endpoint-down");
        assert.deepStrictEqual([alert.evaluationFrequency, alert.windowSize, alert.autoMitigate, alert.enabled], ["PT1M", "PT1M", true, true]);
        const [c] = alert.criteria.allOf;
        assert.deepStrictEqual(
            [c.metricName, c.metricNamespace, c.operator, c.threshold, c.timeAggregation],
            ["ProbeAgentCurrentEndpointStateByProfileResourceId", "Microsoft.Network/trafficManagerProfiles", "LessThan", 1, "Maximum"],
        );
        assert.deepStrictEqual(c.dimensions, [{ name: "EndpointName", operator: "Include", values: [p.primaryEndpointName] }]);
        const actions = named(standby, "failover-actions");
        assert.strictEqual(alert.actions[0].actionGroupId, `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/lsdr-sec-logscale-westus/providers/Microsoft.Insights/actionGroups/lsdr-sec-failover`);
        const [receiver] = (actions.inputs as any).azureFunctionReceivers;
        assert.deepStrictEqual([receiver.functionName, receiver.httpTriggerUrl, receiver.useCommonAlertSchema], ["alert", "https://lsdr-sec-failover.azurewebsites.net/api/alert", true]);
    });

    it("app settings are exactly what the function reads, and it accepts them", () => {
        const env = appSettings(standby);
        const p = primary.rendering.outputs;
        // App Service adds its managed identity endpoint at run time.
        const settings = readSettings({ ...env, IDENTITY_ENDPOINT: "http://localhost:8081/msi/token", IDENTITY_HEADER: "x" });
        assert.strictEqual(settings.primaryHealthUrl, `https://${p.clusterFqdn}/api/v1/status`);
        assert.strictEqual(settings.tmPrimaryEndpointId, `${p.trafficManagerProfileId}/externalEndpoints/${p.primaryEndpointName}`);
        assert.strictEqual(settings.alertRuleName, (named(standby, "failover-alert").inputs as any).ruleName);
        assert.deepStrictEqual(settings.witness, { blobUrl: `${standby.rendering.outputs.storageBlobEndpoint}dr-witness/failover-fence.json` });
        assert.strictEqual(settings.aksClusterId, env.AKS_CLUSTER_ID);
        assert.match(env.AKS_CLUSTER_ID, /\/managedClusters\/lsdr-sec-aks$/);
        assert.deepStrictEqual([settings.preFailoverFailureSeconds, settings.cooldownSeconds, settings.failoverMode, settings.operatorNamespace, settings.operatorDeployment], [180, 300, "automatic", "logging", "humio-operator"]);
        assert.deepStrictEqual(settings.coldAgentPoolIds, []);
        assert.strictEqual(env.AzureWebJobsStorage__credential, "managedidentity");
        assert.ok(!Object.keys(env).some((k) => /ConnectionString|AccountKey/i.test(k) && k !== "APPLICATIONINSIGHTS_CONNECTION_STRING"), "no storage keys in settings");
    });

    it("failover settings flow from stack config to the function and its alert", async () => {
        const p = await plan("secondary", { failoverMode: "manual", preFailoverFailureSeconds: 0, cooldownSeconds: 600, failoverAlertFrequency: "PT5M", failoverAlertWindow: "PT15M" });
        const env = appSettings(p);
        assert.deepStrictEqual([env.FAILOVER_MODE, env.PRE_FAILOVER_FAILURE_SECONDS, env.COOLDOWN_SECONDS], ["manual", "0", "600"]);
        const alert = named(p, "failover-alert").inputs as any;
        assert.deepStrictEqual([alert.evaluationFrequency, alert.windowSize], ["PT5M", "PT15M"]);
    });

    it("the Function App is HTTPS-only, in the VNet, and runs the package built from functions/failover", () => {
        const app = named(standby, "failover-app").inputs as any;
        assert.strictEqual(app.httpsOnly, true);
        assert.deepStrictEqual([app.siteConfig.ftpsState, app.siteConfig.minTlsVersion, app.siteConfig.vnetRouteAllEnabled, app.siteConfig.linuxFxVersion], ["Disabled", "1.2", true, "Node|20"]);
        assert.match(app.virtualNetworkSubnetId, /\/subnets\/functions$/);
        const pkg = named(standby, "failover-package").inputs as any;
        assert.strictEqual(pkg.blobName, `failover-${failoverPackageVersion()}.zip`);
        assert.deepStrictEqual(pkg.source, { asset: failoverPackageDir() }, "the package npm run build puts there, read, never built, by the render");
        assert.strictEqual(appSettings(standby).WEBSITE_RUN_FROM_PACKAGE, `https://${(named(standby, "failover-host").inputs as any).accountName}.blob.core.windows.net/packages/${pkg.blobName}`);
        const host = named(standby, "failover-host").inputs as any;
        assert.deepStrictEqual([host.allowSharedKeyAccess, host.allowBlobPublicAccess, host.networkRuleSet.defaultAction], [false, false, "Deny"]);
        const storageRules = (named(standby, "logs-account").inputs as any).networkRuleSet.virtualNetworkRules.map((r: any) => r.virtualNetworkResourceId);
        assert.ok(storageRules.some((id: string) => id.endsWith("/subnets/functions")), "the witness account admits the function's subnet");
    });

    it("cold tier: user pools are created stopped, never stopped again by Pulumi, and started by the function", async () => {
        const cold = await plan("secondary", { standbyTier: "cold" });
        const pools = ofType(cold, "azure-native:containerservice:AgentPool").map((r) => [r.inputs.agentPoolName, (r.inputs as any).powerState.code, r.options.ignoreChanges]);
        assert.deepStrictEqual(pools, [
            ["system", "Running", []],
            ["kafka", "Stopped", ["powerState"]],
            ["digest", "Stopped", ["powerState"]],
        ]);
        const ids = appSettings(cold).COLD_AGENT_POOL_IDS.split(",");
        assert.deepStrictEqual(ids.map((id) => id.split("/").pop()), ["kafka", "digest"]);
        const starter = named(cold, "failover-pool-starter").inputs as any;
        assert.deepStrictEqual(starter.permissions, [{ actions: agentPoolStarterActions }]);
        assert.match(starter.assignableScopes[0], /\/managedClusters\/lsdr-sec-aks$/);
        assert.strictEqual(roleOf(cold, "failover-pool-starter").scope, starter.assignableScopes[0]);

        const promoted = await plan("secondary", { standbyTier: "cold", dr: "active" });
        assert.ok(ofType(promoted, "azure-native:containerservice:AgentPool").every((r) => (r.inputs as any).powerState.code === "Running" && r.options.ignoreChanges.length === 0));
        const warm = ofType(standby, "azure-native:containerservice:AgentPool");
        assert.ok(warm.every((r) => (r.inputs as any).powerState.code === "Running"));
    });

    it("a primary that becomes a standby watches its peer's endpoint on its own profile", async () => {
        const p = await planMode("primary", "standby");
        const peer = (await plan("secondary", { dr: "active" })).rendering.outputs;
        const env = appSettings(p);
        assert.strictEqual(env.PRIMARY_HEALTH_URL, `https://${peer.clusterFqdn}/api/v1/status`);
        assert.strictEqual(env.TM_PRIMARY_ENDPOINT_ID, `${p.rendering.outputs.trafficManagerProfileId}/externalEndpoints/lsdr-sec-secondary`);
        assert.deepStrictEqual((named(p, "failover-alert").inputs as any).criteria.allOf[0].dimensions[0].values, ["lsdr-sec-secondary"]);
    });

    it("a standby whose peer exports no Traffic Manager profile is refused, naming what is missing", async () => {
        await assert.rejects(plan("secondary", { entraSignIn: false }, { manageGlobalDns: false, entraSignIn: false }), (e: Error) =>
            e.message.startsWith('logscale-dr:peerStack: "acme/logscale-dr/primary" is not allowed with dr=standby: it does not export trafficManagerProfileId, primaryEndpointName;'),
        );
    });
});

describe("failover timeline", () => {
    it("is a stack output of the standby, from its settings", async () => {
        const p = await plan("secondary");
        assert.deepStrictEqual(p.rendering.outputs.failoverTimeline, failoverTimeline({
            trafficManagerProbeIntervalSeconds: 30,
            trafficManagerToleratedFailures: 3,
            failoverAlertWindow: "PT1M",
            failoverAlertFrequency: "PT1M",
            preFailoverFailureSeconds: 180,
            standbyTier: "warm",
        }));
    });
});
