// One region of the DR pair, decided: everything the DR mode changes — node
// pools and their power state, the operator's standby gate, the HumioCluster's
// counts and DR variables, Traffic Manager, routing selectors, the data tier's
// replication, the pod identity's peer grant, the recovery-source secret, the
// failover function, and the mode-dependent outputs. Pure, and the only
// module that branches on `dr`; docs/design.md's DR-mode table is checked
// against it row by row.
import { dataRecoveryDays, logStorageSku, poolZones } from "./zones";
import { DedicatedRole, endpointName, EnvVar, FailoverTimeline, healthProbePath, logscaleClusterName, logscaleNodePool, logscalePodLabels, Parity, PoolRole } from "../contract";
import { StackSettings } from "../config/keys";
import { DeployedPeer, Peer } from "../config/peer";
import { ConfigError } from "../config/problem";
import { pairedRegion } from "../config/regions";
import { peerProblems } from "../config/rules";
import { maintenanceSchedule, MaintenanceSchedule, NodePlan } from "../components/aks";
import { FailoverNotification, FailoverPolicy } from "../components/failoverFunction";
import { HumioClusterInputs } from "../components/humioCluster";
import { IssuerKind } from "../components/gateway";
import { HostRole, IngressSelectors } from "../components/logscaleIngress";
import { SubnetPlan } from "../components/network";
import { PostgresServerPlan } from "../components/postgres";
import { Tags } from "../components/placement";
import { ProbeSettings } from "../components/trafficManager";
import { failoverTimeline } from "./failoverTimeline";
import { internalIngressIp, regionSubnets } from "./network";
import { compareParity, parityProblem, regionParity } from "./parity";
import { postgresProblems, postgresServerPlan } from "./postgres";
import { recoveryEnvVars } from "./recovery";
import { clusterSizeSpec, ClusterSizeSpec, dedicatedRoles, ingressControllerPools, productionNodePools } from "./sizing";
import { resourceTags } from "./tags";

/** The pools a standby keeps: enough to hold Kafka and recover one digest node. */
export const standbyNodePools: readonly PoolRole[] = ["system", "kafka", "digest"];

/** Where clients reach the watched endpoint's region, and which endpoint the failover function disables. */
export interface WatchedPeer {
    /** The endpoint is on this region's own profile (it owns global DNS), or on the peer's. */
    profile: { own: true } | { own: false; profileId: string };
    endpointName: string;
    /** The peer's own health URL, probed directly before failing over. */
    healthUrl: string;
}

export interface RegionPlan {
    /** Things people should know before they apply, as `pulumi preview` diagnostics. */
    warnings: string[];
    tags: Tags;
    /** The name clients use. */
    globalFqdn: string;
    subnets: SubnetPlan[];
    nodePools: NodePlan[];
    /** Who may reach the AKS API server beside the region's own egress IP: the deployers' public ranges, as CIDRs. */
    apiServerAuthorizedRanges: string[];
    /** Zones the node pools spread over: none in a region without availability zones. */
    availabilityZones: string[];
    /** LogScale's bucket: its redundancy and how long deleted data stays recoverable. */
    logStorage: { sku: string; recoveryDays: number };
    /** The cluster's maintenance windows: never the peer region's. */
    maintenance: MaintenanceSchedule;
    /** IPs the storage firewall admits beside the subnets: the peer's egress. */
    storageAllowedIps: string[];
    /** The peer's subnets the storage firewall admits beside this region's own: its requests arrive through their service endpoint. */
    storageAllowedSubnetIds: string[];
    /** Hold the humio-operator at zero replicas. */
    standbyGate: boolean;
    /** Kafka's brokers and the ingress controller's pods, at the cluster size. */
    workloads: Pick<ClusterSizeSpec, "kafkaBrokers" | "ingressController">;
    /** The HumioCluster's name, DR mode, pools, replication and DR variables. */
    logscale: Pick<HumioClusterInputs, "name" | "drMode" | "digest" | "dedicated" | "targetReplicationFactor" | "drEnv">;
    /** The peer's keys, as the recovery-source secret, where the recovery variables read them: a standby's, or a promoted standby's (drPreserveRecoveryEnv). */
    recoveryKeys?: DeployedPeer["storage"];
    ingressSelectors: IngressSelectors;
    /** Envoy Gateway's proxies on the region's public IP, or on an internal load balancer behind the Application Gateway; and who issues each host's certificate. */
    gateway: { exposure: { kind: "public" } | { kind: "internal"; subnet: PoolRole; ip: string } } & CertificateIssuers;
    appGateway?: { backendIp: string; certificate: { inVault: true } | { inVault: false; secretId: string } };
    trafficManager:
        | { kind: "owner"; relativeName: string; ttlSeconds: number; probe: ProbeSettings; dnsZone?: { name: string; resourceGroupName: string } }
        | { kind: "secondary"; profileName: string; resourceGroup: string }
        | { kind: "none" };
    /** The pod identity, and its read access to the peer's container while this region is a standby. */
    podIdentity?: { peerContainer?: { resourceGroup: string; accountName: string; containerName: string } };
    signIn?: { kind: "owner"; peerClusterFqdn?: string } | { kind: "client"; clientId: string; applicationId: string };
    postgres?: { server: PostgresServerPlan; sku: string; storageGb: number; version: string };
    redis?: { capacity: number; replicates?: string };
    failover?: {
        watched: WatchedPeer;
        policy: FailoverPolicy;
        alert: { frequency: string; window: string };
        notification: FailoverNotification;
        deployerIpRanges: string[];
    };
    /** The outputs whose presence the mode decides, beside what every stack exports. */
    outputs: { parity: Parity; failoverTimeline?: FailoverTimeline; reverseRecoveryEnvVars?: EnvVar[] };
}

/** The name clients use: a record in the DNS zone, or the Traffic Manager name itself. */
export function globalFqdn(s: Pick<StackSettings, "globalHostname" | "dnsZone">): string {
    return s.dnsZone ? `${s.globalHostname}.${s.dnsZone}` : `${s.globalHostname}.trafficmanager.net`;
}

/** Who issues each host name's certificate, and the zone DNS-01 writes in when it is used. */
export interface CertificateIssuers {
    issuers: Record<HostRole, IssuerKind>;
    dnsZone?: { name: string; resourceGroupName: string };
}

/**
 * The cluster's own name is under Azure's cloudapp.azure.com, whose DNS only
 * Azure writes: HTTP-01. The global name is issued by DNS-01 in its Azure DNS
 * zone, so both regions hold a certificate for it before any failover. Without
 * a zone it is `<globalHostname>.trafficmanager.net`, whose DNS is Traffic
 * Manager's: HTTP-01 is all there is, and only the region Traffic Manager
 * routes to can pass it (docs/design.md, "Certificates").
 */
export function certificateIssuers(s: Pick<StackSettings, "dnsZone" | "dnsZoneResourceGroup">): CertificateIssuers {
    return s.dnsZone
        ? { issuers: { cluster: "http01", global: "dns01" }, dnsZone: { name: s.dnsZone, resourceGroupName: s.dnsZoneResourceGroup } }
        : { issuers: { cluster: "http01", global: "http01" } };
}

/** Why this region cannot be decided with this peer: the peer rules, and on a standby any drift from the peer nobody allowed. */
export function regionProblems(s: StackSettings, peer: Peer, parity = regionParity(s, regionSubnets(s))): string[] {
    const problems = [...peerProblems(s, peer), ...postgresProblems(s, s.dr === "standby")];
    if (s.dr === "standby" && peer.kind === "deployed") {
        const rows = compareParity(parity, peer.parity, s.allowParityDrift);
        const drift = parityProblem(rows, s.allowParityDrift, s.stack, s.peerStack);
        if (drift) problems.push(drift);
    }
    return problems;
}

/** Decide the region; a peer it cannot be decided with is a ConfigError naming each problem. */
export function planRegion(s: StackSettings, peer: Peer): RegionPlan {
    const subnets = regionSubnets(s);
    const parity = regionParity(s, subnets);
    const problems = regionProblems(s, peer, parity);
    if (problems.length) throw new ConfigError(problems);
    const deployed = peer.kind === "deployed" ? peer : undefined;
    const standby = s.dr === "standby";
    const size = clusterSizeSpec(s.logscaleClusterSize);
    const fqdn = globalFqdn(s);

    const warnings: string[] = [];
    if (standby && s.drUseDedicatedRouting) {
        warnings.push(
            "dr=standby with drUseDedicatedRouting=true: after a failover the ingress selects UI and ingest pods that only exist after promotion; set drUseDedicatedRouting=false on the standby to serve from the recovery node at once.",
        );
    }
    if (s.postgres && s.postgresReprotect) {
        warnings.push("postgresReprotect=true: this region's PostgreSQL server is unprotected for this update and replaced if its lineage changed; unset postgresReprotect afterwards.");
    }
    const postgres = s.postgres ? postgresServerPlan(s) : undefined;
    if (postgres?.promote) {
        warnings.push(
            `postgresPromote=true: this update promotes the read replica ${postgres.serverName} to a standalone server (${postgres.promote.promoteOption}); it must exist already, as a replica. Unset postgresPromote afterwards: a standalone server refuses another promote request.`,
        );
    }

    // A standby keeps the pools it recovers on, its digest pool at the single recovery node; a cold one stops its
    // user pools once they exist (AKS creates them running) and never again: a failover starts them and serves on them.
    const nodePools = productionNodePools(s.logscaleClusterType, s.logscaleClusterSize)
        .filter((p) => !standby || standbyNodePools.includes(p.role))
        .map((p): NodePlan => ({
            ...p,
            ...(standby && p.role === "digest" ? { minCount: 1, count: 1 } : {}),
            powerState: standby && s.standbyTier === "cold" && p.mode === "User" ? "Stopped" : "Running",
        }));
    const cold = nodePools.filter((p) => p.powerState === "Stopped").map((p) => p.name);
    if (cold.length) {
        warnings.push(
            `standbyTier=cold: AKS creates node pools running, so ${cold.join(", ")} run (and bill) until their stop steps have run, once, right after the pools exist. pulumi up never stops them again, since a failover may be serving on them: after a failover or a drill, stop them with pulumi up --replace on their stop steps.`,
        );
    }

    if (!s.deployerIpRanges.length) {
        warnings.push("deployerIpRanges is empty: the AKS API server admits only this region's egress IP, so pulumi up and drctl from anywhere else cannot reach the cluster. Set it to the public IPs they run from.");
    }
    const recovery = deployed ? recoveryEnvVars(deployed.storage, s.location) : [];
    // Where the recovery variables are set: a standby, and a promoted one that keeps them (inert while LogScale runs).
    const recovers = s.dr !== "" && (standby || s.drPreserveRecoveryEnv);
    // Every pool gets the same variables (LogScale requires ENABLE_ALERTS to match); recovery variables are inert while LogScale runs.
    const drEnv: EnvVar[] =
        s.dr === ""
            ? []
            : [
                  ...(recovers ? recovery : []),
                  // Each Azure account has its own endpoint; without this LogScale points the peer's bucket at ours.
                  { name: "BUCKET_STORAGE_MULTIPLE_ENDPOINTS", value: "true" },
                  { name: "ENABLE_ALERTS", value: s.dr === "active" ? "true" : "false" },
              ];
    const clusterName = logscaleClusterName(s.namePrefix);
    const roles = dedicatedRoles(s.logscaleClusterType);

    // Shared routing sends everything to every LogScale pod: on a standby that is the single digest pod, and in
    // phase 1 of a promotion it keeps serving while the new pools start. Dedicated routing selects the UI and ingest
    // pools where the cluster type has them.
    const selector = (role: DedicatedRole): Record<string, string> =>
        s.drUseDedicatedRouting && roles.includes(role) ? { [logscalePodLabels.nodePoolKey]: logscaleNodePool(clusterName, role) } : { ...logscalePodLabels.name };

    const controllerSubnet: PoolRole = ingressControllerPools(s.logscaleClusterType).includes("ingress") ? "ingress" : "system";
    const watched = standby && deployed ? watchedPeer(s, deployed) : undefined;

    return {
        warnings,
        tags: resourceTags(s),
        globalFqdn: fqdn,
        subnets,
        nodePools,
        availabilityZones: poolZones(s.location),
        apiServerAuthorizedRanges: s.deployerIpRanges.map((r) => (r.includes("/") ? r : `${r}/32`)),
        logStorage: { sku: logStorageSku(s.location), recoveryDays: dataRecoveryDays },
        // The peer's region when deployed, else the Azure pair: both stacks order the same two locations.
        maintenance: maintenanceSchedule(s.location, deployed?.location ?? pairedRegion(s.location)),
        storageAllowedIps: deployed ? [deployed.egressIp] : [],
        // Through a Microsoft.Storage service endpoint the peer's requests carry its subnets' private
        // addresses, which no IP rule matches (Microsoft Learn, "Configure Azure Storage firewalls and
        // virtual networks": service endpoints, and their reach to the paired region).
        storageAllowedSubnetIds: deployed ? deployed.storageSubnetIds : [],
        standbyGate: standby,
        workloads: { kafkaBrokers: size.kafkaBrokers, ingressController: size.ingressController },
        logscale: {
            name: clusterName,
            drMode: s.dr === "" ? "none" : s.dr,
            digest: { nodeCount: standby ? 1 : size.digest.count, pods: size.digest },
            // A standby keeps the pools declared but empty; promotion only changes the counts.
            dedicated: roles.map((role) => ({ role, nodeCount: standby ? 0 : size[role].count, pods: size[role] })),
            targetReplicationFactor: standby ? 1 : 2,
            drEnv,
        },
        // The peer's keys where the recovery variables read them: a standby's, and a promoted standby's that keeps
        // them (drPreserveRecoveryEnv). An active region gets them from drctl for a failback only, so a compromise of
        // the serving region does not reach the standby's archive (docs/security.md).
        recoveryKeys: recovers ? deployed?.storage : undefined,
        ingressSelectors: { ui: selector("ui"), ingest: selector("ingest") },
        gateway: {
            exposure: s.edge === "appGateway" ? { kind: "internal", subnet: controllerSubnet, ip: internalIngressIp(controllerSubnet) } : { kind: "public" },
            ...certificateIssuers(s),
        },
        appGateway:
            s.edge === "appGateway"
                ? { backendIp: internalIngressIp(controllerSubnet), certificate: s.appGatewayCertificateSecretId === "" ? { inVault: true } : { inVault: false, secretId: s.appGatewayCertificateSecretId } }
                : undefined,
        trafficManager: s.manageGlobalDns
            ? {
                  kind: "owner",
                  relativeName: s.globalHostname,
                  ttlSeconds: s.trafficManagerTtlSeconds,
                  probe: { intervalSeconds: s.trafficManagerProbeIntervalSeconds, timeoutSeconds: s.trafficManagerProbeTimeoutSeconds, toleratedFailures: s.trafficManagerToleratedFailures, hostHeader: fqdn },
                  dnsZone: s.dnsZone ? { name: s.dnsZone, resourceGroupName: s.dnsZoneResourceGroup } : undefined,
              }
            : // Tied to manageGlobalDns and the peer's profile only, never to `dr`: promotion keeps it.
              deployed?.trafficManager
              ? { kind: "secondary", profileName: deployed.trafficManager.profileName, resourceGroup: deployed.trafficManager.resourceGroup }
              : { kind: "none" },
        podIdentity: s.workloadIdentity
            ? // The standby reads the primary's segments when it recovers; both stacks share a subscription.
              { peerContainer: standby && deployed ? { resourceGroup: deployed.resourceGroup, accountName: deployed.storage.accountName, containerName: deployed.storage.containerName } : undefined }
            : undefined,
        signIn: !s.entraSignIn
            ? undefined
            : s.manageGlobalDns
              ? // The owner is brought up first and again after its peer (the bring-up order), so its redirect URIs end up covering both clusters.
                { kind: "owner", peerClusterFqdn: deployed?.clusterFqdn }
              : deployed?.signIn
                ? { kind: "client", ...deployed.signIn }
                : undefined,
        postgres: postgres ? { server: postgres, sku: s.postgresSku, storageGb: s.postgresStorageGb, version: s.postgresVersion } : undefined,
        redis: s.redis ? { capacity: s.redisCapacity, replicates: standby ? deployed?.redisCacheId : undefined } : undefined,
        failover: watched
            ? {
                  watched,
                  policy: { mode: s.failoverMode, confirmationProbes: s.failoverConfirmationProbes, confirmationSeconds: s.failoverConfirmationSeconds },
                  alert: { frequency: s.failoverAlertFrequency, window: s.failoverAlertWindow },
                  notification: { emails: s.failoverNotificationEmails, webhookUrl: s.failoverNotificationWebhook || undefined },
                  deployerIpRanges: s.deployerIpRanges,
              }
            : undefined,
        outputs: {
            parity,
            failoverTimeline: standby ? failoverTimeline(s) : undefined,
            // Failback: cold-start this region from the peer's newest snapshot.
            reverseRecoveryEnvVars: !standby && deployed ? recovery : undefined,
        },
    };
}

/** What a standby watches: its peer's endpoint — on the peer's profile, or on its own when it owns global DNS. */
function watchedPeer(s: StackSettings, peer: DeployedPeer): WatchedPeer | undefined {
    const healthUrl = `https://${peer.clusterFqdn}${healthProbePath}`;
    if (s.manageGlobalDns) return { profile: { own: true }, endpointName: endpointName(peer.namePrefix, "secondary"), healthUrl };
    return peer.trafficManager ? { profile: { own: false, profileId: peer.trafficManager.profileId }, endpointName: peer.trafficManager.primaryEndpointName, healthUrl } : undefined;
}
