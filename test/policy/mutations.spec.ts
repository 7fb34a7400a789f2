// The pack against the program as it renders: each shipped stack in each DR
// mode, and the Application Gateway edge, is rendered once; each row of the
// table below makes one unsafe change to a copy of a rendering (inputs and
// state alike), runs the whole pack over it and expects the named policy to
// report it. The suite ends by printing how many it caught.
import * as assert from "assert";
import { Secret } from "../../tools/offline/engine";
import { everyStackAndMode, packPolicies } from "../../tools/policy";
import { AnalyzedResource, analyzedResources, PolicyResult, runPoliciesOn } from "../../tools/policyRunner";
import { Target } from "../../tools/bringUp";
import { session } from "../helpers";

const edgeTarget: Target = { stack: "primary", overrides: ["dr=active", "edge=appGateway"], peerOverrides: ["edge=appGateway"] };
const appGateway = "primary/active+appGateway";

interface Rendered {
    inputs: AnalyzedResource[];
    state: AnalyzedResource[];
    /** The pack's results on the rendering as shipped. */
    shipped: PolicyResult[];
}

/** A deep copy that keeps secrets marked (structuredClone would turn them into plain objects). */
function copy<T>(v: T): T {
    if (v instanceof Secret) return new Secret(copy(v.value)) as T;
    if (Array.isArray(v)) return v.map(copy) as T;
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x)])) as T;
    return v;
}

type Match = (r: AnalyzedResource) => boolean;
type Props = Record<string, any>;

/** A copy of one rendering to change: every change applies to a resource's inputs and state alike. */
class Mutable {
    readonly inputs: AnalyzedResource[];
    readonly state: AnalyzedResource[];
    constructor(rendered: Rendered) {
        this.inputs = copy(rendered.inputs);
        this.state = copy(rendered.state);
    }
    /** Change the matching resources; how many matched (in the inputs). */
    edit(match: Match, change: (props: Props, r: AnalyzedResource) => void): number {
        let n = 0;
        for (const [view, counts] of [
            [this.inputs, true],
            [this.state, false],
        ] as const) {
            for (const r of view.filter(match)) {
                // A property held as a whole secret is changed as plain data.
                for (const [k, v] of Object.entries(r.props)) if (v instanceof Secret) r.props[k] = v.value;
                change(r.props, r);
                if (counts) n++;
            }
        }
        return n;
    }
    /** Remove the matching resources; how many there were. */
    remove(match: Match): number {
        const n = this.inputs.filter(match).length;
        for (const view of [this.inputs, this.state]) view.splice(0, view.length, ...view.filter((r) => !match(r)));
        return n;
    }
}

const named = (name: string): Match => (r) => r.name === name;
const ofType = (type: string, where: (p: Props) => boolean = () => true): Match => (r) => r.type === type && where(r.props);
const t = {
    roleAssignment: "azure-native:authorization:RoleAssignment",
    storageAccount: "azure-native:storage:StorageAccount",
    vault: "azure-native:keyvault:Vault",
    vaultSecret: "azure-native:keyvault:Secret",
    cluster: "azure-native:containerservice:ManagedCluster",
    postgres: "azure-native:dbforpostgresql:Server",
    postgresConfig: "azure-native:dbforpostgresql:Configuration",
    postgresEntraAdmin: "azure-native:dbforpostgresql:AdministratorsMicrosoftEntra",
    redis: "azure-native:redis:Redis",
    webApp: "azure-native:web:WebApp",
    nsg: "azure-native:network:NetworkSecurityGroup",
    publicIp: "azure-native:network:PublicIPAddress",
    waf: "azure-native:network:WebApplicationFirewallPolicy",
    appGateway: "azure-native:network:ApplicationGateway",
    blobService: "azure-native:storage:BlobServiceProperties",
    blobContainer: "azure-native:storage:BlobContainer",
    diagnostics: (r: AnalyzedResource) => /^azure-native:(monitor|insights):DiagnosticSetting$/.test(r.type),
    locks: (r: AnalyzedResource) => /^azure-native:authorization:ManagementLock/.test(r.type),
    humioCluster: "kubernetes:core.humio.com/v1alpha1:HumioCluster",
    kafka: "kubernetes:kafka.strimzi.io/v1beta2:Kafka",
    kafkaNodePool: "kubernetes:kafka.strimzi.io/v1beta2:KafkaNodePool",
    namespace: "kubernetes:core/v1:Namespace",
    networkPolicy: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
    fic: "azure-native:managedidentity:FederatedIdentityCredential",
    adApplication: "azuread:index/application:Application",
    adPrincipal: "azuread:index/servicePrincipal:ServicePrincipal",
    adPassword: "azuread:index/applicationPassword:ApplicationPassword",
};

const subscriptionOf = (scope: string) => /^\/subscriptions\/[^/]+/i.exec(scope)![0];
const resourceGroupOf = (scope: string) => /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+/i.exec(scope)![0];
const roleId = (scope: string, guid: string) => `${subscriptionOf(scope)}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
const logsAccount = named("logs-account");
const unprotect = (_p: Props, r: AnalyzedResource) => (r.opts.protect = false);

interface Row {
    change: string;
    policy: string;
    /** The renderings it is made to. */
    on: string[];
    apply(m: Mutable): number;
    /** The change removes something: a rendering without it is already in the unsafe state. */
    removes?: boolean;
}

const primaryActive = ["primary/active"];
const standbys = ["primary/standby", "secondary/standby"];
const both = ["primary/active", "secondary/standby"];
const everywhere = ["primary/active", "primary/standby", "primary/none", "secondary/active", "secondary/standby", "secondary/none"];

const rows: Row[] = [
    // Identity
    {
        change: "Owner at subscription scope",
        policy: "no-privileged-roles-at-broad-scope",
        on: both,
        apply: (m) => m.edit(named("logscale-pods-own-container"), (p) => Object.assign(p, { roleDefinitionId: roleId(p.scope, "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"), scope: subscriptionOf(p.scope) })),
    },
    {
        change: "Network Contributor on the resource group",
        policy: "network-contributor-scoped-to-resources",
        on: both,
        // The AKS control plane's network grant, whatever the program calls it or scopes it to.
        apply: (m) =>
            m.edit(
                (r) => r.type === t.roleAssignment && /^aks-control-plane/.test(r.name),
                (p) => Object.assign(p, { roleDefinitionId: roleId(p.scope, "4d97b98b-1d4f-4787-a291-c67834d212e7"), scope: resourceGroupOf(p.scope) }),
            ),
    },
    {
        change: "App Gateway identity reads the whole vault",
        policy: "key-vault-secret-access-per-secret",
        on: [appGateway],
        apply: (m) => m.edit(named("appgw-certificate"), (p) => (p.scope = String(p.scope).replace(/\/(secrets|certificates)\/[^/]+$/i, ""))),
    },
    { change: "sign-in without appRoleAssignmentRequired", policy: "sign-in-requires-assignment", on: primaryActive, apply: (m) => m.edit(ofType(t.adPrincipal), (p) => (p.appRoleAssignmentRequired = false)) },
    {
        change: "long-lived client secret",
        policy: "sign-in-secret-expiry",
        on: ["primary/active", "secondary/standby"],
        apply: (m) => m.edit(ofType(t.adPassword), (p) => Object.assign(p, { endDate: "2299-12-31T00:00:00Z" })),
    },
    { change: "http redirect URI", policy: "sign-in-redirect-uris-https", on: primaryActive, apply: (m) => m.edit(ofType(t.adApplication), (p) => p.web.redirectUris.push("http://logscale.logs.example.com/auth/oidc")) },
    { change: "widened federated-credential subject", policy: "federated-credential-exact-subject", on: both, apply: (m) => m.edit(named("logscale-pods-federation"), (p) => (p.subject = "system:serviceaccount:logging:*")) },
    // Storage
    { change: "storage allowSharedKeyAccess on", policy: "storage-shared-key-access-disabled", on: standbys, apply: (m) => m.edit(named("failover-host"), (p) => (p.allowSharedKeyAccess = true)) },
    {
        change: "allow-all storage IP rule",
        policy: "firewall-ip-rules-narrow",
        on: everywhere,
        apply: (m) => m.edit(logsAccount, (p) => (p.networkRuleSet.ipRules = [...(p.networkRuleSet.ipRules ?? []), { action: "Allow", iPAddressOrRange: "0.0.0.0/0" }])),
    },
    { change: "storage HTTPS-only off", policy: "storage-https-only", on: both, apply: (m) => m.edit(logsAccount, (p) => (p.enableHttpsTrafficOnly = false)) },
    { change: "storage TLS 1.0", policy: "storage-minimum-tls-1-2", on: both, apply: (m) => m.edit(logsAccount, (p) => (p.minimumTlsVersion = "TLS1_0")) },
    { change: "public blob container", policy: "storage-no-public-blob-access", on: both, apply: (m) => m.edit(named("logs-container"), (p) => (p.publicAccess = "Blob")) },
    { change: "storage firewall default Allow", policy: "storage-firewall-default-deny", on: both, apply: (m) => m.edit(logsAccount, (p) => (p.networkRuleSet.defaultAction = "Allow")) },
    { change: "blob soft delete off on the log account", policy: "storage-log-account-recovery", on: both, removes: true, apply: (m) => m.edit(ofType(t.blobService), (p) => (p.deleteRetentionPolicy = { enabled: false })) },
    { change: "container soft delete off on the log account", policy: "storage-log-account-recovery", on: both, removes: true, apply: (m) => m.edit(ofType(t.blobService), (p) => delete p.containerDeleteRetentionPolicy) },
    { change: "blob versioning off on the log account", policy: "storage-log-account-recovery", on: both, removes: true, apply: (m) => m.edit(ofType(t.blobService), (p) => (p.isVersioningEnabled = false)) },
    { change: "management lock removed", policy: "storage-log-account-delete-lock", on: both, removes: true, apply: (m) => m.remove(t.locks) },
    { change: "log account on Standard_LRS", policy: "storage-log-account-zone-redundant", on: both, apply: (m) => m.edit(logsAccount, (p) => (p.sku = { name: "Standard_LRS" })) },
    { change: "log account unprotected", policy: "data-bearing-resources-protected", on: both, apply: (m) => m.edit(logsAccount, unprotect) },
    // Key Vault
    { change: "Key Vault firewall default Allow", policy: "key-vault-firewall-default-deny", on: both, apply: (m) => m.edit(ofType(t.vault), (p) => (p.properties.networkAcls = { ...p.properties.networkAcls, defaultAction: "Allow" })) },
    { change: "Key Vault soft-delete retention cut to 7 days", policy: "key-vault-soft-delete-retention", on: both, apply: (m) => m.edit(ofType(t.vault), (p) => (p.properties.softDeleteRetentionInDays = 7)) },
    { change: "Key Vault without AuditEvent diagnostics", policy: "key-vault-audit-logs", on: both, removes: true, apply: (m) => m.remove((r) => t.diagnostics(r) && /\/vaults\//i.test(String(r.props.resourceUri))) },
    {
        change: "Key Vault secret without expiry (and not a break-glass copy)",
        policy: "key-vault-secrets-expire",
        on: both,
        removes: true,
        apply: (m) =>
            m.edit(ofType(t.vaultSecret), (p) => {
                const properties = p.properties instanceof Secret ? p.properties.value : p.properties;
                properties.contentType = "text/plain";
                delete properties.attributes;
                p.properties = properties;
            }),
    },
    { change: "Key Vault purge protection off", policy: "key-vault-rbac-and-purge-protection", on: both, apply: (m) => m.edit(ofType(t.vault), (p) => (p.properties.enablePurgeProtection = false)) },
    // AKS
    { change: "AKS authorized ranges 0.0.0.0/0", policy: "aks-api-server-authorized-ranges", on: both, apply: (m) => m.edit(ofType(t.cluster), (p) => (p.apiServerAccessProfile = { authorizedIPRanges: ["0.0.0.0/0"] })) },
    { change: "public AKS API without authorized ranges", policy: "aks-api-server-authorized-ranges", on: both, removes: true, apply: (m) => m.edit(ofType(t.cluster), (p) => delete p.apiServerAccessProfile) },
    { change: "AKS network policy removed", policy: "aks-network-policy-enforced", on: both, apply: (m) => m.edit(ofType(t.cluster), (p) => delete p.networkProfile.networkPolicy) },
    { change: "AKS local accounts on", policy: "aks-entra-id-only", on: both, apply: (m) => m.edit(ofType(t.cluster), (p) => (p.disableLocalAccounts = false)) },
    { change: "kube-audit diagnostics removed", policy: "aks-audit-logs", on: both, removes: true, apply: (m) => m.remove((r) => t.diagnostics(r) && /\/managedClusters\//i.test(String(r.props.resourceUri))) },
    // Data tier
    { change: "PostgreSQL public access", policy: "postgres-no-public-network-access", on: primaryActive, apply: (m) => m.edit(ofType(t.postgres), (p) => (p.network = { ...p.network, publicNetworkAccess: "Enabled" })) },
    {
        change: "PostgreSQL secure transport off",
        policy: "postgres-tls-only",
        on: primaryActive,
        apply: (m) => m.edit(ofType(t.postgresConfig, (p) => p.configurationName === "require_secure_transport"), (p) => (p.value = "off")),
    },
    { change: "PostgreSQL Entra administrator removed", policy: "postgres-entra-administrator", on: primaryActive, removes: true, apply: (m) => m.remove(ofType(t.postgresEntraAdmin)) },
    { change: "Redis public network access", policy: "redis-no-public-network-access", on: both, apply: (m) => m.edit(ofType(t.redis), (p) => (p.publicNetworkAccess = "Enabled")) },
    { change: "Redis access keys on", policy: "redis-access-keys-disabled", on: both, apply: (m) => m.edit(ofType(t.redis), (p) => (p.disableAccessKeyAuthentication = false)) },
    { change: "Redis non-TLS port", policy: "redis-tls-only", on: both, apply: (m) => m.edit(ofType(t.redis), (p) => (p.enableNonSslPort = true)) },
    // Failover Function App
    { change: "Function App httpsOnly off", policy: "app-service-https-only", on: standbys, apply: (m) => m.edit(ofType(t.webApp), (p) => (p.httpsOnly = false)) },
    { change: "Function App TLS 1.0", policy: "app-service-minimum-tls-1-2", on: standbys, apply: (m) => m.edit(ofType(t.webApp), (p) => (p.siteConfig.minTlsVersion = "1.0")) },
    { change: "Function App FTP on", policy: "app-service-ftp-disabled", on: standbys, apply: (m) => m.edit(ofType(t.webApp), (p) => (p.siteConfig.ftpsState = "AllAllowed")) },
    {
        change: "account-key connection string in app settings",
        policy: "app-service-no-storage-keys-in-settings",
        on: standbys,
        apply: (m) =>
            m.edit(ofType(t.webApp), (p) =>
                p.siteConfig.appSettings.push({ name: "AzureWebJobsStorage", value: "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=c2VjcmV0;EndpointSuffix=core.windows.net" }),
            ),
    },
    // Network edge
    {
        change: "NSG allowing SSH from the Internet",
        policy: "nsg-no-management-ports-from-internet",
        on: both,
        apply: (m) =>
            m.edit(ofType(t.nsg, (p) => /-system-nsg$/.test(p.networkSecurityGroupName)), (p) =>
                p.securityRules.push({ name: "allow-ssh", access: "Allow", direction: "Inbound", priority: 110, protocol: "Tcp", sourceAddressPrefix: "Internet", sourcePortRange: "*", destinationAddressPrefix: "*", destinationPortRange: "22" }),
            ),
    },
    {
        change: "public IP without domainNameLabelScope",
        policy: "public-ip-dns-label-scoped",
        on: both,
        removes: true,
        apply: (m) => m.edit(ofType(t.publicIp, (p) => !!p.dnsSettings?.domainNameLabel), (p) => delete p.dnsSettings.domainNameLabelScope),
    },
    { change: "WAF in Detection mode", policy: "waf-prevention-mode", on: [appGateway], apply: (m) => m.edit(ofType(t.waf), (p) => (p.policySettings.mode = "Detection")) },
    {
        change: "WAF custom Allow rule that skips the managed rule set",
        policy: "waf-managed-rules-not-bypassed",
        on: [appGateway],
        apply: (m) =>
            m.edit(ofType(t.waf), (p) =>
                (p.customRules = [
                    ...(p.customRules ?? []),
                    {
                        name: "AllowIngest",
                        priority: 5,
                        ruleType: "MatchRule",
                        action: "Allow",
                        matchConditions: [{ matchVariables: [{ variableName: "RequestUri" }], operator: "BeginsWith", matchValues: ["/api/v1/ingest/", "/services/collector"], transforms: ["Lowercase"] }],
                    },
                ]),
            ),
    },
    { change: "App Gateway TLS 1.0 policy", policy: "app-gateway-minimum-tls-1-2", on: [appGateway], apply: (m) => m.edit(ofType(t.appGateway), (p) => (p.sslPolicy = { policyType: "Predefined", policyName: "AppGwSslPolicy20150501" })) },
    // Inside the cluster
    {
        change: "literal STATIC_USERS env var",
        policy: "no-literal-secrets-in-env",
        on: both,
        apply: (m) => m.edit(ofType(t.humioCluster), (p) => p.spec.commonEnvironmentVariables.push({ name: "STATIC_USERS", value: "admin:hunter2" })),
    },
    {
        change: "literal storage account key env var",
        policy: "no-literal-secrets-in-env",
        on: both,
        apply: (m) =>
            m.edit(ofType(t.humioCluster), (p) => {
                const env = p.spec.commonEnvironmentVariables.find((e: Props) => e.name === "AZURE_STORAGE_ACCOUNTKEY");
                delete env.valueFrom;
                env.value = "c2VjcmV0";
            }),
    },
    { change: "encryption key unprotected", policy: "data-bearing-resources-protected", on: both, apply: (m) => m.edit(named("logs-encryption-key"), unprotect) },
    { change: "Kafka node pool unprotected", policy: "data-bearing-resources-protected", on: both, apply: (m) => m.edit(ofType(t.kafkaNodePool), unprotect) },
    {
        change: "Kafka TLS listener open to any pod (no client authentication, no named peers)",
        policy: "kafka-listener-restricted",
        on: both,
        apply: (m) => m.edit(ofType(t.kafka), (p) => p.spec.kafka.listeners.forEach((l: Props) => delete l.networkPolicyPeers)),
    },
    { change: "no NetworkPolicy", policy: "kubernetes-network-policies", on: both, removes: true, apply: (m) => m.remove((r) => r.type === t.networkPolicy || /^kubernetes:cilium\.io\//.test(r.type)) },
    {
        change: "namespace without Pod Security Admission labels",
        policy: "namespace-pod-security-admission",
        on: both,
        removes: true,
        apply: (m) =>
            m.edit(ofType(t.namespace), (p) => {
                for (const k of Object.keys(p.metadata.labels ?? {})) if (k.startsWith("pod-security.kubernetes.io/")) delete p.metadata.labels[k];
            }),
    },
];

describe("policy pack: unsafe changes to the rendered stacks", function () {
    this.timeout(300_000);
    const rendered = new Map<string, Rendered>();
    const outcomes: Array<{ row: Row; label: string; caught: boolean; openAsShipped: boolean }> = [];

    before(async () => {
        const targets: Array<[string, Target]> = [];
        for (const target of await everyStackAndMode(undefined, session)) {
            const dr = target.overrides.find((o) => o.startsWith("dr="))!.slice("dr=".length);
            targets.push([`${target.stack}/${dr || "none"}`, target]);
        }
        targets.push([appGateway, edgeTarget]);
        for (const [label, target] of targets) {
            // Renders are long stretches of CPU: let the processes the suite starts beside them (test/background.ts) be heard in between.
            await new Promise((resolve) => setTimeout(resolve, 10));
            const plan = await session.planStack(target.stack, target.overrides, target.peerOverrides);
            const inputs = analyzedResources(plan.rendering, "inputs");
            const state = analyzedResources(plan.rendering, "state");
            rendered.set(label, { inputs, state, shipped: await runPoliciesOn(packPolicies, { inputs, state }) });
        }
    });

    it("the table names pack policies and renderings that exist", () => {
        const names = new Set(packPolicies.map((p) => p.name));
        for (const row of rows) {
            assert.ok(names.has(row.policy), `${row.change}: no policy ${row.policy}`);
            for (const label of row.on) assert.ok(rendered.has(label), `${row.change}: no rendering ${label}`);
        }
        assert.ok(rows.length >= 40, `${rows.length} rows`);
    });

    it("the Application Gateway edge has no mandatory violation as shipped", () => {
        const mandatory = rendered.get(appGateway)!.shipped.flatMap((r) => r.violations.filter((v) => v.level === "mandatory").map((v) => `${v.policy}: ${v.message}`));
        assert.deepStrictEqual(mandatory, []);
    });

    for (const row of rows) {
        it(`${row.change} → ${row.policy}`, async () => {
            for (const label of row.on) {
                const base = rendered.get(label)!;
                const m = new Mutable(base);
                const changed = row.apply(m);
                assert.ok(changed > 0 || row.removes, `${row.change}: nothing to change in ${label}`);
                const [result] = (await runPoliciesOn(packPolicies, m)).filter((r) => r.policy === row.policy);
                const openAsShipped = base.shipped.find((r) => r.policy === row.policy)!.violations.length > 0;
                outcomes.push({ row, label, caught: result.violations.length > 0, openAsShipped });
                assert.ok(result.violations.length > 0, `${row.policy} did not catch "${row.change}" in ${label}`);
            }
        });
    }

    after(() => {
        const byRow = new Map<Row, { caught: boolean; open: string[] }>();
        for (const o of outcomes) {
            const entry = byRow.get(o.row) ?? { caught: true, open: [] };
            entry.caught &&= o.caught;
            if (o.openAsShipped) entry.open.push(o.label);
            byRow.set(o.row, entry);
        }
        const caught = rows.filter((r) => byRow.get(r)?.caught).length;
        const open = rows.filter((r) => byRow.get(r)?.open.length);
        for (const r of open) console.log(`      note: ${r.policy} already reports the shipped ${byRow.get(r)!.open.join(", ")} (the door is still open there)`);
        for (const r of rows.filter((r) => !byRow.get(r)?.caught)) console.log(`      missed: ${r.change} (${r.policy})`);
        console.log(`      policy pack: caught ${caught}/${rows.length} mutations`);
    });
});
