// Security baseline: storage, Key Vault, AKS, Postgres, Redis, and no secrets
// as literals in Kubernetes environments. Mandatory where a change would
// expose data or a credential; the hardening choices are advisory.
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { configOf, environmentLists, logAccounts, moreTypes, ofType, revealed, types } from "./facts";

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

/**
 * Without a Microsoft Entra administrator nobody can sign in with Entra ID
 * and the password admin is the only way in: only an Entra administrator can
 * first connect with an Entra account (Microsoft Learn, "Microsoft Entra
 * authentication with Azure Database for PostgreSQL", Limitations). A server
 * the stack creates (createMode Create, or unset: Default) needs one of its
 * own; a read replica shows its source's, and Azure refuses it one of its own
 * (Azure/azure-cli, test_postgres_flexible_commands_identity_microsoft_entra_admin.py).
 * Advisory: the password admin exposes nothing new without it.
 */
export const postgresEntraAdministrator: StackValidationPolicy = {
    name: "postgres-entra-administrator",
    description:
        "A PostgreSQL server the stack creates has Microsoft Entra authentication on and a Microsoft Entra administrator, so people sign in with their own Entra identity instead of the shared password admin; a read replica takes its source's administrators.",
    enforcementLevel: "advisory",
    validateStack: (args, report) => {
        const created = args.resources.filter((r) => r.type === types.postgresServer && [undefined, "Create", "Default"].includes(r.props.createMode));
        if (!created.length) args.notApplicable("no PostgreSQL server created in the stack");
        // Flexible server names are global (<name>.postgres.database.azure.com): the name alone finds the server's administrators.
        const administered = new Set(args.resources.filter((r) => r.type === moreTypes.postgresEntraAdministrator && r.props.objectId).map((r) => r.props.serverName));
        for (const s of created) {
            if (s.props.authConfig?.activeDirectoryAuth !== "Enabled") report(`PostgreSQL server ${s.props.serverName}: authConfig.activeDirectoryAuth must be Enabled.`, s.urn);
            if (!administered.has(s.props.serverName)) report(`PostgreSQL server ${s.props.serverName} has no Microsoft Entra administrator (AdministratorsMicrosoftEntra).`, s.urn);
        }
    },
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

/**
 * Variables that hold credentials without saying so in their name. LogScale's
 * STATIC_USERS defines local accounts with their passwords (LogScale library,
 * "STATIC_USERS"; SINGLE_USER_PASSWORD likewise, but its name already says
 * PASSWORD).
 */
const secretNamesDefault = ["STATIC_USERS"];

export const noLiteralSecretsInEnv: ResourceValidationPolicy = {
    name: "no-literal-secrets-in-env",
    description:
        "A Kubernetes environment variable named like a key, password, token or secret, or known to hold credentials (LogScale's STATIC_USERS: local accounts and their passwords), takes its value from a Secret (valueFrom), never a literal: literals land in the resource's spec, Pulumi state and every `kubectl get -o yaml`.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            allowedLiteralNames: {
                type: "array",
                items: { type: "string" },
                default: ["*_OBJECT_KEY_PREFIX"],
                description: "Names (with * wildcards) that match the pattern but hold no secret.",
            },
            secretNames: {
                type: "array",
                items: { type: "string" },
                default: secretNamesDefault,
                description: "Names (with * wildcards) that hold credentials whatever the pattern says.",
            },
        },
    },
    validateResource: (args, report) => {
        const lists = args.type.startsWith("kubernetes:") ? environmentLists(args.type, args.props) : [];
        if (!lists.length) args.notApplicable("no container environment");
        const { allowedLiteralNames, secretNames } = configOf(args, { allowedLiteralNames: ["*_OBJECT_KEY_PREFIX"], secretNames: secretNamesDefault });
        const holdsSecret = (name: string) => matchesAny(name, secretNames) || (secretLooking.test(name) && !matchesAny(name, allowedLiteralNames));
        for (const { where, env } of lists) {
            for (const e of env) {
                if (holdsSecret(e.name) && e.value !== undefined && !e.valueFrom) {
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

/**
 * Shared Key is the storage account key: whoever holds it reads and deletes
 * everything, and a request signed with it names nobody. Azure Policy's
 * "Storage accounts should prevent shared key access" audits the same;
 * `allowSharedKeyAccess` unset means true (Microsoft Learn, StorageAccount
 * AllowSharedKeyAccess). LogScale authenticates to Azure Blob with the account
 * key (AZURE_STORAGE_ACCOUNTKEY), so the accounts a HumioCluster writes to are
 * the documented exception; every other account must refuse it.
 */
export const storageSharedKeyDisabled: StackValidationPolicy = {
    name: "storage-shared-key-access-disabled",
    description:
        "Storage accounts refuse Shared Key (account key) authorization, so only Entra identities with a role can reach the data; the one exception is the account LogScale itself writes to, which authenticates with its key (AZURE_STORAGE_ACCOUNTKEY).",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const accounts = args.resources.filter((r) => r.type === types.storageAccount);
        if (!accounts.length) args.notApplicable("no storage accounts");
        const humioClusters = args.resources.some((r) => r.type === types.humioCluster);
        const logScaleKeyed = new Set(humioClusters ? logAccounts(args.resources).map((r) => r.urn) : []);
        for (const a of accounts) {
            if (!logScaleKeyed.has(a.urn) && a.props.allowSharedKeyAccess !== false) report(`storage account ${a.props.accountName}: allowSharedKeyAccess must be false (only LogScale's own bucket may take its key).`, a.urn);
        }
    },
};

// Access keys give whoever holds them every command on the cache, with no
// identity in the logs; disableAccessKeyAuthentication leaves Entra ID only
// (Microsoft Learn, "Use Microsoft Entra ID for cache authentication"; PSRule
// Azure.Redis.LocalAuth). Geo-replicated caches must be unlinked first.
export const redisAccessKeysDisabled: ResourceValidationPolicy = {
    name: "redis-access-keys-disabled",
    description: "Redis accepts Microsoft Entra tokens only (disableAccessKeyAuthentication): an access key is a shared secret that grants every command and names nobody.",
    enforcementLevel: "advisory",
    validateResource: ofType(types.redis, (props, report) => {
        if (props.disableAccessKeyAuthentication !== true) report("disableAccessKeyAuthentication must be true.");
    }),
};

// Azure Policy "Key Vault secrets should have an expiration date": a secret
// valid forever gives an attacker more time; an expiry forces rotation. The
// ARM secret's attributes.expires is in seconds since the epoch.
export const keyVaultSecretsExpire: ResourceValidationPolicy = {
    name: "key-vault-secrets-expire",
    description:
        "Key Vault secrets carry an expiry (properties.attributes.expires), so a copied key or password stops being honoured and rotation has a date. Exempt: a break-glass copy (contentType naming it so) of a value that lives on elsewhere, which must stay readable in the emergency it is kept for (Key Vault refuses to return an expired secret: \"Operation get is not allowed on an expired secret\", Azure/AzureKeyVault#19).",
    enforcementLevel: "advisory",
    validateResource: ofType(moreTypes.keyVaultSecret, (props, report) => {
        const properties = revealed(props.properties);
        if (breakGlassCopy.test(String(properties?.contentType ?? ""))) return;
        if (typeof properties?.attributes?.expires !== "number") report(`secret ${props.secretName} has no properties.attributes.expires.`);
    }),
};

/** How a break-glass copy names itself in its contentType (components/keyVault.ts writes it). */
const breakGlassCopy = /(^|;)\s*break-glass-copy\b/;

export const securityBaseline = [
    storageHttpsOnly,
    storageTls12,
    storageNoPublicBlobs,
    storageFirewallDeny,
    keyVaultRbacPurgeProtection,
    aksEntraIdOnly,
    aksWorkloadIdentity,
    postgresTlsOnly,
    postgresEntraAdministrator,
    redisTlsOnly,
    noLiteralSecretsInEnv,
    noRetiredIngressNginx,
    storageSharedKeyDisabled,
    redisAccessKeysDisabled,
    keyVaultSecretsExpire,
];
