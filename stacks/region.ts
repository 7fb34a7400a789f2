// One region of the DR pair. Both stacks run this composition; their config
// decides what each becomes (DESIGN.md, "DR mode").
import * as pulumi from "@pulumi/pulumi";
import * as resources from "@pulumi/azure-native/resources";
import { StackConfig } from "./config";
import { AksCluster } from "../components/aks";
import { recoveryEnvVars } from "../components/drEnv";
import { FailoverFunction } from "../components/failoverFunction";
import { failoverTimeline } from "../components/failoverTimeline";
import { LogScale } from "../components/logscale";
import { Network } from "../components/network";
import { clusterTypePools, ingressControllerPools, nodePoolPlan } from "../components/nodePools";
import { LogStorage } from "../components/storage";
import { witnessContainer } from "../functions/failover/src/settings";
import { resourceTags } from "../components/tags";
import { healthProbePath } from "../components/drContract";
import { endpointName, globalFqdn, GlobalTrafficManager, SecondaryEndpoint } from "../components/trafficManager";

export async function deployRegion(config: StackConfig): Promise<Record<string, unknown>> {
    const tags = resourceTags(config);
    const peer = config.peer;
    if (config.dr === "standby" && config.drUseDedicatedRouting) {
        pulumi.log.warn(
            "dr=standby with drUseDedicatedRouting=true: after a failover the ingress selects UI and ingest pods that only exist after promotion; set drUseDedicatedRouting=false on the standby to serve from the recovery node at once.",
        );
    }

    const group = new resources.ResourceGroup("region", {
        resourceGroupName: `${config.namePrefix}-logscale-${config.location}`,
        location: config.location,
        tags,
    });
    const net = new Network("network", {
        resourceGroupName: group.name,
        location: config.location,
        namePrefix: config.namePrefix,
        tags,
        pools: clusterTypePools(config.logscaleClusterType),
        ingressPools: ingressControllerPools(config.logscaleClusterType),
    });
    const store = new LogStorage("logs", {
        resourceGroupName: group.name,
        location: config.location,
        namePrefix: config.namePrefix,
        tags,
        allowedSubnetIds: [...Object.values(net.subnetIds), net.functionsSubnetId],
        allowedIps: peer?.egressIp ? [peer.egressIp] : [],
    });
    const aks = new AksCluster("aks", {
        resourceGroupName: group.name,
        resourceGroupId: group.id,
        location: config.location,
        namePrefix: config.namePrefix,
        tags,
        kubernetesVersion: config.kubernetesVersion,
        adminGroupObjectIds: config.aksAdminGroupObjectIds,
        subnetIds: net.subnetIds,
        pools: nodePoolPlan(config.logscaleClusterType, config.logscaleClusterSize, config.dr, config.failover.standbyTier),
    });
    const fqdn = globalFqdn(config);
    new LogScale("logscale", {
        kubeconfig: aks.kubeconfig,
        clusterReady: aks.agentPools,
        namePrefix: config.namePrefix,
        location: config.location,
        dr: config.dr,
        drUseDedicatedRouting: config.drUseDedicatedRouting,
        drPreserveRecoveryEnv: config.drPreserveRecoveryEnv,
        clusterType: config.logscaleClusterType,
        clusterSize: config.logscaleClusterSize,
        image: config.logscaleImage,
        license: config.logscaleLicense,
        acmeEmail: config.acmeEmail,
        globalFqdn: fqdn,
        clusterFqdn: net.ingressFqdn,
        ingressIp: { resourceGroupName: group.name, name: net.ingressIpName },
        storage: store,
        peerStorage: peer?.storage,
    });

    const outputs: Record<string, unknown> = {
        location: config.location,
        namePrefix: config.namePrefix,
        storageAccountName: store.accountName,
        storageContainerName: store.containerName,
        storageBlobEndpoint: store.blobEndpoint,
        storageObjectKeyPrefix: store.objectKeyPrefix,
        storageAccountKey: pulumi.secret(store.accountKey),
        storageEncryptionKey: pulumi.secret(store.encryptionKey),
        egressIp: net.egressIp,
        clusterFqdn: net.ingressFqdn,
        aksClusterName: aks.clusterName,
        aksResourceGroup: group.name,
    };

    let ownProfileId: pulumi.Output<string> | undefined;
    if (config.manageGlobalDns) {
        const tm = new GlobalTrafficManager("global-dns", { settings: config, resourceGroupName: group.name, clusterFqdn: net.ingressFqdn, tags });
        ownProfileId = tm.profileId;
        Object.assign(outputs, {
            trafficManagerProfileId: tm.profileId,
            trafficManagerProfileName: tm.profileName,
            trafficManagerResourceGroup: group.name,
            globalFqdn: tm.fqdn,
            primaryEndpointName: tm.primaryEndpointName,
        });
    } else if (peer?.trafficManager) {
        // Tied to manageGlobalDns and the peer's profile only, never to `dr`: promotion keeps it.
        new SecondaryEndpoint("secondary-endpoint", {
            namePrefix: config.namePrefix,
            profileName: peer.trafficManager.profileName,
            resourceGroupName: peer.trafficManager.resourceGroup,
            clusterFqdn: net.ingressFqdn,
        });
    }

    if (config.dr === "standby") {
        // config.ts made sure the peer exports what a standby watches and recovers from.
        const healthUrl = `https://${peer!.clusterFqdn}${healthProbePath}`;
        const watched = ownProfileId
            ? { profileId: ownProfileId, endpointName: endpointName(peer!.namePrefix!, "secondary"), healthUrl }
            : { profileId: peer!.trafficManager!.profileId, endpointName: peer!.trafficManager!.primaryEndpointName!, healthUrl };
        new FailoverFunction("failover", {
            settings: config,
            resourceGroupName: group.name,
            tags,
            subnetId: net.functionsSubnetId,
            witness: { containerId: store.witnessContainerId, blobEndpoint: store.blobEndpoint, containerName: witnessContainer },
            cluster: { id: aks.clusterId },
            coldAgentPoolIds: aks.stoppedPoolIds,
            watched,
        });
        outputs.failoverTimeline = failoverTimeline(config);
    }

    if (config.dr !== "standby" && peer?.storage) {
        // Failback: cold-start this region from the peer's newest snapshot (DESIGN: reverseRecoveryEnvVars).
        outputs.reverseRecoveryEnvVars = pulumi.secret(recoveryEnvVars(peer.storage, config.location));
    }
    return outputs;
}
