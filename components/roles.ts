// Azure built-in roles the program grants, and one way of granting them: a
// role assignment for one principal on the narrowest scope that works.
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";

export const builtInRoles = {
    storageBlobDataOwner: "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
    storageBlobDataContributor: "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
    storageBlobDataReader: "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
    aksClusterUser: "4abbcc35-e782-43d8-92c5-2d3f1bd2253f",
    keyVaultSecretsUser: "4633458b-17de-408a-b874-0445c86b69e6",
    /** Manage DNS zones and record sets, not access to them (Microsoft Learn, "Azure built-in roles", DNS Zone Contributor). */
    dnsZoneContributor: "befefa01-2a29-4197-83a8-272ff33ce314",
} as const;

export type BuiltInRole = keyof typeof builtInRoles;

/**
 * Grants roles to one principal: `grant(id, scope, role)` creates the
 * assignment `<name>-<id>`. `role` is a built-in role or a role definition id.
 */
export function roleGranter(name: string, principalId: pulumi.Input<string>, parent: pulumi.Resource, dependsOn: pulumi.Input<pulumi.Resource>[] = []) {
    const subscriptionId = authorization.getClientConfigOutput({ parent }).subscriptionId;
    return (id: string, scope: pulumi.Input<string>, role: BuiltInRole | pulumi.Output<string>) =>
        new authorization.RoleAssignment(
            `${name}-${id}`,
            {
                scope,
                principalId,
                principalType: "ServicePrincipal",
                roleDefinitionId:
                    typeof role === "string" ? pulumi.interpolate`/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${builtInRoles[role]}` : role,
            },
            { parent, dependsOn },
        );
}

/** The resource group an Azure resource ID lies in (`/subscriptions/…/resourceGroups/<name>`). */
export function resourceGroupIdOf(resourceId: string): string {
    const m = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+/i.exec(resourceId);
    if (!m) throw new Error(`not a resource ID inside a resource group: ${resourceId}`);
    return m[0];
}

/**
 * A custom role with exactly `actions`, for assignment on one resource. A
 * custom role's assignable scopes are management groups, subscriptions or
 * resource groups, and it can then be assigned on any resource inside them
 * (Microsoft Learn, "Understand Azure role definitions", AssignableScopes):
 * defined on the resource's group, assigned on the resource only.
 */
export function customRole(name: string, a: { roleName: string; description: string; actions: string[]; resourceId: pulumi.Input<string> }, parent: pulumi.Resource): authorization.RoleDefinition {
    const group = pulumi.output(a.resourceId).apply(resourceGroupIdOf);
    return new authorization.RoleDefinition(name, { scope: group, roleName: a.roleName, description: a.description, permissions: [{ actions: a.actions }], assignableScopes: [group] }, { parent });
}
