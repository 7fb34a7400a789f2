// Who did what to the control planes: a region's audit workspace, and the
// diagnostic settings that send it the Kubernetes API server's audit log and
// the Key Vault's access log. Kept beside the data they describe, in the same
// region, for as long as the security baseline asks.
import * as pulumi from "@pulumi/pulumi";
import * as monitor from "@pulumi/azure-native/monitor";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import { Tags } from "./placement";

/** What each audited resource sends: its log categories. */
export const auditCategories = {
    // kube-audit-admin: every API server request but get and list, the audit log at a fraction of kube-audit's
    // volume; guard: Entra ID and Azure RBAC authorization decisions (Microsoft Learn, "Monitor Azure
    // Kubernetes Service (AKS)", resource logs).
    aks: ["kube-audit-admin", "guard"],
    // AuditEvent: every authenticated request to the vault (Microsoft Learn, "Azure Key Vault logging").
    keyVault: ["AuditEvent"],
} as const;

/** Days the workspace keeps audit records: a workspace keeps 30 unless told (Microsoft Learn, "Manage data retention in a Log Analytics workspace"), too short to investigate what is found a month later. */
export const auditRetentionDays = 90;

export interface AuditLogsArgs {
    resourceGroupName: pulumi.Input<string>;
    location: string;
    namePrefix: string;
    tags: Tags;
}

export class AuditLogs extends pulumi.ComponentResource {
    readonly workspaceId: pulumi.Output<string>;

    constructor(name: string, args: AuditLogsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("logscale-dr:audit:AuditLogs", name, {}, opts);
        const workspace = new operationalinsights.Workspace(
            `${name}-workspace`,
            { resourceGroupName: args.resourceGroupName, location: args.location, workspaceName: `${args.namePrefix}-audit`, sku: { name: "PerGB2018" }, retentionInDays: auditRetentionDays, tags: args.tags },
            { parent: this },
        );
        this.workspaceId = workspace.id;
        this.registerOutputs({ workspaceId: this.workspaceId });
    }

    /** Send a resource's audit categories here. */
    audit(name: string, resourceUri: pulumi.Input<string>, categories: readonly string[], opts?: pulumi.CustomResourceOptions): monitor.DiagnosticSetting {
        return new monitor.DiagnosticSetting(
            name,
            { name: "audit", resourceUri, workspaceId: this.workspaceId, logAnalyticsDestinationType: "Dedicated", logs: categories.map((category) => ({ category, enabled: true })) },
            { parent: this, ...opts },
        );
    }
}
