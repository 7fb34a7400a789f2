// Rule family 1, continued: Azure's naming rules where the REST excerpts do
// not state them (or state less). Each rule carries its source; the main one
// is Microsoft Learn, "Naming rules and restrictions for Azure resources"
// (learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules,
// MicrosoftDocs/azure-docs articles/azure-resource-manager/management/resource-name-rules.md).
import { RecordedResource } from "../offline/engine";
import { managed, plainInputs, PreflightInput, Rule, unknownValue, violation, Violation } from "./report";

const nameRules = "Microsoft Learn, Naming rules and restrictions for Azure resources";

/** A name check: undefined when the name is allowed, else what is wrong. */
type NameCheck = (name: string) => string | undefined;

const length = (min: number, max: number): NameCheck => (n) => (n.length < min || n.length > max ? `is ${n.length} characters; allowed ${min}-${max}` : undefined);
const chars = (re: RegExp, what: string): NameCheck => (n) => (re.test(n) ? undefined : `has characters other than ${what}`);
const startsWith = (re: RegExp, what: string): NameCheck => (n) => (re.test(n[0] ?? "") ? undefined : `must start with ${what}`);
const endsWith = (re: RegExp, what: string): NameCheck => (n) => (re.test(n[n.length - 1] ?? "") ? undefined : `must end with ${what}`);
const noDoubleHyphen: NameCheck = (n) => (n.includes("--") ? "must not contain consecutive hyphens" : undefined);

interface NameRule {
    id: string;
    type: string;
    /** The input holding the name, or a function listing names and where they are. */
    names: (inputs: any) => Array<{ property: string; name: unknown; osType?: string }>;
    checks: (name: string, inputs: any) => NameCheck[];
    summary: string;
    source: string;
}

const input = (key: string) => (i: any) => [{ property: key, name: i[key] }];

/** DNS labels: RFC 1035 §2.3.4 (labels of 63 octets or less, names of 255 octets or less: 253 characters as text). */
const dnsLabel = /^(\*|[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)$/;

function recordSetChecks(name: string, inputs: any): NameCheck[] {
    const checks: NameCheck[] = [];
    if (name !== "@") {
        // Each label of a relative name: Azure DNS zones allow alphanumerics, underscores and hyphens (nameRules, Microsoft.Network dnsZones), 1-63 long (RFC 1035).
        checks.push((n) => (n.split(".").every((l) => dnsLabel.test(l)) ? undefined : "has a label that is not 1-63 alphanumerics, underscores and hyphens (RFC 1035 §2.3.4)"));
        checks.push((n) => (`${n}.${inputs.zoneName ?? ""}`.length > 253 ? "makes a name longer than 253 characters (RFC 1035 §2.3.4)" : undefined));
    }
    // A CNAME cannot sit at the apex, beside the zone's SOA and NS records (RFC 1034 §3.6.2; Azure DNS: "The DNS protocol prevents the assignment of CNAME records at the zone apex").
    if (inputs.recordType === "CNAME") checks.push((n) => (n === "@" ? "is the zone apex, where a CNAME cannot be" : undefined));
    return checks;
}

const poolNames = (i: any) => (i.agentPoolProfiles ?? []).map((p: any, n: number) => ({ property: `agentPoolProfiles[${n}].name`, name: p?.name, osType: p?.osType }));

/**
 * AKS node pool names: lowercase alphanumerics starting with a letter, at most
 * 12 for Linux and 6 for Windows (Azure REST managedClusters.json 2025-09-01,
 * AgentPoolNameParameter ^[a-z][a-z0-9]{0,11}$ and "Windows agent pool names
 * must be 6 characters or less"; Microsoft Learn, AKS "Create node pools").
 */
function poolChecks(_name: string, inputs: any): NameCheck[] {
    return [chars(/^[a-z0-9]*$/, "lowercase letters and digits"), startsWith(/[a-z]/, "a lowercase letter"), inputs.osType === "Windows" ? length(1, 6) : length(1, 12)];
}

const rules: NameRule[] = [
    {
        id: "names.storageAccount",
        type: "azure-native:storage:StorageAccount",
        names: input("accountName"),
        checks: () => [length(3, 24), chars(/^[a-z0-9]*$/, "lowercase letters and digits")],
        summary: "storage account names: 3-24 lowercase letters and digits",
        source: `${nameRules}, Microsoft.Storage storageAccounts`,
    },
    {
        id: "names.keyVault",
        type: "azure-native:keyvault:Vault",
        names: input("vaultName"),
        checks: () => [length(3, 24), chars(/^[A-Za-z0-9-]*$/, "alphanumerics and hyphens"), startsWith(/[A-Za-z]/, "a letter"), endsWith(/[A-Za-z0-9]/, "a letter or digit"), noDoubleHyphen],
        summary: "Key Vault names: 3-24 alphanumerics and hyphens, starting with a letter, ending with a letter or digit, no consecutive hyphens",
        source: `${nameRules}, Microsoft.KeyVault vaults`,
    },
    {
        id: "names.redis",
        type: "azure-native:redis:Redis",
        names: input("name"),
        checks: () => [length(1, 63), chars(/^[A-Za-z0-9-]*$/, "alphanumerics and hyphens"), startsWith(/[A-Za-z0-9]/, "an alphanumeric"), endsWith(/[A-Za-z0-9]/, "an alphanumeric"), noDoubleHyphen],
        summary: "Azure Cache for Redis names: 1-63 alphanumerics and hyphens, starting and ending with an alphanumeric, no consecutive hyphens",
        source: `${nameRules}, Microsoft.Cache Redis`,
    },
    {
        id: "names.postgres",
        type: "azure-native:dbforpostgresql:Server",
        names: input("serverName"),
        checks: () => [length(3, 63), chars(/^[a-z0-9-]*$/, "lowercase letters, digits and hyphens"), startsWith(/[a-z0-9]/, "a letter or digit"), endsWith(/[a-z0-9]/, "a letter or digit")],
        summary: "PostgreSQL flexible server names: 3-63 lowercase letters, digits and hyphens, not starting or ending with a hyphen",
        source: `${nameRules}, Microsoft.DBforPostgreSQL servers; Microsoft Learn, az postgres flexible-server --name`,
    },
    {
        id: "names.site",
        type: "azure-native:web:WebApp",
        names: input("name"),
        // Unicode letters that map to Punycode are allowed too; other characters are not.
        checks: () => [length(2, 60), chars(/^[\p{L}\p{N}-]*$/u, "alphanumerics and hyphens"), startsWith(/[^-]/, "a character other than a hyphen"), endsWith(/[^-]/, "a character other than a hyphen")],
        summary: "Function App (site) names: 2-60 alphanumerics and hyphens, not starting or ending with a hyphen",
        source: `${nameRules}, Microsoft.Web sites (Azure Functions has the same rules)`,
    },
    {
        id: "names.dnsRecord",
        type: "azure-native:dns:RecordSet",
        names: input("relativeRecordSetName"),
        checks: recordSetChecks,
        summary: "DNS record set names: '@' or labels of 1-63 alphanumerics, underscores and hyphens, a name within 253 characters, no CNAME at the apex",
        source: "RFC 1035 §2.3.4; RFC 1034 §3.6.2; Microsoft Learn, Azure DNS record sets (relative names, '@' for the apex)",
    },
    {
        id: "names.aksPool",
        type: "azure-native:containerservice:AgentPool",
        names: (i) => [{ property: "agentPoolName", name: i.agentPoolName, osType: i.osType }],
        checks: poolChecks,
        summary: "AKS node pool names: lowercase alphanumerics starting with a letter, at most 12 (Linux) or 6 (Windows)",
        source: "Azure REST managedClusters.json 2025-09-01 AgentPoolNameParameter; Microsoft Learn, AKS Create node pools",
    },
    {
        id: "names.aksPool",
        type: "azure-native:containerservice:ManagedCluster",
        names: poolNames,
        checks: poolChecks,
        summary: "AKS node pool names: lowercase alphanumerics starting with a letter, at most 12 (Linux) or 6 (Windows)",
        source: "Azure REST managedClusters.json 2025-09-01 ManagedClusterAgentPoolProfile.name; Microsoft Learn, AKS Create node pools",
    },
];

function checkNames(r: RecordedResource, rule: NameRule): Violation[] {
    const inputs = plainInputs(r.inputs);
    return rule.names(inputs).flatMap(({ property, name, osType }) => {
        // A name azure-native generates (absent) or one not known at preview cannot be judged.
        if (typeof name !== "string" || name === unknownValue) return [];
        const problems = rule.checks(name, { ...inputs, osType }).map((c) => c(name)).filter((p): p is string => !!p);
        return problems.length ? [violation(rule.id, r, property, `${rule.id}: ${JSON.stringify(name)} ${problems.join("; ")}`, rule.source)] : [];
    });
}

export function azureNameViolations(input: PreflightInput): Violation[] {
    const byType = new Map<string, NameRule[]>();
    for (const rule of rules) byType.set(rule.type, [...(byType.get(rule.type) ?? []), rule]);
    return managed(input.resources, "azure-native:").flatMap((r) => (byType.get(r.type) ?? []).flatMap((rule) => checkNames(r, rule)));
}

export const azureNameRules: Rule[] = [...new Map(rules.map((r) => [r.id, { id: r.id, summary: r.summary, source: r.source }])).values()];
