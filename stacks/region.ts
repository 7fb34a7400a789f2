// One region of the DR pair. Both stacks run this composition; their config
// decides what each becomes (DESIGN.md, "DR mode").
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as resources from "@pulumi/azure-native/resources";
import { StackConfig } from "./config";
import { AksCluster } from "../components/aks";
import { AppGateway } from "../components/appGateway";
import { healthProbePath } from "../components/drContract";
import { recoveryEnvVars } from "../components/drEnv";
import { FailoverFunction } from "../components/failoverFunction";
import { failoverTimeline } from "../components/failoverTimeline";
import { IngressExposure } from "../components/ingressController";
import { breakGlassSecrets, edgeCertificateSecret, RegionKeyVault } from "../components/keyVault";
import { LogScale } from "../components/logscale";
import { internalIngressIp, Network, regionSubnets } from "../components/network";
import { ingressControllerPools, nodePoolPlan } from "../components/nodePools";
import { regionParity } from "../components/parity";
import { Postgres } from "../components/postgres";
import { RedisCache } from "../components/redis";
import { SignInApplication, signInClient, SignInClient } from "../components/signIn";
import { LogStorage } from "../components/storage";
import { resourceTags } from "../components/tags";
import { endpointName, globalFqdn, GlobalTrafficManager, SecondaryEndpoint } from "../components/trafficManager";
import { containerScope, LogScaleIdentity } from "../components/workloadIdentity";
import { witnessContainer } from "../functions/failover/src/settings";

export async function deployRegion(config: StackConfig): Promise<Record<string, unknown>> {
    const tags = resourceTags(config);
    const peer = config.peer;
    if (config.dr === "standby" && config.drUseDedicatedRouting) {
        pulumi.log.warn(
            "dr=standby with drUseDedicatedRouting=true: after a failover the ingress selects UI and ingest pods that only exist after promotion; set drUseDedicatedRouting=false on the standby to serve from the recovery node at once.",
        );
    }
    if (config.postgres?.reprotect) {
        pulumi.log.warn("postgresReprotect=true: this region's PostgreSQL server is unprotected for this update and replaced if its lineage changed; unset postgresReprotect afterwards.");
    }
    const client = authorization.getClientConfigOutput();

    const group = new resources.ResourceGroup("region", {
        resourceGroupName: `${config.namePrefix}-logscale-${config.location}`,
        location: config.location,
        tags,
    });
    const subnets = regionSubnets(config);
    const net = new Network("network", { resourceGroupName: group.name, location: config.location, namePrefix: config.namePrefix, tags, subnets });
    /** Subnets a service firewall admits through their service endpoint. */
    const subnetsReaching = (service: string) => subnets.filter((s) => s.serviceEndpoints.includes(service)).map((s) => net.subnetIds[s.role]!);

    const store = new LogStorage("logs", {
        resourceGroupName: group.name,
        location: config.location,
        namePrefix: config.namePrefix,
        tags,
        allowedSubnetIds: subnetsReaching("Microsoft.Storage"),
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

    const identity = config.workloadIdentity
        ? new LogScaleIdentity("logscale-pods", {
              resourceGroupName: group.name,
              location: config.location,
              namePrefix: config.namePrefix,
              tags,
              oidcIssuerUrl: aks.oidcIssuerUrl,
              containerId: store.containerId,
              // The standby reads the primary's segments when it recovers; both stacks share a subscription.
              peerContainerId:
                  config.dr === "standby" && peer?.storage && peer.resourceGroup
                      ? client.subscriptionId.apply((sub) => containerScope(sub, peer.resourceGroup!, peer.storage!.accountName, peer.storage!.containerName))
                      : undefined,
          })
        : undefined;

    const signInOutputs: Record<string, unknown> = {};
    let signIn: SignInClient | undefined;
    if (config.entraSignIn) {
        // The owner is brought up first and again after its peer (DESIGN's bring-up order), so its redirect URIs end up covering both clusters.
        const app = config.manageGlobalDns
            ? new SignInApplication("sign-in", { displayName: `LogScale ${config.drPair}`, hosts: [fqdn, net.ingressFqdn, peer?.clusterFqdn ?? ""] })
            : peer!.signIn!;
        signIn = signInClient("sign-in-secret", config.location, app, client.tenantId);
        if (app instanceof SignInApplication) Object.assign(signInOutputs, { signInClientId: app.clientId, signInApplicationId: app.applicationId });
    }

    const ingressSubnet = ingressControllerPools(config.logscaleClusterType).includes("ingress") ? "ingress" : "system";
    const ingressExposure: IngressExposure =
        config.edge === "appGateway"
            ? { kind: "internal", subnetName: ingressSubnet, ip: internalIngressIp(ingressSubnet) }
            : { kind: "public", ipResourceGroup: group.name, ipName: net.ingressIpName };
    const logscale = new LogScale("logscale", {
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
        ingressExposure,
        storage: store,
        peerStorage: peer?.storage,
        signIn,
        workloadIdentityClientId: identity?.clientId,
    });

    const postgres = config.postgres
        ? new Postgres("postgres", {
              resourceGroupName: group.name,
              location: config.location,
              namePrefix: config.namePrefix,
              tags,
              tenantId: client.tenantId,
              settings: config.postgres,
              dr: config.dr,
              subnetId: net.subnetIds.postgres!,
              vnetId: net.vnetId,
          })
        : undefined;
    const cache = config.redis
        ? new RedisCache("redis", {
              resourceGroupName: group.name,
              location: config.location,
              namePrefix: config.namePrefix,
              tags,
              capacity: config.redis.capacity,
              endpointSubnetId: net.subnetIds.endpoints!,
              vnetId: net.vnetId,
              replicates: config.dr === "standby" ? peer?.redisCacheId : undefined,
          })
        : undefined;

    const breakGlass: Record<string, pulumi.Input<string>> = {
        [breakGlassSecrets.storageAccountKey]: store.accountKey,
        [breakGlassSecrets.storageEncryptionKey]: store.encryptionKey,
    };
    if (logscale.adminPassword) breakGlass[breakGlassSecrets.logscaleAdminPassword] = logscale.adminPassword;
    if (postgres?.adminPassword) breakGlass[breakGlassSecrets.postgresAdminPassword] = postgres.adminPassword;
    const vault = config.keyVault
        ? new RegionKeyVault("break-glass", {
              resourceGroupName: group.name,
              location: config.location,
              namePrefix: config.namePrefix,
              tenantId: client.tenantId,
              tags,
              allowedSubnetIds: subnetsReaching("Microsoft.KeyVault"),
              secrets: breakGlass,
          })
        : undefined;

    if (config.edge === "appGateway") {
        // config.ts made sure there is a vault when no certificate is given.
        const ownCertificate = config.appGatewayCertificateSecretId === "";
        new AppGateway("edge", {
            resourceGroupName: group.name,
            location: config.location,
            namePrefix: config.namePrefix,
            tags,
            publicIpId: net.ingressIpId,
            subnetId: net.subnetIds.appgateway!,
            backendIp: internalIngressIp(ingressSubnet),
            clusterFqdn: net.ingressFqdn,
            certificateSecretId: ownCertificate ? pulumi.interpolate`${vault!.vaultUri}secrets/${edgeCertificateSecret}` : config.appGatewayCertificateSecretId,
            keyVaultId: ownCertificate ? vault!.vaultId : undefined,
            subscriptionId: client.subscriptionId,
        });
    }

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
        parity: regionParity(config, subnets),
        ...signInOutputs,
    };
    if (vault) outputs.keyVaultName = vault.vaultName;
    if (postgres) outputs.postgresServerId = postgres.serverId;
    if (cache) outputs.redisCacheId = cache.cacheId;

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
            subnetId: net.subnetIds.functions!,
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
