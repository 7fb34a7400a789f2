// Security baseline (mandatory): storage, Key Vault, AKS, Postgres, Redis,
// and no secrets as literals in Kubernetes environments.
import { ResourceValidation, ResourceValidationPolicy } from "@pulumi/policy";
import { configOf, environmentLists, types } from "./facts";

const ofType =
    (type: string, check: (props: Record<string, any>, report: (message: string) => void) => void): ResourceValidation =>
    (args, report) => {
        if (args.type !== type) args.notApplicable(`applies to ${type}`);
        check(args.props, report);
    };

export const storageHttpsOnly: ResourceValidationPolicy = {
    name: "storage-https-only",
    description: "Storage accounts accept HTTPS only: LogScale's segments and the storage key would otherwise cross the network in clear text.",
    enforcementLevel: "mandatory",
    validateResource: ofType(types.storageAccount, (props, report) => {
        if (props.enableHttpsTrafficOnly !== true) report("enableHttpsTrafficOnly must be true.");
    }),
};

export const storageTls12: ResourceValidationPolicy = {
    name: "storage-minimum-tls-1-2",
    description: "Storage accounts refuse TLS below 1.2, which has known weaknesses.",
    enforcementLevel: "mandatory",
    validateResource: ofType(types.storageAccount, (props, report) => {
        if (!["TLS1_2", "TLS1_3"].includes(props.minimumTlsVersion)) report(`minimumTlsVersion is ${JSON.stringify(props.minimumTlsVersion)}; it must be TLS1_2 or newer.`);
    }),
};

export const storageNoPublicBlobs: ResourceValidationPolicy = {
    name: "storage-no-public-blob-access",
    description: "No blob is readable anonymously: the account forbids public access and no container asks for it.",
    enforcementLevel: "mandatory",
    validateResource: [
        ofType(types.storageAccount, (props, report) => {
            if (props.allowBlobPublicAccess !== false) report("allowBlobPublicAccess must be false.");
        }),
        ofType(types.blobContainer, (props, report) => {
            if (props.publicAccess !== undefined && props.publicAccess !== "None") report(`publicAccess is ${JSON.stringify(props.publicAccess)}; it must be None.`);
        }),
    ],
};

export const storageFirewallDeny: ResourceValidationPolicy = {
    name: "storage-firewall-default-deny",
    description: "Storage firewalls deny by default and admit only named subnets and IPs: the bucket holds every log LogScale has.",
    enforcementLevel: "mandatory",
    validateResource: ofType(types.storageAccount, (props, report) => {
        if (props.networkRuleSet?.defaultAction !== "Deny") report("networkRuleSet.defaultAction must be Deny.");
    }),
};

export const keyVaultRbacPurgeProtection: ResourceValidationPolicy = {
    name: "key-vault-rbac-and-purge-protection",
    description: "Key Vaults use Azure RBAC (not access policies) and purge protection, so a deleted vault and its keys can be recovered.",
    enforcementLevel: "mandatory",
    validateResource: ofType(types.keyVault, (props, report) => {
        const p = props.properties ?? {};
        if (p.enableRbacAuthorization !== true) report("properties.enableRbacAuthorization must be true.");
        if (p.enablePurgeProtection !== true) report("properties.enablePurgeProtection must be true.");
    }),
};

export const aksEntraIdOnly: ResourceValidationPolicy = {
    name: "aks-entra-id-only",
    description: "AKS authorizes with Entra ID and Azure RBAC and has local accounts disabled: no static admin credential can reach the cluster.",
    enforcementLevel: "mandatory",
    validateResource: ofType(types.managedCluster, (props, report) => {
        if (props.aadProfile?.managed !== true || props.aadProfile?.enableAzureRBAC !== true) report("aadProfile must be managed with enableAzureRBAC true.");
        if (props.disableLocalAccounts !== true) report("disableLocalAccounts must be true.");
    }),
};

export const aksWorkloadIdentity: ResourceValidationPolicy = {
    name: "aks-workload-identity",
    description: "AKS runs an OIDC issuer and workload identity, so pods use federated identities instead of stored secrets.",
    enforcementLevel: "mandatory",
    validateResource: ofType(types.managedCluster, (props, report) => {
        if (props.oidcIssuerProfile?.enabled !== true) report("oidcIssuerProfile.enabled must be true.");
        if (props.securityProfile?.workloadIdentity?.enabled !== true) report("securityProfile.workloadIdentity.enabled must be true.");
    }),
};

export const postgresTlsOnly: ResourceValidationPolicy = {
    name: "postgres-tls-only",
    description: "PostgreSQL requires TLS 1.2 or newer; a server parameter must not turn secure transport off.",
    enforcementLevel: "mandatory",
    validateResource: ofType(types.postgresConfiguration, (props, report) => {
        const value = String(props.value ?? "").toLowerCase();
        if (props.configurationName === "require_secure_transport" && value !== "on") report("require_secure_transport must stay on.");
        if (props.configurationName === "ssl_min_protocol_version" && !["tlsv1.2", "tlsv1.3"].includes(value)) report(`ssl_min_protocol_version is ${JSON.stringify(props.value)}; it must be TLSv1.2 or newer.`);
    }),
};

export const redisTlsOnly: ResourceValidationPolicy = {
    name: "redis-tls-only",
    description: "Redis listens on TLS only (no non-TLS port) and requires TLS 1.2.",
    enforcementLevel: "mandatory",
    validateResource: ofType(types.redis, (props, report) => {
        if (props.enableNonSslPort !== false) report("enableNonSslPort must be false.");
        if (props.minimumTlsVersion !== "1.2") report(`minimumTlsVersion is ${JSON.stringify(props.minimumTlsVersion)}; it must be 1.2.`);
    }),
};

const secretLooking = /KEY|PASSWORD|TOKEN|SECRET/i;

/** Shell-style name patterns: `*` matches any run of characters. */
function matchesAny(name: string, patterns: string[]): boolean {
    return patterns.some((p) => new RegExp(`^${p.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`).test(name));
}

export const noLiteralSecretsInEnv: ResourceValidationPolicy = {
    name: "no-literal-secrets-in-env",
    description:
        "A Kubernetes environment variable named like a key, password, token or secret takes its value from a Secret (valueFrom), never a literal: literals land in the resource's spec, Pulumi state and every `kubectl get -o yaml`.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            allowedLiteralNames: {
                type: "array",
                items: { type: "string" },
                default: ["*_OBJECT_KEY_PREFIX"],
                description: "Names (with * wildcards) that match the pattern but hold no secret.",
            },
        },
    },
    validateResource: (args, report) => {
        const lists = args.type.startsWith("kubernetes:") ? environmentLists(args.type, args.props) : [];
        if (!lists.length) args.notApplicable("no container environment");
        const { allowedLiteralNames } = configOf(args, { allowedLiteralNames: ["*_OBJECT_KEY_PREFIX"] });
        for (const { where, env } of lists) {
            for (const e of env) {
                if (secretLooking.test(e.name) && e.value !== undefined && !e.valueFrom && !matchesAny(e.name, allowedLiteralNames)) {
                    report(`${where}: ${e.name} has a literal value; take it from a Secret with valueFrom.secretKeyRef.`);
                }
            }
        }
    },
};

/**
 * The community ingress-nginx controller was retired in March 2026: no
 * releases, no security fixes. Nothing may install it or hand it an Ingress.
 */
export const noRetiredIngressNginx: ResourceValidationPolicy = {
    name: "no-retired-ingress-nginx",
    description:
        "The community ingress-nginx controller (retired in March 2026, no security fixes) is neither installed nor given Ingresses: the cluster's edge is a maintained Gateway API implementation.",
    enforcementLevel: "mandatory",
    validateResource: [
        ofType(types.helmRelease, (props, report) => {
            if (/(^|\/)ingress-nginx$/.test(String(props.chart ?? "")) || /kubernetes\.github\.io\/ingress-nginx/.test(String(props.repositoryOpts?.repo ?? ""))) {
                report(`chart ${JSON.stringify(props.chart)} is the retired ingress-nginx controller.`);
            }
        }),
        ofType(types.ingress, (props, report) => {
            const className = props.spec?.ingressClassName ?? props.metadata?.annotations?.["kubernetes.io/ingress.class"];
            if (className === "nginx") report("the Ingress is for the retired ingress-nginx controller (class nginx); route with a Gateway API HTTPRoute.");
        }),
    ],
};

export const securityBaseline = [
    storageHttpsOnly,
    storageTls12,
    storageNoPublicBlobs,
    storageFirewallDeny,
    keyVaultRbacPurgeProtection,
    aksEntraIdOnly,
    aksWorkloadIdentity,
    postgresTlsOnly,
    redisTlsOnly,
    noLiteralSecretsInEnv,
    noRetiredIngressNginx,
];
