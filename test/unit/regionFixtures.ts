// Settings and peers for the region plan's unit tests: parsed from raw config
// as the program parses it, and peers built from outputs a deployed stack
// exports. No renders.
import { StackOutputs } from "../../contract";
import { StackSettings } from "../../config/keys";
import { parseStackSettings, RawConfig } from "../../config/parse";
import { DeployedPeer, Peer, peerFromOutputs } from "../../config/peer";
import { regionSubnets } from "../../model/network";
import { regionParity } from "../../model/parity";

/** A secondary-like region: the shipped secondary's shape, standby unless told. */
export const secondaryRaw: RawConfig = {
    dr: "standby",
    drUseDedicatedRouting: "false",
    peerStack: "acme/logscale-dr/primary",
    namePrefix: "lsdr-sec",
    drPair: "acme-logscale",
    logscaleClusterType: "advanced",
    globalHostname: "logscale",
    dnsZone: "logs.example.com",
    dnsZoneResourceGroup: "dns-global",
    postgres: "true",
    postgresReplicaOf: "/subscriptions/s/resourceGroups/lsdr-pri-logscale-eastus/providers/Microsoft.DBforPostgreSQL/flexibleServers/lsdr-pri-pg",
    redis: "true",
    deployerIpRanges: '["20.30.40.0/24"]',
};

export function settings(raw: RawConfig = {}): StackSettings {
    return parseStackSettings({ ...secondaryRaw, ...raw }, { project: "logscale-dr", stack: "secondary", location: "westus" });
}

/** The outputs of a deployed primary that owns global DNS and runs the data tier, at the parity of `like`. */
export function primaryOutputs(like: StackSettings, over: Partial<StackOutputs> = {}): StackOutputs {
    return {
        location: "eastus",
        namePrefix: "lsdr-pri",
        storageAccountName: "lsdrprilogsabc123",
        storageAccountId: "/subscriptions/s/resourceGroups/lsdr-pri-logscale-eastus/providers/Microsoft.Storage/storageAccounts/lsdrprilogsabc123",
        storageContainerName: "logscale-data",
        storageBlobEndpoint: "https://lsdrprilogsabc123.blob.core.windows.net/",
        storageObjectKeyPrefix: "lsdr-pri/",
        storageAccountKey: "primary-account-key",
        recoveryAccountKey: "primary-recovery-key",
        storageEncryptionKey: "primary-encryption-key",
        egressIp: "20.1.2.3",
        storageSubnetIds: ["system", "kafka", "digest"].map((n) => `/subscriptions/s/resourceGroups/lsdr-pri-logscale-eastus/providers/Microsoft.Network/virtualNetworks/lsdr-pri-vnet/subnets/${n}`),
        clusterFqdn: "lsdr-pri-logscale.eastus.cloudapp.azure.com",
        aksClusterName: "lsdr-pri-aks",
        aksResourceGroup: "lsdr-pri-logscale-eastus",
        parity: regionParity(like, regionSubnets(like)),
        postgresServerId: String(secondaryRaw.postgresReplicaOf),
        redisCacheId: "/subscriptions/s/resourceGroups/lsdr-pri-logscale-eastus/providers/Microsoft.Cache/Redis/lsdrpriredisabc123",
        trafficManagerProfileId: "/subscriptions/s/resourceGroups/lsdr-pri-logscale-eastus/providers/Microsoft.Network/trafficManagerProfiles/lsdr-pri-global",
        trafficManagerProfileName: "lsdr-pri-global",
        trafficManagerResourceGroup: "lsdr-pri-logscale-eastus",
        globalFqdn: "logscale.logs.example.com",
        primaryEndpointName: "lsdr-pri-primary",
        signInClientId: "client-1",
        signInApplicationId: "/applications/app-1",
        ...over,
    };
}

export function deployedPeer(like: StackSettings, over: Partial<StackOutputs> = {}): DeployedPeer {
    const outputs = primaryOutputs(like, over);
    const peer = peerFromOutputs("acme/logscale-dr/primary", outputs, (n) => String(outputs[n]));
    if (peer.kind !== "deployed") throw new Error(`the fixture peer is ${peer.kind}`);
    return peer;
}

export const noPeer: Peer = { kind: "none" };
