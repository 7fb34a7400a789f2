// Compliant baselines, one per resource type the policies read, and whole
// standby and active stacks built from them. Each policy spec mutates a copy
// into the violation it must catch (the compliance-policies pattern).
import * as assert from "assert";
import { Policy } from "@pulumi/policy";
import { AnalyzedResource, PolicyConfig, runPoliciesOn } from "../../tools/policyRunner";

const tags = { app: "logscale", environment: "production", drStack: "secondary", drPair: "acme-logscale", managedBy: "pulumi" };
const stackUrn = "urn:pulumi:secondary::logscale-dr::pulumi:pulumi:Stack::logscale-dr-secondary";
const failoverUrn = "urn:pulumi:secondary::logscale-dr::logscale-dr:failover:FailoverFunction::failover";
const urnOf = (type: string, name: string) => `urn:pulumi:secondary::logscale-dr::${type}::${name}`;

const sub = "/subscriptions/00000000-0000-0000-0000-000000000000";
const rg = `${sub}/resourceGroups/lsdr-sec-logscale-westus`;
export const ids = {
    subscription: sub,
    resourceGroup: rg,
    logsAccount: `${rg}/providers/Microsoft.Storage/storageAccounts/lsdrseclogs1`,
    vault: `${rg}/providers/Microsoft.KeyVault/vaults/lsdrseckv1`,
    cluster: `${rg}/providers/Microsoft.ContainerService/managedClusters/lsdr-sec-aks`,
    systemSubnet: `${rg}/providers/Microsoft.Network/virtualNetworks/lsdr-sec-vnet/subnets/system`,
    workspace: `${rg}/providers/Microsoft.OperationalInsights/workspaces/lsdr-sec-audit`,
    role: (guid: string) => `${sub}/providers/Microsoft.Authorization/roleDefinitions/${guid}`,
};
const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600 * 1000).toISOString();

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
            {
                accountName: "lsdrseclogs1",
                resourceGroupName: "lsdr-sec-logscale-westus",
                sku: { name: "Standard_ZRS" },
                enableHttpsTrafficOnly: true,
                minimumTlsVersion: "TLS1_2",
                allowBlobPublicAccess: false,
                networkRuleSet: { defaultAction: "Deny", ipRules: [{ action: "Allow", iPAddressOrRange: "20.221.122.83" }] },
                tags,
            },
            { protect: true },
        ),
    blobContainer: () => resource("azure-native:storage:BlobContainer", "logs-container", { accountName: "lsdrseclogs1", containerName: "logscale-data", publicAccess: "None" }, { protect: true }),
    functionHostStorage: () =>
        resource(
            "azure-native:storage:StorageAccount",
            "failover-host",
            {
                accountName: "lsdrsecfn1",
                sku: { name: "Standard_LRS" },
                allowSharedKeyAccess: false,
                enableHttpsTrafficOnly: true,
                minimumTlsVersion: "TLS1_2",
                allowBlobPublicAccess: false,
                networkRuleSet: { defaultAction: "Deny" },
                tags,
            },
            { parent: failoverUrn },
        ),
    managedCluster: () =>
        resource("azure-native:containerservice:ManagedCluster", "aks-cluster", {
            resourceName: "lsdr-sec-aks",
            apiServerAccessProfile: { authorizedIPRanges: ["20.221.122.83/32", "203.0.113.0/24"] },
            networkProfile: { networkPlugin: "azure", networkPolicy: "cilium" },
            aadProfile: { managed: true, enableAzureRBAC: true },
            disableLocalAccounts: true,
            oidcIssuerProfile: { enabled: true },
            securityProfile: { workloadIdentity: { enabled: true } },
            tags,
        }),
    agentPool: (name: string) => resource("azure-native:containerservice:AgentPool", `aks-pool-${name}`, { agentPoolName: name, tags }),
    keyVault: () =>
        resource(
            "azure-native:keyvault:Vault",
            "vault",
            {
                vaultName: "lsdrseckv1",
                properties: {
                    enableRbacAuthorization: true,
                    enablePurgeProtection: true,
                    enableSoftDelete: true,
                    softDeleteRetentionInDays: 90,
                    publicNetworkAccess: "Disabled",
                    networkAcls: { defaultAction: "Deny", bypass: "AzureServices", ipRules: [{ value: "20.221.122.83" }], virtualNetworkRules: [{ id: ids.systemSubnet }] },
                },
                tags,
            },
            { protect: true },
        ),
    keyVaultSecret: () =>
        resource("azure-native:keyvault:Secret", "vault-storage-account-key", {
            vaultName: "lsdrseckv1",
            secretName: "storage-account-key",
            properties: { value: "key", attributes: { expires: Math.floor(Date.now() / 1000) + 90 * 24 * 3600 } },
            tags,
        }),
    postgresServer: () =>
        resource(
            "azure-native:dbforpostgresql:Server",
            "postgres",
            {
                serverName: "lsdr-sec-pg",
                createMode: "Create",
                authConfig: { passwordAuth: "Enabled", activeDirectoryAuth: "Enabled", tenantId: "11111111-1111-1111-1111-111111111111" },
                network: { delegatedSubnetResourceId: `${rg}/providers/Microsoft.Network/virtualNetworks/lsdr-sec-vnet/subnets/postgres`, publicNetworkAccess: "Disabled" },
                tags,
            },
            { protect: true },
        ),
    postgresEntraAdmin: () =>
        resource("azure-native:dbforpostgresql:AdministratorsMicrosoftEntra", "postgres-entra-admin", {
            serverName: "lsdr-sec-pg",
            objectId: "0b5c1f7e-2f7a-4a36-9a87-6d0c4d2a9e11",
            principalType: "Group",
            principalName: "LogScale PostgreSQL admins",
            tenantId: "11111111-1111-1111-1111-111111111111",
        }),
    postgresConfiguration: (configurationName: string, value: string) => resource("azure-native:dbforpostgresql:Configuration", `postgres-${configurationName}`, { configurationName, value }),
    redis: () => resource("azure-native:redis:Redis", "redis", { enableNonSslPort: false, minimumTlsVersion: "1.2", publicNetworkAccess: "Disabled", disableAccessKeyAuthentication: true, tags }, { protect: true }),
    helmRelease: () => resource("kubernetes:helm.sh/v3:Release", "ingress-controller-cert-manager", { chart: "cert-manager", repositoryOpts: { repo: "https://charts.jetstack.io" } }),
    humioCluster: (mode: "standby" | "active" | "none") =>
        resource("kubernetes:core.humio.com/v1alpha1:HumioCluster", "logscale-cluster", {
            metadata: { name: "lsdr-sec", namespace: "logging", annotations: { "logscale.dr/mode": mode } },
            spec: {
                commonEnvironmentVariables: [
                    env("AZURE_STORAGE_ACCOUNTNAME", "lsdrseclogs1"),
                    env("AZURE_STORAGE_OBJECT_KEY_PREFIX", "lsdr-sec/"),
                    fromSecret("AZURE_STORAGE_ACCOUNTKEY", "azure-storage-key", "storage-access-key"),
                    fromSecret("AZURE_STORAGE_ENCRYPTION_KEY", "azure-storage-encryption-key", "storage-encryption-key"),
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
    kafka: () =>
        resource(
            "kubernetes:kafka.strimzi.io/v1beta2:Kafka",
            "logscale-kafka-cluster",
            { metadata: { name: "lsdr-sec-strimzi-kafka", namespace: "logging" }, spec: { kafka: { listeners: [{ name: "tls", port: 9093, type: "internal", tls: true, networkPolicyPeers: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "humio" } } }] }] } } },
            { protect: true },
        ),
    kafkaNodePool: () =>
        resource("kubernetes:kafka.strimzi.io/v1beta2:KafkaNodePool", "logscale-kafka-brokers", { metadata: { name: "brokers", namespace: "logging", labels: { "strimzi.io/cluster": "lsdr-sec-strimzi-kafka" } } }, { protect: true }),
    encryptionKey: () => resource("random:index/randomPassword:RandomPassword", "logs-encryption-key", { length: 64, special: false }, { protect: true }),
    encryptionKeySecret: () =>
        resource(
            "kubernetes:core/v1:Secret",
            "logscale-encryption-key",
            { metadata: { name: "azure-storage-encryption-key", namespace: "logging" }, stringData: { "storage-encryption-key": "from-the-random-password" } },
            { dependencies: [urnOf("random:index/randomPassword:RandomPassword", "logs-encryption-key")] },
        ),
    namespace: () =>
        resource("kubernetes:core/v1:Namespace", "logscale-namespace", {
            metadata: { name: "logging", labels: { "pod-security.kubernetes.io/enforce": "baseline", "pod-security.kubernetes.io/warn": "restricted" } },
        }),
    networkPolicy: () =>
        resource("kubernetes:networking.k8s.io/v1:NetworkPolicy", "logging-default-deny-ingress", {
            metadata: { name: "default-deny-ingress", namespace: "logging" },
            spec: { podSelector: {}, policyTypes: ["Ingress"] },
        }),
    blobService: () =>
        resource(
            "azure-native:storage:BlobServiceProperties",
            "logs-blob-service",
            { accountName: "lsdrseclogs1", blobServicesName: "default", deleteRetentionPolicy: { enabled: true, days: 14 }, containerDeleteRetentionPolicy: { enabled: true, days: 14 }, isVersioningEnabled: true },
            { protect: true },
        ),
    lock: () => resource("azure-native:authorization:ManagementLockByScope", "logs-account-lock", { scope: ids.logsAccount, lockName: "do-not-delete", level: "CanNotDelete" }, { protect: true }),
    aksAudit: () =>
        resource("azure-native:monitor:DiagnosticSetting", "aks-audit", {
            resourceUri: ids.cluster,
            workspaceId: ids.workspace,
            logs: [
                { category: "kube-audit-admin", enabled: true },
                { category: "guard", enabled: true },
            ],
        }),
    vaultAudit: () => resource("azure-native:monitor:DiagnosticSetting", "vault-audit", { resourceUri: ids.vault, workspaceId: ids.workspace, logs: [{ category: "AuditEvent", enabled: true }] }),
    roleAssignment: (name: string, roleGuid: string, scope: string) =>
        resource("azure-native:authorization:RoleAssignment", name, { principalId: "57d69afe-c698-4058-29fe-a4896415a2c4", principalType: "ServicePrincipal", roleDefinitionId: ids.role(roleGuid), scope }),
    roleDefinition: () =>
        resource("azure-native:authorization:RoleDefinition", "failover-endpoint-switch", {
            roleName: "lsdr-sec LogScale DR endpoint switch",
            scope: rg,
            assignableScopes: [rg],
            permissions: [{ actions: ["Microsoft.Network/trafficManagerProfiles/externalEndpoints/read", "Microsoft.Network/trafficManagerProfiles/externalEndpoints/write"] }],
        }),
    federatedCredential: () =>
        resource("azure-native:managedidentity:FederatedIdentityCredential", "logscale-pods-federation", {
            audiences: ["api://AzureADTokenExchange"],
            issuer: "https://westus.oic.prod-aks.azure.com/11111111-1111-1111-1111-111111111111/d2584de1/",
            subject: "system:serviceaccount:logging:logscale",
        }),
    signInApplication: () =>
        resource("azuread:index/application:Application", "sign-in-application", {
            displayName: "LogScale acme-logscale",
            signInAudience: "AzureADMyOrg",
            web: { redirectUris: ["https://logscale.logs.example.com/auth/oidc", "https://lsdr-pri-logscale-abc123.eastus.cloudapp.azure.com/auth/oidc"] },
        }),
    signInPrincipal: () => resource("azuread:index/servicePrincipal:ServicePrincipal", "sign-in-principal", { clientId: "45e9759e", appRoleAssignmentRequired: true }, { protect: true }),
    signInSecret: () => resource("azuread:index/applicationPassword:ApplicationPassword", "sign-in-secret", { applicationId: "/applications/f464a73a", displayName: "LogScale westus", endDate: inDays(90) }),
    nsg: () =>
        resource("azure-native:network:NetworkSecurityGroup", "network-ingress-nsg", {
            networkSecurityGroupName: "lsdr-sec-ingress-nsg",
            securityRules: [
                {
                    name: "allow-https-inbound",
                    access: "Allow",
                    direction: "Inbound",
                    priority: 100,
                    protocol: "Tcp",
                    sourceAddressPrefix: "Internet",
                    sourcePortRange: "*",
                    destinationAddressPrefix: "*",
                    destinationPortRanges: ["80", "443"],
                },
            ],
            tags,
        }),
    publicIp: () =>
        resource("azure-native:network:PublicIPAddress", "network-ingress-ip", {
            publicIpAddressName: "lsdr-sec-ingress",
            dnsSettings: { domainNameLabel: "lsdr-sec-logscale", domainNameLabelScope: "TenantReuse" },
            sku: { name: "Standard" },
            tags,
        }),
    wafPolicy: () =>
        resource("azure-native:network:WebApplicationFirewallPolicy", "appgw-waf", {
            policyName: "lsdr-sec-waf",
            managedRules: { managedRuleSets: [{ ruleSetType: "Microsoft_DefaultRuleSet", ruleSetVersion: "2.1" }] },
            customRules: [
                {
                    name: "IngestMethodsOnly",
                    priority: 20,
                    ruleType: "MatchRule",
                    action: "Block",
                    matchConditions: [{ matchVariables: [{ variableName: "RequestMethod" }], operator: "Equal", negationConditon: true, matchValues: ["POST", "GET", "HEAD"] }],
                },
            ],
            policySettings: { mode: "Prevention", state: "Enabled", requestBodyCheck: true },
            tags,
        }),
    appGateway: () =>
        resource("azure-native:network:ApplicationGateway", "appgw-gateway", {
            applicationGatewayName: "lsdr-sec-appgw",
            sku: { name: "WAF_v2", tier: "WAF_v2" },
            sslPolicy: { policyType: "Predefined", policyName: "AppGwSslPolicy20220101" },
            sslCertificates: [{ name: "logscale", keyVaultSecretId: "https://lsdrseckv1.vault.azure.net/secrets/logscale-tls" }],
            tags,
        }),
    webApp: () =>
        resource(
            "azure-native:web:WebApp",
            "failover-app",
            {
                name: "lsdr-sec-failover",
                kind: "functionapp,linux",
                httpsOnly: true,
                siteConfig: {
                    minTlsVersion: "1.2",
                    ftpsState: "Disabled",
                    appSettings: [
                        { name: "FUNCTIONS_EXTENSION_VERSION", value: "~4" },
                        { name: "AzureWebJobsStorage__accountName", value: "lsdrsecfn1" },
                        { name: "AzureWebJobsStorage__credential", value: "managedidentity" },
                        { name: "APPLICATIONINSIGHTS_CONNECTION_STRING", value: "InstrumentationKey=4cd66d03;IngestionEndpoint=https://westus-0.in.applicationinsights.azure.com/" },
                    ],
                },
                tags,
            },
            { parent: failoverUrn },
        ),
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

/** What every region holds beside LogScale: its recovery net, audit logs, network edge, identities and namespace. */
function regionBasics(): AnalyzedResource[] {
    return [
        baseline.blobService(),
        baseline.lock(),
        baseline.aksAudit(),
        baseline.kafkaNodePool(),
        baseline.encryptionKey(),
        baseline.encryptionKeySecret(),
        baseline.namespace(),
        baseline.networkPolicy(),
        baseline.nsg(),
        baseline.publicIp(),
        baseline.federatedCredential(),
        baseline.roleAssignment("logscale-pods-own-container", "ba92f5b4-2d11-453d-a403-e96b0029c9fe", `${ids.logsAccount}/blobServices/default/containers/logscale-data`),
        baseline.roleAssignment("aks-control-plane-network", "4d97b98b-1d4f-4787-a291-c67834d212e7", ids.systemSubnet),
    ];
}

/** A standby region as the program renders it, reduced to what the policies read. */
export function standbyStack(): AnalyzedResource[] {
    return [
        baseline.stack(),
        baseline.storageAccount(),
        baseline.blobContainer(),
        baseline.managedCluster(),
        ...regionBasics(),
        baseline.roleDefinition(),
        baseline.webApp(),
        baseline.signInSecret(),
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

/** An active region that owns the Traffic Manager profile, with the services issue 6 adds, sign-in and the Application Gateway edge. */
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
        baseline.postgresEntraAdmin(),
        baseline.postgresConfiguration("require_secure_transport", "on"),
        baseline.redis(),
        baseline.helmRelease(),
        ...regionBasics(),
        baseline.keyVaultSecret(),
        baseline.vaultAudit(),
        baseline.signInApplication(),
        baseline.signInPrincipal(),
        baseline.signInSecret(),
        baseline.wafPolicy(),
        baseline.appGateway(),
        baseline.roleAssignment("appgw-certificate", "4633458b-17de-408a-b874-0445c86b69e6", `${ids.vault}/secrets/logscale-tls`),
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
