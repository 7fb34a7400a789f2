// The other region's stack, as this stack sees it through its one
// StackReference: not configured, named but not (fully) deployed, or
// deployed with every output a deployed stack exports.
import * as pulumi from "@pulumi/pulumi";
import { deployedStackOutputNames, Parity, StackOutputName, stackOutputNames, StackOutputs } from "../contract";

/** The peer region's bucket and keys, as its stack exports them. */
export interface PeerStorage {
    location: string;
    accountName: string;
    containerName: string;
    blobEndpoint: string;
    objectKeyPrefix: string;
    accountKey: pulumi.Input<string>;
    encryptionKey: pulumi.Input<string>;
}

/** The peer's Traffic Manager profile, where the peer manages global DNS. */
export interface PeerTrafficManager {
    profileId: string;
    profileName: string;
    resourceGroup: string;
    primaryEndpointName: string;
}

export interface DeployedPeer {
    kind: "deployed";
    /** The stack reference: peerStack, fully qualified. */
    name: string;
    location: string;
    namePrefix: string;
    egressIp: string;
    /** The peer's subnets with the Microsoft.Storage service endpoint, which this region's storage firewall admits. */
    storageSubnetIds: string[];
    clusterFqdn: string;
    /** The peer's region resource group: its storage account and cluster live there. */
    resourceGroup: string;
    storage: PeerStorage;
    parity: Parity;
    trafficManager?: PeerTrafficManager;
    postgresServerId?: string;
    redisCacheId?: string;
    signIn?: { clientId: string; applicationId: string };
}

/** The stack a `peerStack` value names: its last segment (stack, org/stack or org/project/stack). */
export function stackNameOf(reference: string): string {
    return reference.split("/").pop() ?? reference;
}

/**
 * The fully qualified name (org/project/stack) of the stack a `peerStack`
 * value names, in any form the Pulumi CLI takes (stack, org/stack,
 * org/project/stack; pulumi/pulumi pkg/backend/diy/store.go, ParseReference),
 * with what it leaves out taken from this stack. Resolved here, not by the
 * backend: Pulumi Cloud fills in a missing organization with the user's
 * default one, not this stack's (pkg/backend/httpstate/backend.go,
 * ParseStackReference).
 */
export function qualifiedStackName(reference: string, here: { organization(): string; project: string }): string {
    const parts = reference.split("/");
    if (parts.length === 3) return reference;
    return parts.length === 2 ? `${parts[0]}/${here.project}/${parts[1]}` : `${here.organization()}/${here.project}/${reference}`;
}

export type Peer = { kind: "none" } | { kind: "pending"; name: string; missing: StackOutputName[] } | DeployedPeer;

/**
 * The peer from its exported values. `secretOutput` gives a secret output
 * (the storage keys) as this program holds it.
 */
export function peerFromOutputs(name: string, values: Partial<Record<StackOutputName, unknown>>, secretOutput: (output: "recoveryAccountKey" | "storageEncryptionKey") => pulumi.Input<string>): Peer {
    const missing = deployedStackOutputNames.filter((n) => values[n] === undefined);
    if (missing.length) return { kind: "pending", name, missing };
    const o = values as StackOutputs;
    const peer: DeployedPeer = {
        kind: "deployed",
        name,
        location: o.location,
        namePrefix: o.namePrefix,
        egressIp: o.egressIp,
        storageSubnetIds: o.storageSubnetIds,
        clusterFqdn: o.clusterFqdn,
        resourceGroup: o.aksResourceGroup,
        storage: {
            location: o.location,
            accountName: o.storageAccountName,
            containerName: o.storageContainerName,
            blobEndpoint: o.storageBlobEndpoint,
            objectKeyPrefix: o.storageObjectKeyPrefix,
            accountKey: secretOutput("recoveryAccountKey"),
            encryptionKey: secretOutput("storageEncryptionKey"),
        },
        parity: o.parity,
    };
    if (o.trafficManagerProfileId && o.trafficManagerProfileName && o.trafficManagerResourceGroup && o.primaryEndpointName) {
        peer.trafficManager = { profileId: o.trafficManagerProfileId, profileName: o.trafficManagerProfileName, resourceGroup: o.trafficManagerResourceGroup, primaryEndpointName: o.primaryEndpointName };
    }
    if (o.postgresServerId) peer.postgresServerId = o.postgresServerId;
    if (o.redisCacheId) peer.redisCacheId = o.redisCacheId;
    if (o.signInClientId && o.signInApplicationId) peer.signIn = { clientId: o.signInClientId, applicationId: o.signInApplicationId };
    return peer;
}

/** Read the peer stack's outputs through a StackReference (resource name "peer"). */
export async function readPeer(name: string): Promise<Peer> {
    if (!name) return { kind: "none" };
    const ref = new pulumi.StackReference("peer", { name });
    const details = await Promise.all(stackOutputNames.map((n) => ref.getOutputDetails(n)));
    const values = Object.fromEntries(stackOutputNames.map((n, i) => [n, details[i].value ?? details[i].secretValue]));
    return peerFromOutputs(name, values, (n) => pulumi.secret(ref.requireOutput(n) as pulumi.Output<string>));
}
