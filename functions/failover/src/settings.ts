// The function's configuration, read once from environment variables. Every
// missing or malformed setting is reported by name; the function refuses to
// act on a partial configuration. The program writes the settings under the
// names in contract/ (failoverSettingNames); the rest are the platform's
// (IDENTITY_*, AZURE_CLIENT_ID) or for local runs (KUBECONFIG, ARM_ENDPOINT,
// WITNESS_STORAGE_CONNECTION_STRING).
import { failoverConfirmation as confirmation, failoverSettingNames as names, logscaleNamespace, operatorDeploymentName } from "../../../contract";

export type FailoverMode = "automatic" | "manual";

export interface Settings {
    /** Kubeconfig file; without it the function builds one for `aksClusterId` with its managed identity. */
    kubeconfigPath?: string;
    aksClusterId?: string;
    armEndpoint: string;
    /** The witness blob: a URL (managed identity) or a connection string (container and blob names fixed). */
    witness: { blobUrl: string } | { connectionString: string };
    primaryHealthUrl: string;
    tmPrimaryEndpointId: string;
    /** The Traffic Manager profile the alert must target (the endpoint's profile). */
    tmProfileId: string;
    alertRuleName: string;
    /** Failed direct probes in a row, spanning at least `confirmationSeconds`, before the primary counts as down. */
    confirmationProbes: number;
    confirmationSeconds: number;
    failoverMode: FailoverMode;
    operatorNamespace: string;
    operatorDeployment: string;
    /** Cold tier: stopped agent pools a failover starts. */
    coldAgentPoolIds: string[];
    /** App Service's managed identity endpoint, and the user-assigned identity to ask for. */
    identity?: { endpoint: string; header: string; clientId?: string };
}

export class SettingsError extends Error {
    constructor(readonly problems: string[]) {
        super(`failover function settings: ${problems.join("; ")}`);
        this.name = "SettingsError";
    }
}

const armIdPattern = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/.+$/i;
const endpointIdPattern = /\/providers\/Microsoft\.Network\/trafficManagerProfiles\/[^/]+\/externalEndpoints\/[^/]+$/i;


function isUrl(v: string, protocols = ["https:", "http:"]): boolean {
    try {
        return protocols.includes(new URL(v).protocol);
    } catch {
        return false;
    }
}

export function readSettings(env: Record<string, string | undefined>): Settings {
    const problems: string[] = [];
    const text = (name: string, required: boolean, check?: (v: string) => boolean, allowed?: string): string | undefined => {
        const v = env[name]?.trim();
        if (!v) {
            if (required) problems.push(`${name} is not set${allowed ? `; allowed: ${allowed}` : ""}`);
            return undefined;
        }
        if (check && !check(v)) {
            problems.push(`${name}=${JSON.stringify(v)} is not allowed; allowed: ${allowed}`);
            return undefined;
        }
        return v;
    };
    const integer = (name: string, fallback: number, min: number, max: number, unit: string): number => {
        const v = text(name, false, (s) => /^\d+$/.test(s) && Number(s) >= min && Number(s) <= max, `a whole number of ${unit}, ${min}-${max}`);
        return v === undefined ? fallback : Number(v);
    };

    const kubeconfigPath = text("KUBECONFIG", false);
    const aksClusterId = text(names.aksClusterId, false, (v) => armIdPattern.test(v), "an AKS cluster resource ID");
    if (!kubeconfigPath && !aksClusterId && !env[names.aksClusterId]) problems.push(`KUBECONFIG is not set; allowed: a kubeconfig path, or ${names.aksClusterId} with a managed identity`);

    const blobUrl = text(names.witnessBlobUrl, false, (v) => isUrl(v), "the witness blob's URL");
    const connectionString = text("WITNESS_STORAGE_CONNECTION_STRING", false, (v) => /AccountName=|UseDevelopmentStorage=true|BlobEndpoint=/i.test(v), "a storage connection string");
    if (!blobUrl && !connectionString && !env[names.witnessBlobUrl] && !env.WITNESS_STORAGE_CONNECTION_STRING) {
        problems.push(`${names.witnessBlobUrl} is not set; allowed: the witness blob's URL, or WITNESS_STORAGE_CONNECTION_STRING`);
    }

    // The witness by URL and a cluster without a kubeconfig are reached with the managed identity: without it, say so at load.
    const needsIdentity = Boolean(blobUrl || (aksClusterId && !kubeconfigPath));
    const identityEndpoint = text("IDENTITY_ENDPOINT", needsIdentity, (v) => isUrl(v), `App Service's managed identity endpoint (set by the platform for an app with a managed identity; needed for ${names.witnessBlobUrl} and ${names.aksClusterId})`);
    const identityHeader = text("IDENTITY_HEADER", Boolean(identityEndpoint));
    const mode = text(names.mode, false, (v) => v === "automatic" || v === "manual", '"automatic" or "manual"');

    const primaryHealthUrl = text(names.primaryHealthUrl, true, (v) => isUrl(v), "the primary's health URL, https://<primary clusterFqdn>/api/v1/status") ?? "";
    const endpointId = text(names.primaryEndpointId, true, (v) => armIdPattern.test(v) && endpointIdPattern.test(v), "the primary Traffic Manager endpoint's resource ID") ?? "";
    const settings: Settings = {
        kubeconfigPath,
        aksClusterId,
        armEndpoint: (text("ARM_ENDPOINT", false, (v) => isUrl(v), "an http(s) URL") ?? "https://management.azure.com").replace(/\/+$/, ""),
        witness: blobUrl ? { blobUrl } : { connectionString: connectionString ?? "" },
        primaryHealthUrl,
        tmPrimaryEndpointId: endpointId,
        tmProfileId: endpointId.replace(/\/externalEndpoints\/[^/]+$/i, ""),
        alertRuleName: text(names.alertRuleName, true) ?? "",
        confirmationProbes: integer(names.confirmationProbes, confirmation.probes.default, confirmation.probes.min, confirmation.probes.max, "probes"),
        confirmationSeconds: integer(names.confirmationSeconds, confirmation.seconds.default, confirmation.seconds.min, confirmation.seconds.max, "seconds"),
        failoverMode: (mode as FailoverMode | undefined) ?? "automatic",
        operatorNamespace: text(names.operatorNamespace, false, (v) => /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(v), "a Kubernetes namespace name") ?? logscaleNamespace,
        operatorDeployment: text(names.operatorDeployment, false, (v) => /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(v), "a Deployment name") ?? operatorDeploymentName,
        coldAgentPoolIds: (
            text(names.coldAgentPoolIds, false, (v) => v.split(",").every((id) => armIdPattern.test(id.trim()) && /\/agentPools\/[^/]+$/i.test(id.trim())), "comma-separated agent pool resource IDs") ?? ""
        )
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean),
        identity: identityEndpoint && identityHeader ? { endpoint: identityEndpoint, header: identityHeader, clientId: env.AZURE_CLIENT_ID?.trim() || undefined } : undefined,
    };
    if (problems.length) throw new SettingsError(problems);
    return settings;
}
