// Compliant baselines, one per resource type the policies read, and whole
// standby and active stacks built from them. Each policy spec mutates a copy
// into the violation it must catch (the compliance-policies pattern).
import * as assert from "assert";
import { Policy } from "@pulumi/policy";
import { AnalyzedResource, PolicyConfig, runPoliciesOn } from "../../tools/policyRunner";

const tags = { app: "logscale", environment: "production", drStack: "secondary", drPair: "acme-logscale", managedBy: "pulumi" };
const stackUrn = "urn:pulumi:secondary::logscale-dr::pulumi:pulumi:Stack::logscale-dr-secondary";
const failoverUrn = "urn:pulumi:secondary::logscale-dr::logscale-dr:failover:FailoverFunction::failover";

export function resource(type: string, name: string, props: Record<string, any>, o: { protect?: boolean; parent?: string; dependencies?: string[] } = {}): AnalyzedResource {
    const parent = o.parent === undefined ? stackUrn : o.parent;
    return {
        type,
        name,
        urn: type === "pulumi:pulumi:Stack" ? stackUrn : `urn:pulumi:secondary::logscale-dr::${type}::${name}`,
        parent: type === "pulumi:pulumi:Stack" ? null : parent,
        // Every fixture owns its props: mutating one must not touch another.
        props: structuredClone(props),
        opts: { protect: o.protect ?? false, retainOnDelete: false, deleteBeforeReplace: false, ignoreChanges: [], aliases: [], dependsOn: o.dependencies ?? [] },
        dependencies: o.dependencies ?? [],
    };
}

const env = (name: string, value: string) => ({ name, value });
const fromSecret = (name: string, secret: string, key: string) => ({ name, valueFrom: { secretKeyRef: { name: secret, key } } });

export const baseline = {
    stack: () => resource("pulumi:pulumi:Stack", "logscale-dr-secondary", { failoverTimeline: { firstProbeSeconds: 20, confirmationSeconds: 120, trafficManagerSeconds: 0, actionSeconds: 16, totalSeconds: 156, agentPoolStartSeconds: 0 } }),
    storageAccount: () =>
        resource(
            "azure-native:storage:StorageAccount",
            "logs-account",
            { accountName: "lsdrseclogs1", enableHttpsTrafficOnly: true, minimumTlsVersion: "TLS1_2", allowBlobPublicAccess: false, networkRuleSet: { defaultAction: "Deny" }, tags },
            { protect: true },
        ),
    blobContainer: () => resource("azure-native:storage:BlobContainer", "logs-container", { accountName: "lsdrseclogs1", containerName: "logscale-data", publicAccess: "None" }, { protect: true }),
    functionHostStorage: () =>
        resource(
            "azure-native:storage:StorageAccount",
            "failover-host",
            { accountName: "lsdrsecfn1", enableHttpsTrafficOnly: true, minimumTlsVersion: "TLS1_2", allowBlobPublicAccess: false, networkRuleSet: { defaultAction: "Deny" }, tags },
            { parent: failoverUrn },
        ),
    managedCluster: () =>
        resource("azure-native:containerservice:ManagedCluster", "aks-cluster", {
            aadProfile: { managed: true, enableAzureRBAC: true },
            disableLocalAccounts: true,
            oidcIssuerProfile: { enabled: true },
            securityProfile: { workloadIdentity: { enabled: true } },
            tags,
        }),
    agentPool: (name: string) => resource("azure-native:containerservice:AgentPool", `aks-pool-${name}`, { agentPoolName: name, tags }),
    keyVault: () => resource("azure-native:keyvault:Vault", "vault", { properties: { enableRbacAuthorization: true, enablePurgeProtection: true }, tags }, { protect: true }),
    postgresServer: () => resource("azure-native:dbforpostgresql:Server", "postgres", { tags }, { protect: true }),
    postgresConfiguration: (configurationName: string, value: string) => resource("azure-native:dbforpostgresql:Configuration", `postgres-${configurationName}`, { configurationName, value }),
    redis: () => resource("azure-native:redis:Redis", "redis", { enableNonSslPort: false, minimumTlsVersion: "1.2", tags }, { protect: true }),
    helmRelease: () => resource("kubernetes:helm.sh/v3:Release", "ingress-controller-cert-manager", { chart: "cert-manager", repositoryOpts: { repo: "https://charts.jetstack.io" } }),
    humioCluster: (mode: "standby" | "active" | "none") =>
        resource("kubernetes:core.humio.com/v1alpha1:HumioCluster", "logscale-cluster", {
            metadata: { name: "lsdr-sec", namespace: "logging", annotations: { "logscale.dr/mode": mode } },
            spec: {
                commonEnvironmentVariables: [
                    env("AZURE_STORAGE_ACCOUNTNAME", "lsdrseclogs1"),
                    env("AZURE_STORAGE_OBJECT_KEY_PREFIX", "lsdr-sec/"),
                    fromSecret("AZURE_STORAGE_ACCOUNTKEY", "azure-storage-key", "storage-access-key"),
                    fromSecret("KAFKA_COMMON_SSL_TRUSTSTORE_PASSWORD", "lsdr-sec-strimzi-kafka-cluster-ca-cert", "ca.password"),
                    ...(mode === "standby"
                        ? [
                              env("AZURE_RECOVER_FROM_BUCKET", "logscale-data"),
                              env("AZURE_RECOVER_FROM_ACCOUNTNAME", "lsdrprilogs1"),
                              fromSecret("AZURE_RECOVER_FROM_ACCOUNTKEY", "logscale-recovery-source", "storage-access-key"),
                              env("AZURE_RECOVER_FROM_ENDPOINT_BASE", "https://lsdrprilogs1.blob.core.windows.net/"),
                              env("AZURE_RECOVER_FROM_OBJECT_KEY_PREFIX", "lsdr-pri/"),
                              fromSecret("AZURE_RECOVER_FROM_ENCRYPTION_KEY", "logscale-recovery-source", "storage-encryption-key"),
                              env("AZURE_RECOVER_FROM_REPLACE_REGION", "eastus/westus"),
                          ]
                        : []),
                    ...(mode === "none" ? [] : [env("BUCKET_STORAGE_MULTIPLE_ENDPOINTS", "true"), env("ENABLE_ALERTS", mode === "active" ? "true" : "false")]),
                ],
                environmentVariables: [env("NODE_ROLES", "all")],
                nodePools: [
                    { name: "ui", spec: { nodeCount: mode === "standby" ? 0 : 2, environmentVariables: [env("NODE_ROLES", "httponly")] } },
                    { name: "ingest-only", spec: { nodeCount: mode === "standby" ? 0 : 3, environmentVariables: [env("NODE_ROLES", "ingestonly")] } },
                ],
            },
        }),
    deployment: () =>
        resource("kubernetes:apps/v1:Deployment", "api", {
            spec: { template: { spec: { containers: [{ name: "api", env: [fromSecret("API_TOKEN", "api", "token"), env("LOG_LEVEL", "info")] }] } } },
        }),
    kafka: () => resource("kubernetes:kafka.strimzi.io/v1beta2:Kafka", "logscale-kafka-cluster", { metadata: { name: "lsdr-sec-strimzi-kafka" } }, { protect: true }),
    trafficManagerProfile: () =>
        resource("azure-native:trafficmanager:Profile", "global-dns-profile", {
            profileName: "lsdr-pri-global",
            resourceGroupName: "lsdr-pri-logscale-eastus",
            trafficRoutingMethod: "Priority",
            dnsConfig: { relativeName: "logscale", ttl: 60 },
            monitorConfig: { protocol: "HTTPS", port: 443, path: "/api/v1/status" },
            tags,
        }),
    primaryEndpoint: () =>
        resource("azure-native:trafficmanager:Endpoint", "global-dns-primary", { profileName: "lsdr-pri-global", resourceGroupName: "lsdr-pri-logscale-eastus", endpointName: "lsdr-pri-primary", priority: 1 }),
    secondaryEndpoint: () =>
        resource("azure-native:trafficmanager:Endpoint", "secondary-endpoint-endpoint", { profileName: "lsdr-pri-global", resourceGroupName: "lsdr-pri-logscale-eastus", endpointName: "lsdr-sec-secondary", priority: 2 }),
    failoverFunction: () => resource("logscale-dr:failover:FailoverFunction", "failover", {}),
    actionGroup: () =>
        resource(
            "azure-native:monitor:ActionGroup",
            "failover-actions",
            {
                azureFunctionReceivers: [{ name: "failover-function", functionName: "alert", httpTriggerUrl: "https://lsdr-sec-failover.azurewebsites.net/api/alert?code=key", useCommonAlertSchema: true }],
                emailReceivers: [{ name: "email-1", emailAddress: "oncall@example.com", useCommonAlertSchema: true }],
                tags,
            },
            { parent: failoverUrn },
        ),
    metricAlert: () =>
        resource(
            "azure-native:monitor:MetricAlert",
            "failover-alert",
            { criteria: { allOf: [{ metricName: "ProbeAgentCurrentEndpointStateByProfileResourceId", dimensions: [{ name: "EndpointName", values: ["lsdr-pri-primary"] }] }] }, tags },
            { parent: failoverUrn, dependencies: ["urn:pulumi:secondary::logscale-dr::azure-native:monitor:ActionGroup::failover-actions"] },
        ),
};

/** A standby region as the program renders it, reduced to what the policies read. */
export function standbyStack(): AnalyzedResource[] {
    return [
        baseline.stack(),
        baseline.storageAccount(),
        baseline.blobContainer(),
        baseline.managedCluster(),
        baseline.agentPool("system"),
        baseline.agentPool("kafka"),
        baseline.agentPool("digest"),
        baseline.humioCluster("standby"),
        baseline.kafka(),
        baseline.secondaryEndpoint(),
        baseline.failoverFunction(),
        baseline.functionHostStorage(),
        baseline.actionGroup(),
        baseline.metricAlert(),
    ];
}

/** An active region that owns the Traffic Manager profile, with the services issue 6 adds. */
export function activeStack(): AnalyzedResource[] {
    const { stack } = baseline;
    return [
        resource(stack().type, stack().name, {}),
        baseline.storageAccount(),
        baseline.blobContainer(),
        baseline.managedCluster(),
        ...["system", "kafka", "digest", "ingress", "ui", "ingest"].map(baseline.agentPool),
        baseline.humioCluster("active"),
        baseline.kafka(),
        baseline.deployment(),
        baseline.trafficManagerProfile(),
        baseline.primaryEndpoint(),
        baseline.keyVault(),
        baseline.postgresServer(),
        baseline.postgresConfiguration("require_secure_transport", "on"),
        baseline.redis(),
        baseline.helmRelease(),
    ];
}

/** Change one resource of a stack in place (by name) and return the stack. */
export function mutate(stack: AnalyzedResource[], name: string, change: (r: AnalyzedResource) => void): AnalyzedResource[] {
    const r = stack.find((x) => x.name === name);
    assert.ok(r, `no ${name} in the fixture`);
    change(r);
    return stack;
}

/** The messages a policy reports on these resources (inputs and state alike). */
export async function violations(policy: Policy, resources: AnalyzedResource[], config: PolicyConfig = {}): Promise<string[]> {
    const [result] = await runPoliciesOn([policy as never], { inputs: resources, state: resources }, config);
    return result.violations.map((v) => v.message);
}

/** The policy checks something in these resources and finds nothing wrong. */
export async function assertPasses(policy: Policy, resources: AnalyzedResource[]): Promise<void> {
    const [result] = await runPoliciesOn([policy as never], { inputs: resources, state: resources });
    assert.deepStrictEqual(result.violations.map((v) => v.message), []);
    assert.ok(result.applicable, `${policy.name} found nothing to check in the baseline`);
}
