// Who did what: the AKS API server's audit log and the Key Vault's audit
// events are exported by a diagnostic setting, so an intrusion or a mistaken
// change can be traced after the fact.
import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { isDiagnosticSetting, types } from "./facts";

/** Diagnostic settings on the resource whose ID ends with `idSuffix`, that send somewhere and enable one of `categories` (or an audit/allLogs group). */
function exported(resources: PolicyResource[], idSuffix: string, categories: string[]): boolean {
    return resources.some((r) => {
        if (!isDiagnosticSetting(r.type) || !String(r.props.resourceUri ?? "").toLowerCase().endsWith(idSuffix.toLowerCase())) return false;
        const destination = r.props.workspaceId || r.props.storageAccountId || r.props.eventHubAuthorizationRuleId || r.props.marketplacePartnerId;
        const logs: any[] = r.props.logs ?? [];
        return !!destination && logs.some((l) => l.enabled === true && (categories.includes(l.category) || ["audit", "allLogs"].includes(l.categoryGroup)));
    });
}

/**
 * AKS exports the API server's audit log as the kube-audit category, or
 * kube-audit-admin without get and list (Microsoft Learn, "Supported logs for
 * Microsoft.ContainerService/managedClusters"; PSRule Azure.AKS.AuditLogs).
 */
export const aksAuditLogs: StackValidationPolicy = {
    name: "aks-audit-logs",
    description:
        "Each AKS cluster has a diagnostic setting sending its API server audit log (kube-audit or kube-audit-admin, or the audit category group) to a workspace or account, so who read a Secret or changed a workload can be traced.",
    enforcementLevel: "advisory",
    validateStack: (args, report) => {
        const clusters = args.resources.filter((r) => r.type === types.managedCluster);
        if (!clusters.length) args.notApplicable("no AKS clusters");
        for (const c of clusters) {
            if (!exported(args.resources, `/managedClusters/${c.props.resourceName}`, ["kube-audit", "kube-audit-admin"])) {
                report(`AKS cluster ${c.props.resourceName} exports no kube-audit or kube-audit-admin logs.`, c.urn);
            }
        }
    },
};

/** Key Vault's audit log is the AuditEvent category (Microsoft Learn, "Supported logs for Microsoft.KeyVault/vaults"). */
export const keyVaultAuditLogs: StackValidationPolicy = {
    name: "key-vault-audit-logs",
    description:
        "Each Key Vault has a diagnostic setting sending its AuditEvent log (or the audit category group) to a workspace or account, so every read of the storage key, encryption key or PostgreSQL password is recorded with its caller.",
    enforcementLevel: "advisory",
    validateStack: (args, report) => {
        const vaults = args.resources.filter((r) => r.type === types.keyVault);
        if (!vaults.length) args.notApplicable("no Key Vaults");
        for (const v of vaults) {
            if (!exported(args.resources, `/vaults/${v.props.vaultName}`, ["AuditEvent"])) report(`Key Vault ${v.props.vaultName} exports no AuditEvent logs.`, v.urn);
        }
    },
};

export const auditPolicies = [aksAuditLogs, keyVaultAuditLogs];
