// One region of the DR pair, wired from its plan: the composition both stacks
// run. What the DR mode decides is in the plan (model/regionPlan.ts); this
// file creates the components and connects their outputs.
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as resources from "@pulumi/azure-native/resources";
import * as k8s from "@pulumi/kubernetes/provider";
import * as core from "@pulumi/kubernetes/core/v1";
import { logscaleNamespace, StackOutputs } from "../contract";
import { LoadedStack } from "../config/load";
import { AksCluster } from "../components/aks";
import { AppGateway } from "../components/appGateway";
import { FailoverFunction } from "../components/failoverFunction";
import { HumioOperator } from "../components/humioOperator";
import { Dns01Identity, EdgeGateway, issuerKinds } from "../components/gateway";
import { Kafka } from "../components/kafka";
import { AuditLogs, auditCategories } from "../components/auditLogs";
import { appGatewayCertificateSecret, breakGlassSecrets, RegionKeyVault } from "../components/keyVault";
import { LogScale } from "../components/logscale";
import { gatewayName, listenerNames, LogScaleIngress } from "../components/logscaleIngress";
import { Network, SubnetRole } from "../components/network";
import { NetworkPolicies } from "../components/networkPolicies";
import { Postgres } from "../components/postgres";
import { RedisCache } from "../components/redis";
import { SignInApplication, signInClient, SignInClient } from "../components/signIn";
import { LogStorage } from "../components/storage";
import { GlobalTrafficManager, SecondaryEndpoint } from "../components/trafficManager";
import { containerScope, LogScaleIdentity } from "../components/workloadIdentity";
import { failoverPackageDir, failoverPackageProjectDir, failoverPackageVersion } from "../functions/failover/artifact";
import { RegionPlan } from "../model/regionPlan";
import { kafkaListenerPeers, loggingNetworkPolicies, podSecurityLabels } from "../model/clusterSecurity";
import { appGatewayFirewall } from "../model/edgeSecurity";
import { signInSecretLifetime } from "../model/signIn";

/** Stack outputs as the program registers them: values or outputs of resources. */
export type Exports = { [K in keyof StackOutputs]?: pulumi.Input<StackOutputs[K]> };

/**
 * Where the Kubernetes resources lived before the LogScale component was split
 * (a provider, the namespace, the ingress controller, Kafka, the operator and
 * the routing were its children): aliases keep their state, so the split
 * replaces nothing in a deployed stack.
 */
function underLogScaleComponent(): pulumi.Alias {
    return { parent: pulumi.createUrn("logscale", "logscale-dr:logscale:LogScale") };
}

/** The failover function's package, as `npm run build` left it for the current sources. */
function failoverPackage(): { version: string; dir: string } {
    const version = failoverPackageVersion();
    const dir = failoverPackageDir(version);
    if (!pulumi.runtime.isDryRun() && !fs.existsSync(dir)) {
        throw new pulumi.RunError(`the failover package ${path.relative(process.cwd(), dir)} is not built: run npm run build, then pulumi up again`);
    }
    return { version, dir: failoverPackageProjectDir(version) };
}

export async function deployRegion({ settings: s, license }: LoadedStack, plan: RegionPlan): Promise<Exports> {
    for (const warning of plan.warnings) pulumi.log.warn(warning);
    const tags = plan.tags;
    const client = authorization.getClientConfigOutput();

    const group = new resources.ResourceGroup("region", { resourceGroupName: `${s.namePrefix}-logscale-${s.location}`, location: s.location, tags });
    const net = new Network("network", { resourceGroupName: group.name, location: s.location, namePrefix: s.namePrefix, tags, subnets: plan.subnets });
    const subnetId = (role: SubnetRole) => {
        const id = net.subnetIds[role];
        if (!id) throw new Error(`the region plan has no ${role} subnet`);
        return id;
    };
    /** Subnets a service firewall admits through their service endpoint. */
    const subnetsReaching = (service: string) => plan.subnets.filter((p) => p.serviceEndpoints.includes(service)).map((p) => subnetId(p.role));

    const store = new LogStorage("logs", {
        resourceGroupName: group.name,
        location: s.location,
        namePrefix: s.namePrefix,
        tags,
        allowedSubnetIds: [...subnetsReaching("Microsoft.Storage"), ...plan.storageAllowedSubnetIds],
        allowedIps: plan.storageAllowedIps,
        ...plan.logStorage,
    });
    const aks = new AksCluster("aks", {
        resourceGroupName: group.name,
        location: s.location,
        namePrefix: s.namePrefix,
        tags,
        kubernetesVersion: s.kubernetesVersion,
        adminGroupObjectIds: s.aksAdminGroupObjectIds,
        subnetIds: net.subnetIds,
        vnetId: net.vnetId,
        ingressIpId: net.ingressIpId,
        authorizedIpRanges: plan.apiServerAuthorizedRanges,
        egressIp: net.egressIp,
        pools: plan.nodePools,
        availabilityZones: plan.availabilityZones,
        maintenance: plan.maintenance,
    });

    const peerContainer = plan.podIdentity?.peerContainer;
    const identity = plan.podIdentity
        ? new LogScaleIdentity("logscale-pods", {
              resourceGroupName: group.name,
              location: s.location,
              namePrefix: s.namePrefix,
              tags,
              oidcIssuerUrl: aks.oidcIssuerUrl,
              containerId: store.containerId,
              peerContainerId: peerContainer && client.subscriptionId.apply((sub) => containerScope(sub, peerContainer.resourceGroup, peerContainer.accountName, peerContainer.containerName)),
          })
        : undefined;

    const exports: Exports = {};
    let signIn: SignInClient | undefined;
    // Each region's client secret ends and is rotated on the days decided in code (model/signIn.ts).
    const signInSecret = signInSecretLifetime();
    if (plan.signIn?.kind === "owner") {
        const app = new SignInApplication("sign-in", { displayName: `LogScale ${s.drPair}`, hosts: [plan.globalFqdn, net.ingressFqdn, plan.signIn.peerClusterFqdn ?? ""] });
        signIn = signInClient("sign-in-secret", s.location, app, client.tenantId, signInSecret);
        Object.assign(exports, { signInClientId: app.clientId, signInApplicationId: app.applicationId });
    } else if (plan.signIn?.kind === "client") {
        signIn = signInClient("sign-in-secret", s.location, plan.signIn, client.tenantId, signInSecret);
    }

    // LogScale on the cluster.
    const formerlyUnderLogScale = underLogScaleComponent();
    const provider = new k8s.Provider("logscale-k8s", { kubeconfig: pulumi.secret(aks.kubeconfig), enableServerSideApply: true }, { dependsOn: aks.agentPools, aliases: [formerlyUnderLogScale] });
    const onCluster = { providers: [provider] };
    const namespace = new core.Namespace("logscale-namespace", { metadata: { name: logscaleNamespace, labels: { ...podSecurityLabels } } }, { provider, aliases: [formerlyUnderLogScale] });
    // Deny all ingress in the namespace but what LogScale, Kafka and their operators need (model/clusterSecurity.ts).
    new NetworkPolicies("logging-network-policies", { namespace: logscaleNamespace, policies: loggingNetworkPolicies() }, { ...onCluster, dependsOn: [namespace] });
    const { exposure, issuers, dnsZone } = plan.gateway;
    const dns01 = dnsZone
        ? new Dns01Identity("cert-manager-dns", { resourceGroupName: group.name, location: s.location, namePrefix: s.namePrefix, tags, oidcIssuerUrl: aks.oidcIssuerUrl, zone: dnsZone, subscriptionId: client.subscriptionId })
        : undefined;
    // The component was the ingress-nginx IngressController: the alias keeps cert-manager's release and the HTTP-01 issuer in place.
    const formerType = "logscale-dr:ingress:IngressController";
    const edge = new EdgeGateway(
        "ingress-controller",
        {
            exposure: exposure.kind === "internal" ? { kind: "internal", subnetName: exposure.subnet, ip: exposure.ip } : { kind: "public", ipResourceGroup: group.name, ipName: net.ingressIpName },
            proxies: plan.workloads.ingressController,
            acmeEmail: s.acmeEmail,
            issuers: issuerKinds(issuers),
            challenge: { gateway: gatewayName(s.namePrefix), namespace: logscaleNamespace, sectionName: listenerNames.http },
            dns01: dns01 && dnsZone ? { zone: dnsZone, subscriptionId: client.subscriptionId, clientId: dns01.clientId, ready: dns01.ready } : undefined,
        },
        { ...onCluster, aliases: [{ type: formerType }, { ...formerlyUnderLogScale, name: "logscale-edge", type: formerType }] },
    );
    const kafka = new Kafka(
        "logscale-kafka",
        { namespace: logscaleNamespace, namePrefix: s.namePrefix, brokers: plan.workloads.kafkaBrokers, listenerPeers: kafkaListenerPeers() },
        { ...onCluster, dependsOn: [namespace], aliases: [formerlyUnderLogScale] },
    );
    const operator = new HumioOperator("logscale-operator", { namespace: logscaleNamespace, standbyGate: plan.standbyGate }, { ...onCluster, dependsOn: [namespace], aliases: [formerlyUnderLogScale] });
    const logscale = new LogScale(
        "logscale",
        {
            namespace,
            license,
            storageKeys: { accountKey: store.accountKey, encryptionKey: store.encryptionKey },
            recoveryKeys: plan.recoveryKeys,
            signIn,
            workloadIdentityClientId: identity?.clientId,
            cluster: {
                ...plan.logscale,
                image: s.logscaleImage,
                location: s.location,
                publicHostname: plan.globalFqdn,
                signInSecretRotatedOn: signIn ? signInSecret.rotatedOn : undefined,
                storage: { accountName: store.accountName, containerName: store.containerName, blobEndpoint: store.blobEndpoint, objectKeyPrefix: store.objectKeyPrefix },
            },
            clusterDependsOn: [...operator.ready, kafka.cluster, edge.certManager],
        },
        onCluster,
    );
    new LogScaleIngress(
        "logscale-ingress",
        {
            namespace: logscaleNamespace,
            namePrefix: s.namePrefix,
            selectors: plan.ingressSelectors,
            clusterName: plan.logscale.name,
            hosts: { cluster: net.ingressFqdn, global: plan.globalFqdn },
            globalHost: plan.globalFqdn,
            issuers,
            gatewayClassName: edge.gatewayClassName,
        },
        { ...onCluster, dependsOn: [...edge.ready, namespace], aliases: [formerlyUnderLogScale] },
    );

    const postgres = plan.postgres
        ? new Postgres("postgres", {
              resourceGroupName: group.name,
              location: s.location,
              namePrefix: s.namePrefix,
              tags,
              tenantId: client.tenantId,
              ...plan.postgres,
              subnetId: subnetId("postgres"),
              vnetId: net.vnetId,
          })
        : undefined;
    const cache = plan.redis
        ? new RedisCache("redis", {
              resourceGroupName: group.name,
              location: s.location,
              namePrefix: s.namePrefix,
              tags,
              capacity: plan.redis.capacity,
              endpointSubnetId: subnetId("endpoints"),
              vnetId: net.vnetId,
              replicates: plan.redis.replicates,
          })
        : undefined;

    const breakGlass: Record<string, pulumi.Input<string>> = {
        [breakGlassSecrets.storageAccountKey]: store.accountKey,
        [breakGlassSecrets.storageEncryptionKey]: store.encryptionKey,
    };
    if (logscale.adminPassword) breakGlass[breakGlassSecrets.logscaleAdminPassword] = logscale.adminPassword;
    if (postgres?.adminPassword) breakGlass[breakGlassSecrets.postgresAdminPassword] = postgres.adminPassword;
    const vault = s.keyVault
        ? new RegionKeyVault("break-glass", {
              resourceGroupName: group.name,
              location: s.location,
              namePrefix: s.namePrefix,
              tenantId: client.tenantId,
              tags,
              allowedSubnetIds: subnetsReaching("Microsoft.KeyVault"),
              secrets: breakGlass,
          })
        : undefined;

    const audit = new AuditLogs("audit", { resourceGroupName: group.name, location: s.location, namePrefix: s.namePrefix, tags });
    audit.audit("aks-audit", aks.clusterId, auditCategories.aks);
    if (vault) audit.audit("break-glass-audit", vault.vaultId, auditCategories.keyVault);

    if (plan.appGateway) {
        const certificate = plan.appGateway.certificate;
        // The config rules made sure there is a vault when the certificate is to be in it.
        const certificateVault = certificate.inVault ? vault : undefined;
        new AppGateway(
            "appgw",
            {
                resourceGroupName: group.name,
                location: s.location,
                namePrefix: s.namePrefix,
                tags,
                publicIpId: net.ingressIpId,
                subnetId: subnetId("appgateway"),
                backendIp: plan.appGateway.backendIp,
                clusterFqdn: net.ingressFqdn,
                certificateSecretId: certificate.inVault ? pulumi.interpolate`${certificateVault?.vaultUri}secrets/${appGatewayCertificateSecret}` : certificate.secretId,
                certificateVault: certificateVault ? { vaultId: certificateVault.vaultId, secretName: appGatewayCertificateSecret } : undefined,
                subscriptionId: client.subscriptionId,
                // The per-URI ingest policy admits only the names LogScale answers to.
                firewall: appGatewayFirewall([net.ingressFqdn, plan.globalFqdn]),
            },
            // It was named "edge" (a word that also meant the config key and the ingress controller).
            { aliases: [{ name: "edge", type: "logscale-dr:edge:AppGateway" }] },
        );
    }

    Object.assign(exports, {
        location: s.location,
        namePrefix: s.namePrefix,
        storageAccountName: store.accountName,
        storageAccountId: store.accountId,
        storageContainerName: store.containerName,
        storageBlobEndpoint: store.blobEndpoint,
        storageObjectKeyPrefix: store.objectKeyPrefix,
        storageAccountKey: pulumi.secret(store.accountKey),
        recoveryAccountKey: pulumi.secret(store.recoveryAccountKey),
        storageEncryptionKey: pulumi.secret(store.encryptionKey),
        egressIp: net.egressIp,
        storageSubnetIds: pulumi.all(subnetsReaching("Microsoft.Storage")),
        clusterFqdn: net.ingressFqdn,
        aksClusterName: aks.clusterName,
        aksResourceGroup: group.name,
        parity: plan.outputs.parity,
    } satisfies Exports);
    if (vault) exports.keyVaultName = vault.vaultName;
    if (postgres) exports.postgresServerId = postgres.serverId;
    if (cache) exports.redisCacheId = cache.cacheId;

    let ownProfileId: pulumi.Output<string> | undefined;
    const tm = plan.trafficManager;
    if (tm.kind === "owner") {
        const profile = new GlobalTrafficManager("global-dns", {
            resourceGroupName: group.name,
            namePrefix: s.namePrefix,
            relativeName: tm.relativeName,
            fqdn: plan.globalFqdn,
            ttlSeconds: tm.ttlSeconds,
            probe: tm.probe,
            dnsZone: tm.dnsZone,
            clusterFqdn: net.ingressFqdn,
            tags,
        });
        ownProfileId = profile.profileId;
        Object.assign(exports, {
            trafficManagerProfileId: profile.profileId,
            trafficManagerProfileName: profile.profileName,
            trafficManagerResourceGroup: group.name,
            globalFqdn: profile.fqdn,
            primaryEndpointName: profile.primaryEndpointName,
        } satisfies Exports);
    } else if (tm.kind === "secondary") {
        new SecondaryEndpoint("secondary-endpoint", { namePrefix: s.namePrefix, profileName: tm.profileName, resourceGroupName: tm.resourceGroup, clusterFqdn: net.ingressFqdn });
    }

    if (plan.failover) {
        const watched = plan.failover.watched;
        const profileId = watched.profile.own ? ownProfileId : watched.profile.profileId;
        if (!profileId) throw new Error("the region plan watches an endpoint on a profile this stack does not own");
        new FailoverFunction(
            "failover",
            {
                resourceGroupName: group.name,
                location: s.location,
                namePrefix: s.namePrefix,
                tags,
                subnetId: subnetId("functions"),
                witness: { containerId: store.witnessContainerId, blobEndpoint: store.blobEndpoint },
                clusterId: aks.clusterId,
                coldAgentPoolIds: aks.stoppedPoolIds,
                operatorNamespace: namespace.metadata.name,
                watched: { profileId, endpointName: watched.endpointName, healthUrl: watched.healthUrl },
                policy: plan.failover.policy,
                alert: plan.failover.alert,
                notification: plan.failover.notification,
                deployerIpRanges: plan.failover.deployerIpRanges,
                package: failoverPackage(),
            },
            // Its Role and RoleBinding on the operator are made on this cluster.
            onCluster,
        );
    }
    if (plan.outputs.failoverTimeline) exports.failoverTimeline = plan.outputs.failoverTimeline;
    if (plan.failover && aks.stoppedPoolIds.length) exports.coldAgentPoolIds = pulumi.all(aks.stoppedPoolIds);
    if (plan.outputs.reverseRecoveryEnvVars) exports.reverseRecoveryEnvVars = pulumi.secret(plan.outputs.reverseRecoveryEnvVars);
    return exports;
}
