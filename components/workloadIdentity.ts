// The identity LogScale's pods run as: a user-assigned identity federated
// with the cluster's OIDC issuer for LogScale's Kubernetes service account,
// with blob access to its own container and, on a standby, read access to the
// peer's (the standby reads the primary's segments when it recovers).
import * as pulumi from "@pulumi/pulumi";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import { logscaleNamespace, logscaleServiceAccount } from "../contract";
import { roleGranter } from "./roles";
import { placement, PlacementArgs } from "./placement";

/** The token audience Entra ID accepts from Kubernetes service accounts. */
export const tokenExchangeAudience = "api://AzureADTokenExchange";

export function federatedSubject(namespace: string, serviceAccount: string): string {
    return `system:serviceaccount:${namespace}:${serviceAccount}`;
}

/** A blob container's resource id, from the parts a stack exports. */
export function containerScope(subscriptionId: string, resourceGroup: string, accountName: string, containerName: string): string {
    return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Storage/storageAccounts/${accountName}/blobServices/default/containers/${containerName}`;
}

export interface LogScaleIdentityArgs extends PlacementArgs {
    oidcIssuerUrl: pulumi.Input<string>;
    containerId: pulumi.Input<string>;
    /** The peer's container: granted read access while this region is a standby. */
    peerContainerId?: pulumi.Input<string>;
}

export class LogScaleIdentity extends pulumi.ComponentResource {
    readonly clientId: pulumi.Output<string>;
    readonly principalId: pulumi.Output<string>;

    constructor(name: string, args: LogScaleIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
        super("logscale-dr:identity:LogScaleIdentity", name, {}, opts);
        const child = { parent: this };
        const identity = new managedidentity.UserAssignedIdentity(
            `${name}-identity`,
            { ...placement(args), resourceName: `${args.namePrefix}-logscale` },
            child,
        );
        new managedidentity.FederatedIdentityCredential(
            `${name}-federation`,
            {
                resourceGroupName: args.resourceGroupName,
                resourceName: identity.name,
                federatedIdentityCredentialResourceName: "logscale-service-account",
                issuer: args.oidcIssuerUrl,
                subject: federatedSubject(logscaleNamespace, logscaleServiceAccount),
                audiences: [tokenExchangeAudience],
            },
            child,
        );
        const grant = roleGranter(name, identity.principalId, this);
        grant("own-container", args.containerId, "storageBlobDataContributor");
        if (args.peerContainerId) grant("peer-container", args.peerContainerId, "storageBlobDataReader");

        this.clientId = identity.clientId;
        this.principalId = identity.principalId;
        this.registerOutputs({ clientId: this.clientId });
    }
}
