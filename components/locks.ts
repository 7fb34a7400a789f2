// CanNotDelete locks on what holds data. Pulumi's `protect` stops only Pulumi;
// a lock stops every delete request for the resource and for the resource
// group around it, from the portal, the CLI or a script (Microsoft Learn,
// "Lock your resources to protect your infrastructure"). Removing a lock needs
// Microsoft.Authorization/locks/delete (Owner or User Access Administrator).
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";

export function lockAgainstDeletion(name: string, scope: pulumi.Input<string>, holds: string, opts: pulumi.CustomResourceOptions): authorization.ManagementLockByScope {
    return new authorization.ManagementLockByScope(`${name}-lock`, { scope, lockName: "do-not-delete", level: "CanNotDelete", notes: `Holds data: ${holds}. Remove this lock only to retire the region.` }, opts);
}
