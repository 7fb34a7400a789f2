// Identity: who may do what where. Azure role assignments kept to the scope
// they need, Key Vault secrets readable one at a time, and the Entra sign-in
// application: assignment required, https redirects, a client secret that
// expires, federated credentials for one Kubernetes service account each.
import { ResourceValidationPolicy } from "@pulumi/policy";
import { configOf, lastSegment, moreTypes, ofType, scopeLevel } from "./facts";

/**
 * Built-in role definition GUIDs (Microsoft Learn, "Azure built-in roles":
 * General, Privileged, Networking and Security categories; "Provide access to
 * Key Vault keys, certificates, and secrets with Azure RBAC").
 */
export const builtInRoles = {
    owner: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
    contributor: "b24988ac-6180-42a0-ab88-20f7382dd24c",
    userAccessAdministrator: "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
    rbacAdministrator: "f58310d9-a9f6-439a-9e8d-f62e7b41a168",
    networkContributor: "4d97b98b-1d4f-4787-a291-c67834d212e7",
    keyVaultAdministrator: "00482a5a-887f-4fb3-b363-3b7fe8e74483",
    keyVaultSecretsOfficer: "b86a8fe4-44ce-4948-aee5-eccb2c155cd7",
    keyVaultSecretsUser: "4633458b-17de-408a-b874-0445c86b69e6",
    keyVaultCertificateUser: "db79e9a7-68ee-4b58-9aeb-b90e7c24fcba",
} as const;

const privileged: Record<string, string> = {
    [builtInRoles.owner]: "Owner",
    [builtInRoles.contributor]: "Contributor",
    [builtInRoles.userAccessAdministrator]: "User Access Administrator",
    [builtInRoles.rbacAdministrator]: "Role Based Access Control Administrator",
};

const scopeName: Record<string, string> = { root: "the root scope", managementGroup: "a management group", subscription: "a subscription", resourceGroup: "a resource group" };

/** Custom role actions that amount to a privileged role: everything, or writing role assignments. */
const privilegedAction = /^(\*|Microsoft\.Authorization\/(\*|roleAssignments\/(\*|write)|\*\/write))$/i;

export const noPrivilegedRolesAtBroadScope: ResourceValidationPolicy = {
    name: "no-privileged-roles-at-broad-scope",
    description:
        "Owner, Contributor, User Access Administrator and Role Based Access Control Administrator are never assigned on a resource group, subscription or management group, and no custom role grants `*` or role-assignment writes: one such grant reaches every log, key and password of the region, and lets its holder grant itself the rest.",
    enforcementLevel: "mandatory",
    validateResource: [
        ofType(moreTypes.roleAssignment, (props, report) => {
            const role = privileged[lastSegment(props.roleDefinitionId)];
            const level = scopeLevel(props.scope);
            if (role && level !== "resource") report(`${role} is assigned on ${scopeName[level]} (${props.scope || "/"}); assign a narrower role on the resources the principal needs.`);
        }),
        ofType(moreTypes.roleDefinition, (props, report) => {
            for (const p of props.permissions ?? []) {
                for (const action of [...(p.actions ?? []), ...(p.dataActions ?? [])]) {
                    if (privilegedAction.test(action)) report(`custom role ${JSON.stringify(props.roleName)} grants ${action}.`);
                }
            }
        }),
    ],
};

// AKS's cluster identity needs subnet join/read on a custom VNet and public IP
// join/read for its load balancers (Microsoft Learn, "AKS service
// permissions"); Network Contributor on the resource group also lets it
// rewrite every NSG, route and endpoint there.
export const networkContributorScoped: ResourceValidationPolicy = {
    name: "network-contributor-scoped-to-resources",
    description:
        "Network Contributor is granted on the subnet or public IP an identity needs (AKS's control plane: subnet join and public-IP join/read), never on a resource group or wider, where it could rewrite every NSG and private endpoint of the region.",
    enforcementLevel: "advisory",
    validateResource: ofType(moreTypes.roleAssignment, (props, report) => {
        const level = scopeLevel(props.scope);
        if (lastSegment(props.roleDefinitionId) === builtInRoles.networkContributor && level !== "resource") {
            report(`Network Contributor is assigned on ${scopeName[level]} (${props.scope || "/"}); grant it on the subnet and public IP instead.`);
        }
    }),
};

const secretReaders: Record<string, string> = {
    [builtInRoles.keyVaultAdministrator]: "Key Vault Administrator",
    [builtInRoles.keyVaultSecretsOfficer]: "Key Vault Secrets Officer",
    [builtInRoles.keyVaultSecretsUser]: "Key Vault Secrets User",
    [builtInRoles.keyVaultCertificateUser]: "Key Vault Certificate User",
};

/**
 * Key Vault RBAC can grant a role on one secret; Microsoft reserves that for
 * secrets shared between applications (Microsoft Learn, "Provide access to Key
 * Vault keys, certificates, and secrets with Azure RBAC"). Here one vault holds
 * the storage key, the encryption key and the PostgreSQL password beside the
 * Application Gateway's certificate, so every reader other than the vault's
 * own administrators gets the one secret it reads.
 */
export const keyVaultSecretPerReader: ResourceValidationPolicy = {
    name: "key-vault-secret-access-per-secret",
    description:
        "A role that reads Key Vault secret values (Secrets User, Secrets Officer, Certificate User, Administrator) is granted on the one secret its holder needs, never on the vault or wider: the region's vault holds the storage key, the encryption key and the PostgreSQL password beside the gateway's certificate.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            vaultWidePrincipalIds: { type: "array", items: { type: "string" }, default: [], description: "Principals (break-glass administrators) allowed a secret-reading role on a whole vault." },
        },
    },
    validateResource: (args, report) => {
        if (args.type !== moreTypes.roleAssignment) args.notApplicable("applies to role assignments");
        const role = secretReaders[lastSegment(args.props.roleDefinitionId)];
        if (!role) args.notApplicable("not a role that reads secrets");
        const { vaultWidePrincipalIds } = configOf(args, { vaultWidePrincipalIds: [] as string[] });
        const scope = String(args.props.scope ?? "");
        if (!/\/providers\/Microsoft\.KeyVault\/vaults\/[^/]+\/(secrets|certificates)\/[^/]+$/i.test(scope) && !vaultWidePrincipalIds.includes(args.props.principalId)) {
            report(`${role} is assigned on ${scope || "/"}, which reads every secret there; scope it to the one secret (…/vaults/<vault>/secrets/<name>).`);
        }
    },
};

// An Entra application signs in every user and guest of the tenant unless its
// service principal requires an app role assignment (Microsoft Graph,
// servicePrincipal appRoleAssignmentRequired; Microsoft Learn, "Control user
// access with app roles and assignmentRequired").
export const signInRequiresAssignment: ResourceValidationPolicy = {
    name: "sign-in-requires-assignment",
    description:
        "The sign-in application's service principal requires an app role assignment (appRoleAssignmentRequired), so only the users and groups assigned to LogScale can sign in — not every member and guest of the tenant, each of whom LogScale would give an account.",
    enforcementLevel: "mandatory",
    validateResource: ofType(moreTypes.adServicePrincipal, (props, report) => {
        if (props.appRoleAssignmentRequired !== true) report("appRoleAssignmentRequired must be true.");
    }),
};

const day = 24 * 3600 * 1000;

/** A Go duration as azuread's endDateRelative takes it ("4320h", "90h30m"), in milliseconds. */
function goDuration(text: string): number | undefined {
    const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(h|m|s)/g)];
    if (!parts.length || parts.map((p) => p[0]).join("") !== text) return undefined;
    return parts.reduce((ms, [, n, unit]) => ms + Number(n) * { h: 3600_000, m: 60_000, s: 1000 }[unit as "h" | "m" | "s"], 0);
}

/**
 * A client secret without an end date lives as long as the provider's default
 * (two years); a tenant can cap password lifetimes with an app management
 * policy's passwordLifetime restriction (Microsoft Graph,
 * passwordCredentialConfiguration). The 180-day default here is this project's
 * choice, not a Microsoft number.
 */
export const signInSecretExpiry: ResourceValidationPolicy = {
    name: "sign-in-secret-expiry",
    description:
        "The sign-in application's client secret has an explicit end date at most maxDays (180) ahead, so a leaked secret stops working and rotation is planned rather than discovered when sign-in breaks.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { maxDays: { type: "integer", default: 180, description: "Longest lifetime a client secret may have left, in days." } } },
    validateResource: (args, report) => {
        if (args.type !== moreTypes.adApplicationPassword) args.notApplicable("applies to application passwords");
        const { maxDays } = configOf(args, { maxDays: 180 });
        const { endDate, endDateRelative, startDate } = args.props;
        let lifetime: number | undefined;
        if (typeof endDate === "string" && endDate) {
            const end = Date.parse(endDate);
            const start = typeof startDate === "string" && startDate ? Date.parse(startDate) : Date.now();
            lifetime = Number.isNaN(end) || Number.isNaN(start) ? undefined : end - start;
            if (lifetime === undefined) return report(`endDate ${JSON.stringify(endDate)} is not a date.`);
        } else if (typeof endDateRelative === "string" && endDateRelative) {
            lifetime = goDuration(endDateRelative);
            if (lifetime === undefined) return report(`endDateRelative ${JSON.stringify(endDateRelative)} is not a duration.`);
        }
        if (lifetime === undefined) return report(`the client secret has no endDate; set one at most ${maxDays} days ahead.`);
        if (lifetime > maxDays * day) report(`the client secret lives ${Math.round(lifetime / day)} days; at most ${maxDays} are allowed.`);
    },
};

// "Redirect URIs must begin with the scheme https" (Microsoft Learn, "Redirect
// URI (reply URL) outline and restrictions"); localhost is an exception for
// development, which a production application does not need. Wildcards let any
// matching host receive the authorization code.
export const signInRedirectsHttps: ResourceValidationPolicy = {
    name: "sign-in-redirect-uris-https",
    description:
        "Every redirect URI of the sign-in application is https with an exact host (no http, no localhost, no wildcard): Entra sends the authorization code there, so a plain-text or wildcard URI hands sign-ins to whoever listens.",
    enforcementLevel: "mandatory",
    validateResource: ofType(moreTypes.adApplication, (props, report) => {
        const uris = [...(props.web?.redirectUris ?? []), ...(props.singlePageApplication?.redirectUris ?? []), ...(props.publicClient?.redirectUris ?? [])];
        for (const uri of uris.map(String)) {
            let host = "";
            try {
                const url = new URL(uri);
                host = url.hostname;
                if (url.protocol !== "https:") report(`redirect URI ${uri} is not https.`);
            } catch {
                report(`redirect URI ${uri} is not a URL.`);
                continue;
            }
            if (uri.includes("*")) report(`redirect URI ${uri} has a wildcard.`);
            if (/^(localhost|127\.0\.0\.1|\[::1\])$/.test(host)) report(`redirect URI ${uri} points at the local machine.`);
        }
    }),
};

const serviceAccountSubject = /^system:serviceaccount:[a-z0-9]([-a-z0-9]*[a-z0-9])?:[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

// AKS workload identity federates one Kubernetes service account:
// subject system:serviceaccount:<namespace>:<name>, audience
// api://AzureADTokenExchange (Microsoft Graph, federatedIdentityCredential).
// A claims-matching expression (flexible federated credentials) widens it.
export const federatedCredentialExact: ResourceValidationPolicy = {
    name: "federated-credential-exact-subject",
    description:
        "Each federated identity credential trusts exactly one Kubernetes service account (subject system:serviceaccount:<namespace>:<name>, no wildcard or claims expression) of an https issuer for the audience api://AzureADTokenExchange: a wider subject lets other pods take the identity and its storage and DNS roles.",
    enforcementLevel: "mandatory",
    validateResource: ofType(moreTypes.federatedCredential, (props, report) => {
        if (!serviceAccountSubject.test(String(props.subject ?? ""))) report(`subject ${JSON.stringify(props.subject)} must name one service account: system:serviceaccount:<namespace>:<name>.`);
        if (props.claimsMatchingExpression) report("claimsMatchingExpression widens the credential beyond one subject.");
        if (JSON.stringify(props.audiences ?? []) !== JSON.stringify(["api://AzureADTokenExchange"])) report(`audiences are ${JSON.stringify(props.audiences)}; they must be ["api://AzureADTokenExchange"].`);
        if (!String(props.issuer ?? "").startsWith("https://")) report(`issuer ${JSON.stringify(props.issuer)} must be an https URL.`);
    }),
};

export const identityPolicies = [
    noPrivilegedRolesAtBroadScope,
    networkContributorScoped,
    keyVaultSecretPerReader,
    signInRequiresAssignment,
    signInSecretExpiry,
    signInRedirectsHttps,
    federatedCredentialExact,
];
