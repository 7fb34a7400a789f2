// The failover function's infrastructure as rendered: present only on a
// standby, least-privilege grants (Azure and Kubernetes), the alert wired to
// the function by its key, inbound access for Azure Monitor only, people
// notified, app settings the function itself accepts, and the package a
// build made.
import * as assert from "assert";
import * as path from "path";
import Ajv from "ajv";
import { failoverSettingNames } from "../../contract";
import { configKeys } from "../../config/keys";
import { agentPoolStarterActions } from "../../components/failoverFunction";
import { builtInRoles } from "../../components/roles";
import { failoverPackageDir, failoverPackageVersion } from "../../functions/failover/artifact";
import { readSettings } from "../../functions/failover/src/settings";
import { failoverTimeline } from "../../model/failoverTimeline";
import { StackPlan } from "../../tools/bringUp";
import { Secret } from "../../tools/offline/engine";
import { planText } from "../../tools/planOutput";
import { projectRoot } from "../../tools/stackFiles";
import { maybeNamed, named, ofType, plan, planMode } from "../helpers";
import { closeObjects } from "../crd";
import { sharedSchema } from "../schemas";

const roleOf = (p: StackPlan, name: string) => {
    const r = named(p, name).inputs as any;
    return { scope: r.scope, role: String(r.roleDefinitionId).split("/").pop() };
};

function appSettings(p: StackPlan): Record<string, string> {
    const app = named(p, "failover-app").inputs as any;
    return Object.fromEntries(app.siteConfig.appSettings.map((s: { name: string; value: string }) => [s.name, s.value]));
}

/** Built-in roles the function must never hold (Microsoft Learn, "Azure built-in roles"): a whole profile's management, and writes to any namespaced object including Secrets. */
const retiredRoles = { trafficManagerContributor: "a4b10055-b0c7-44c2-b00f-c7b5b3550cf7", aksRbacWriter: "a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb" };

/** A validator for a kind of the upstream Kubernetes rbac.authorization.k8s.io/v1 OpenAPI document of a minor version: each problem as "<path> <message>". */
function rbacValidator(version: string, kind: "Role" | "RoleBinding"): (doc: unknown) => string[] {
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema(closeObjects(JSON.parse(sharedSchema(`kubernetes/${version}/apis_rbac.authorization.k8s.io_v1.json`))), "rbac");
    const validate = ajv.compile({ $ref: `rbac#/components/schemas/io.k8s.api.rbac.v1.${kind}` });
    return (doc) => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`));
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
        const witness = named(standby, "logs-witness");
        assert.deepStrictEqual(roleOf(standby, "failover-witness").role, builtInRoles.storageBlobDataContributor);
        assert.match(roleOf(standby, "failover-witness").scope, /\/blobServices\/default\/containers\/dr-witness$/);
        assert.strictEqual(witness.inputs.containerName, "dr-witness");
        assert.deepStrictEqual(roleOf(standby, "failover-aks-user").role, builtInRoles.aksClusterUser);
        assert.match(roleOf(standby, "failover-aks-user").scope, /\/managedClusters\/lsdr-sec-aks$/);
        assert.deepStrictEqual(roleOf(standby, "failover-host-storage").role, builtInRoles.storageBlobDataOwner);
        assert.match(roleOf(standby, "failover-host-storage").scope, /\/storageAccounts\/lsdrsecfn\w+$/);
        const failoverGrants = ofType(standby, "azure-native:authorization:RoleAssignment").filter((r) => r.name.startsWith("failover-"));
        assert.deepStrictEqual(failoverGrants.map((g) => g.name).sort(), ["failover-aks-user", "failover-endpoint-switch", "failover-host-storage", "failover-witness"], "no pool starter on a warm standby");
        for (const g of failoverGrants) assert.doesNotMatch(String(g.inputs.scope), /^\/subscriptions\/[^/]+(\/resourceGroups\/[^/]+)?$/, `${g.name} is scoped to a subscription or resource group`);
    });

    it("no Traffic Manager Contributor or AKS RBAC Writer assignment remains", () => {
        const held = ofType(standby, "azure-native:authorization:RoleAssignment").map((r) => String((r.inputs as any).roleDefinitionId).split("/").pop());
        for (const [role, id] of Object.entries(retiredRoles)) assert.ok(!held.includes(id), `${role} is assigned`);
        assert.strictEqual(maybeNamed(standby, "failover-traffic-manager"), undefined);
        assert.strictEqual(maybeNamed(standby, "failover-aks-namespace-writer"), undefined);
    });

    it("the function reads and switches the watched endpoint only: a custom role on that one endpoint", () => {
        const p = primary.rendering.outputs;
        const endpointId = `${p.trafficManagerProfileId}/externalEndpoints/${p.primaryEndpointName}`;
        const role = named(standby, "failover-endpoint-switch");
        assert.strictEqual(role.type, "azure-native:authorization:RoleDefinition");
        const def = role.inputs as any;
        assert.deepStrictEqual(def.permissions, [
            { actions: ["Microsoft.Network/trafficManagerProfiles/externalEndpoints/read", "Microsoft.Network/trafficManagerProfiles/externalEndpoints/write"] },
        ]);
        // Defined and assignable on the endpoint's resource group (custom roles take no narrower assignable scope); assigned on the endpoint alone.
        const group = endpointId.replace(/\/providers\/.*$/, "");
        assert.deepStrictEqual([def.scope, def.assignableScopes], [group, [group]]);
        const assignment = ofType(standby, "azure-native:authorization:RoleAssignment").find((r) => r.name === "failover-endpoint-switch")!.inputs as any;
        assert.strictEqual(assignment.scope, endpointId);
        assert.strictEqual(assignment.roleDefinitionId, (role.state as any).id);
        assert.strictEqual(assignment.principalId, (named(standby, "failover-identity").state as any).principalId);
    });

    it("in the cluster, the identity may get and patch the humio-operator Deployment and nothing else", () => {
        const principalId = (named(standby, "failover-identity").state as any).principalId;
        const [role] = ofType(standby, "kubernetes:rbac.authorization.k8s.io/v1:Role").filter((r) => r.name === "failover-operator-scaler");
        const [binding] = ofType(standby, "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding").filter((r) => r.name === "failover-operator-scaler");
        assert.ok(role && binding, "the function's Role and RoleBinding");
        const r = role.inputs as any;
        const b = binding.inputs as any;
        assert.deepStrictEqual(r.metadata, { name: "logscale-dr-failover-function", namespace: "logging" });
        assert.deepStrictEqual(r.rules, [{ apiGroups: ["apps"], resources: ["deployments"], resourceNames: ["humio-operator"], verbs: ["get", "patch"] }]);
        assert.deepStrictEqual(b.metadata, { name: "logscale-dr-failover-function", namespace: "logging" });
        assert.deepStrictEqual(b.roleRef, { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "logscale-dr-failover-function" });
        assert.deepStrictEqual(b.subjects, [{ kind: "User", name: principalId, apiGroup: "rbac.authorization.k8s.io" }]);
        // Nothing else in the cluster names the identity.
        const bindings = ofType(standby, "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding").concat(ofType(standby, "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding"));
        assert.deepStrictEqual(bindings.filter((x) => JSON.stringify(x.inputs).includes(principalId)).map((x) => x.name), ["failover-operator-scaler"]);
    });

    it("the Role and RoleBinding are valid rbac.authorization.k8s.io/v1 objects of the cluster's Kubernetes version", () => {
        const version = String(standby.config.values["logscale-dr:kubernetesVersion"] ?? configKeys.kubernetesVersion.default).split(".").slice(0, 2).join(".");
        for (const kind of ["Role", "RoleBinding"] as const) {
            const [r] = ofType(standby, `kubernetes:rbac.authorization.k8s.io/v1:${kind}`).filter((x) => x.name === "failover-operator-scaler");
            assert.deepStrictEqual([r.inputs.apiVersion, r.inputs.kind], ["rbac.authorization.k8s.io/v1", kind]);
            assert.deepStrictEqual(rbacValidator(version, kind)(r.inputs), [], kind);
        }
        // The validator rejects a misspelt field, as the API server would prune it.
        const role = ofType(standby, "kubernetes:rbac.authorization.k8s.io/v1:Role").find((x) => x.name === "failover-operator-scaler")!;
        assert.notDeepStrictEqual(rbacValidator(version, "Role")({ ...role.inputs, rules: [{ ...(role.inputs as any).rules[0], verb: ["get"] }] }), []);
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
        assert.deepStrictEqual([receiver.functionName, receiver.useCommonAlertSchema], ["alert", true]);
    });

    it("the action group calls the trigger with its function key, held as a secret", () => {
        const [receiver] = (named(standby, "failover-actions").inputs as any).azureFunctionReceivers;
        assert.ok(receiver.httpTriggerUrl instanceof Secret, "the trigger URL is a secret");
        const url = String(receiver.httpTriggerUrl.value);
        assert.match(url, /^https:\/\/lsdr-sec-failover\.azurewebsites\.net\/api\/alert\?code=[0-9a-f]{56}$/);
        assert.ok(!planText(standby).includes(url.split("code=")[1]), "the plan prints the key");
    });

    it("only Azure Monitor's action groups reach the Function App; the SCM site keeps its own rules", () => {
        const site = (named(standby, "failover-app").inputs as any).siteConfig;
        assert.deepStrictEqual(site.ipSecurityRestrictions, [{ name: "azure-monitor-action-groups", tag: "ServiceTag", ipAddress: "ActionGroup", action: "Allow", priority: 100 }]);
        assert.strictEqual(site.ipSecurityRestrictionsDefaultAction, "Deny");
        assert.strictEqual(site.scmIpSecurityRestrictionsUseMain, false);
        assert.strictEqual(site.scmIpSecurityRestrictions, undefined);
    });

    it("people are told: e-mail and webhook receivers from config, with the common alert schema", async () => {
        const shipped = named(standby, "failover-actions").inputs as any;
        assert.deepStrictEqual([shipped.emailReceivers, shipped.webhookReceivers], [[{ name: "email-1", emailAddress: "platform-oncall@example.com", useCommonAlertSchema: true }], []], "the shipped stack file's address");
        const none = named(await plan("secondary", { failoverNotificationEmails: [] }), "failover-actions").inputs as any;
        assert.deepStrictEqual([none.emailReceivers, none.webhookReceivers], [[], []]);
        const p = await plan("secondary", { failoverNotificationEmails: ["oncall@example.com", "dr@example.com"], failoverNotificationWebhook: "https://hooks.example.com/dr" });
        const told = named(p, "failover-actions").inputs as any;
        assert.deepStrictEqual(told.emailReceivers, [
            { name: "email-1", emailAddress: "oncall@example.com", useCommonAlertSchema: true },
            { name: "email-2", emailAddress: "dr@example.com", useCommonAlertSchema: true },
        ]);
        assert.deepStrictEqual(told.webhookReceivers, [{ name: "webhook", serviceUri: "https://hooks.example.com/dr", useCommonAlertSchema: true }]);
        assert.strictEqual(told.azureFunctionReceivers.length, 1, "the function is still called");
    });

    it("app settings are exactly what the function reads, and it accepts them", () => {
        const env = appSettings(standby);
        const p = primary.rendering.outputs;
        assert.deepStrictEqual(Object.values(failoverSettingNames).filter((n) => !(n in env)), [], "every setting the function reads is written");
        for (const retired of ["PRE_FAILOVER_FAILURE_SECONDS", "COOLDOWN_SECONDS", "COLD_START_TIMEOUT_SECONDS"]) assert.ok(!(retired in env), retired);
        // App Service adds its managed identity endpoint at run time.
        const settings = readSettings({ ...env, IDENTITY_ENDPOINT: "http://localhost:8081/msi/token", IDENTITY_HEADER: "x" });
        assert.strictEqual(settings.primaryHealthUrl, `https://${p.clusterFqdn}/api/v1/status`);
        assert.strictEqual(settings.tmPrimaryEndpointId, `${p.trafficManagerProfileId}/externalEndpoints/${p.primaryEndpointName}`);
        assert.strictEqual(settings.alertRuleName, (named(standby, "failover-alert").inputs as any).ruleName);
        assert.deepStrictEqual(settings.witness, { blobUrl: `${standby.rendering.outputs.storageBlobEndpoint}dr-witness/dr-state.json` });
        assert.strictEqual(settings.aksClusterId, env.AKS_CLUSTER_ID);
        assert.match(env.AKS_CLUSTER_ID, /\/managedClusters\/lsdr-sec-aks$/);
        assert.deepStrictEqual(
            [settings.confirmationProbes, settings.confirmationSeconds, settings.failoverMode, settings.operatorNamespace, settings.operatorDeployment],
            [3, 120, "automatic", "logging", "humio-operator"],
        );
        assert.deepStrictEqual(settings.coldAgentPoolIds, []);
        assert.strictEqual(env.AzureWebJobsStorage__credential, "managedidentity");
        assert.ok(!Object.keys(env).some((k) => /ConnectionString|AccountKey/i.test(k) && k !== "APPLICATIONINSIGHTS_CONNECTION_STRING"), "no storage keys in settings");
    });

    it("failover settings flow from stack config to the function and its alert", async () => {
        const p = await plan("secondary", { failoverMode: "manual", failoverConfirmationProbes: 5, failoverConfirmationSeconds: 300, failoverAlertFrequency: "PT5M", failoverAlertWindow: "PT15M" });
        const env = appSettings(p);
        assert.deepStrictEqual([env.FAILOVER_MODE, env.CONFIRMATION_PROBES, env.CONFIRMATION_SECONDS], ["manual", "5", "300"]);
        const alert = named(p, "failover-alert").inputs as any;
        assert.deepStrictEqual([alert.evaluationFrequency, alert.windowSize], ["PT5M", "PT15M"]);
    });

    it("the Function App is HTTPS-only, in the VNet, and runs the package built from functions/failover", () => {
        const app = named(standby, "failover-app").inputs as any;
        assert.strictEqual(app.httpsOnly, true);
        assert.deepStrictEqual([app.siteConfig.ftpsState, app.siteConfig.minTlsVersion, app.siteConfig.vnetRouteAllEnabled], ["Disabled", "1.2", true]);
        assert.strictEqual(app.siteConfig.linuxFxVersion, "Node|22", "Node 20's support ended 30 April 2026");
        assert.match(app.virtualNetworkSubnetId, /\/subnets\/functions$/);
        const pkg = named(standby, "failover-package").inputs as any;
        assert.strictEqual(pkg.blobName, `failover-${failoverPackageVersion()}.zip`);
        // The upload reads the folder npm run build puts there, from the project root, at deploy time (shared keys are off, so
        // azure-native's key-signed storage:Blob with a FileArchive is gone: test/render/failoverPackage.spec.ts).
        assert.strictEqual(path.resolve(projectRoot, pkg.packageDir), failoverPackageDir(), "the package npm run build puts there, read, never built, by the render");
        assert.strictEqual(appSettings(standby).WEBSITE_RUN_FROM_PACKAGE, `https://${(named(standby, "failover-host").inputs as any).accountName}.blob.core.windows.net/packages/${pkg.blobName}`);
        const host = named(standby, "failover-host").inputs as any;
        assert.deepStrictEqual([host.allowSharedKeyAccess, host.allowBlobPublicAccess, host.networkRuleSet.defaultAction], [false, false, "Deny"]);
        const storageRules = (named(standby, "logs-account").inputs as any).networkRuleSet.virtualNetworkRules.map((r: any) => r.virtualNetworkResourceId);
        assert.ok(storageRules.some((id: string) => id.endsWith("/subnets/functions")), "the witness account admits the function's subnet");
    });

    it("cold tier: user pools are created running, stopped once by their stop steps, never stopped again by Pulumi, and started by the function", async () => {
        const cold = await plan("secondary", { standbyTier: "cold" });
        const pools = ofType(cold, "azure-native:containerservice:AgentPool").map((r) => [r.inputs.agentPoolName, (r.inputs as any).powerState?.code, r.options.ignoreChanges]);
        assert.deepStrictEqual(pools, [
            ["kafka", undefined, []],
            ["digest", undefined, []],
        ]);
        assert.deepStrictEqual(ofType(cold, "azure-native:resources:Deployment").map((r) => r.name), ["aks-pool-kafka-stop", "aks-pool-digest-stop"]);
        const ids = appSettings(cold).COLD_AGENT_POOL_IDS.split(",");
        assert.deepStrictEqual(ids.map((id) => id.split("/").pop()), ["kafka", "digest"]);
        assert.deepStrictEqual(cold.rendering.outputs.coldAgentPoolIds, ids, "exported for drctl failover, which starts them too");
        assert.strictEqual(standby.rendering.outputs.coldAgentPoolIds, undefined, "a warm standby has none");
        const starter = named(cold, "failover-pool-starter").inputs as any;
        assert.deepStrictEqual(starter.permissions, [{ actions: agentPoolStarterActions }]);
        assert.deepStrictEqual(starter.assignableScopes, ["/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/lsdr-sec-logscale-westus"]);
        const assignment = ofType(cold, "azure-native:authorization:RoleAssignment").find((r) => r.name === "failover-pool-starter")!.inputs as any;
        assert.match(assignment.scope, /\/managedClusters\/lsdr-sec-aks$/, "assigned on the cluster alone");

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
            e.message.startsWith('Pulumi.secondary.yaml: logscale-dr:peerStack: "primary" is not allowed with dr=standby: it does not export trafficManagerProfileId, primaryEndpointName;'),
        );
    });
});

describe("failover timeline", () => {
    it("is a stack output of the standby, from its settings, within 240 s for a warm standby by default", async () => {
        const p = await plan("secondary");
        const expected = failoverTimeline({
            trafficManagerProbeIntervalSeconds: 10,
            trafficManagerProbeTimeoutSeconds: 5,
            trafficManagerToleratedFailures: 2,
            failoverConfirmationProbes: 3,
            failoverConfirmationSeconds: 120,
            standbyTier: "warm",
        });
        assert.deepStrictEqual(p.rendering.outputs.failoverTimeline, expected);
        assert.ok(expected.totalSeconds <= 240, `${expected.totalSeconds} s`);
    });
    it("follows the confirmation settings", async () => {
        const p = await plan("secondary", { failoverConfirmationSeconds: 300 });
        assert.strictEqual((p.rendering.outputs.failoverTimeline as any).confirmationSeconds, 300);
    });
});
