// Azure built-in roles the program grants, and one way of granting them: a
// role assignment for one principal on the narrowest scope that works.
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";

export const builtInRoles = {
    networkContributor: "4d97b98b-1d4f-4787-a291-c67834d212e7",
    storageBlobDataOwner: "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
    storageBlobDataContributor: "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
    storageBlobDataReader: "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
    trafficManagerContributor: "a4b10055-b0c7-44c2-b00f-c7b5b3550cf7",
    aksClusterUser: "4abbcc35-e782-43d8-92c5-2d3f1bd2253f",
    aksRbacWriter: "a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb",
    keyVaultSecretsUser: "4633458b-17de-408a-b874-0445c86b69e6",
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
