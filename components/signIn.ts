// Entra ID sign-in for LogScale (OIDC). One application serves both regions:
// its redirect URIs cover the global name and both clusters' own names, so
// sign-in works unchanged after a failover. The stack that manages global DNS
// owns it (brought up first, and again after the peer, so it learns the
// peer's host name); each region holds its own client secret, with an end
// date and a rotation keeper (model/signIn.ts decides both).
import * as pulumi from "@pulumi/pulumi";
import * as azuread from "@pulumi/azuread";

/** Where LogScale receives the OIDC authorization code: `<PUBLIC_URL>/auth/oidc`. */
export const oidcCallbackPath = "/auth/oidc";

/** Microsoft Graph and its delegated scopes for OIDC sign-in. */
const microsoftGraph = "00000003-0000-0000-c000-000000000000";
const graphScopes = {
    openid: "37f7f235-527c-4136-accd-4a02d197296e",
    profile: "14dad69e-099b-42c9-810b-d002981feec1",
    email: "64a6cdd6-aab1-4aaf-94b8-3cc8405e90d0",
};

/** One redirect URI per host clients may sign in through, in a stable order. */
export function signInRedirectUris(hosts: string[]): string[] {
    return [...new Set(hosts.filter((h) => h !== ""))].sort().map((h) => `https://${h}${oidcCallbackPath}`);
}

/** The OIDC issuer LogScale trusts: the tenant's v2.0 endpoint. */
export function oidcProvider(tenantId: string): string {
    return `https://login.microsoftonline.com/${tenantId}/v2.0`;
}

export interface SignInApplicationArgs {
    displayName: string;
    /** The global name and both clusters' names; empty entries (a peer not yet deployed) are skipped. */
    hosts: pulumi.Input<string>[];
}

/**
 * The application and its service principal, owned by the stack that manages
 * global DNS. Only users and groups assigned to the enterprise application
 * may sign in: `appRoleAssignmentRequired` makes Entra ID refuse a token to
 * anyone else (Microsoft Learn, "Restrict your Microsoft Entra app to a set
 * of users in a Microsoft Entra tenant"), guests included. Both are
 * protected: turning `entraSignIn` off stops `pulumi up` at their deletion
 * instead of deleting the application every region signs in with. Not
 * retainOnDelete, which would leave it behind unmanaged, with whatever
 * credentials it still holds; deleting it is a decision:
 * `pulumi state unprotect <urn>` first.
 */
export class SignInApplication extends pulumi.ComponentResource {
    readonly clientId: pulumi.Output<string>;
    /** The application's resource id (`/applications/<object id>`), which client secrets attach to. */
    readonly applicationId: pulumi.Output<string>;

    constructor(name: string, args: SignInApplicationArgs, opts?: pulumi.ComponentResourceOptions) {
        super("logscale-dr:signin:SignInApplication", name, {}, opts);
        const child = { parent: this, protect: true };
        const deployer = azuread.getClientConfigOutput({ parent: this });
        const app = new azuread.Application(
            `${name}-application`,
            {
                displayName: args.displayName,
                signInAudience: "AzureADMyOrg",
                owners: [deployer.objectId],
                groupMembershipClaims: ["SecurityGroup"],
                web: { redirectUris: pulumi.all(args.hosts).apply(signInRedirectUris), implicitGrant: { accessTokenIssuanceEnabled: false, idTokenIssuanceEnabled: false } },
                requiredResourceAccesses: [
                    { resourceAppId: microsoftGraph, resourceAccesses: Object.values(graphScopes).map((id) => ({ id, type: "Scope" })) },
                ],
            },
            child,
        );
        new azuread.ServicePrincipal(`${name}-principal`, { clientId: app.clientId, owners: [deployer.objectId], appRoleAssignmentRequired: true }, child);
        this.clientId = app.clientId;
        this.applicationId = app.id;
        this.registerOutputs({ clientId: this.clientId });
    }
}

/** What LogScale needs to sign users in. */
export interface SignInClient {
    tenantId: pulumi.Input<string>;
    clientId: pulumi.Input<string>;
    clientSecret: pulumi.Output<string>;
}

/** When a client secret ends, and the keeper whose change replaces it (model/signIn.ts). */
export interface ClientSecretLifetime {
    endDate: string;
    rotateWhenChanged: Record<string, string>;
}

/**
 * This region's client secret on the (possibly peer-owned) application,
 * ending on `lifetime.endDate`; a new keeper replaces it (create before
 * delete, Pulumi's default for a replacement).
 */
export function signInClient(
    name: string,
    regionName: string,
    app: { applicationId: pulumi.Input<string>; clientId: pulumi.Input<string> },
    tenantId: pulumi.Input<string>,
    lifetime: ClientSecretLifetime,
): SignInClient {
    const password = new azuread.ApplicationPassword(name, {
        applicationId: app.applicationId,
        displayName: `LogScale ${regionName}`,
        endDate: lifetime.endDate,
        rotateWhenChanged: lifetime.rotateWhenChanged,
    });
    return { tenantId, clientId: app.clientId, clientSecret: pulumi.secret(password.value) };
}
