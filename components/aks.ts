// The AKS cluster: Entra ID RBAC with local accounts off, OIDC issuer and
// workload identity, Azure CNI overlay with Cilium, automatic patch and node-OS
// upgrades inside planned maintenance windows, the system pool inline and one
// AgentPool resource per other pool, so pools come and go with the DR mode
// without touching the cluster.
import * as pulumi from "@pulumi/pulumi";
import * as containerservice from "@pulumi/azure-native/containerservice";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as resources from "@pulumi/azure-native/resources";
import * as yaml from "js-yaml";
import { aksServerAppId, nodePoolLabelKey, nodePoolLabels, PoolRole } from "../contract";
import { customRole, roleGranter } from "./roles";
import { NodePoolSize } from "./sizes";
import { placement, PlacementArgs, Tags } from "./placement";

/** One AKS node pool as the cluster runs it. */
export interface NodePlan extends NodePoolSize {
    role: PoolRole;
    /** AKS pool name. */
    name: string;
    mode: "System" | "User";
    /**
     * Where the pool should be once it exists. AKS creates every pool Running and stops only a
     * Running pool whose provisioning Succeeded (AgentPool.powerState, AKS API 2025-09-01;
     * ../shared/schemas/azure/containerservice-aks-2025-09-01.excerpt.json), and never a system
     * pool (Microsoft Learn, "Start and stop an AKS node pool"): a Stopped pool is created Running
     * and stopped once, right after, by its stop step. Whoever needs it starts it (a cold
     * standby's failover: the function, or drctl failover).
     */
    powerState: "Running" | "Stopped";
}

/**
 * Which declaration owns each pool. The cluster's PUT must carry a system
 * pool when it is created ("Must define at least one system pool",
 * Azure/AKS#1602; agentPoolProfiles is the cluster's own API, Azure/AKS#1703),
 * so that pool is declared inline; every other pool is its own AgentPool, as
 * AKS wants pools added to an existing cluster ("use per agent pool
 * operations", quoted in pulumi/pulumi-azure-native#579). Never both:
 * azure-native reads a pool before creating it and refuses one the cluster
 * already holds ("cannot create already existing subresource").
 */
export function poolDeclarations(pools: NodePlan[]): { inline: NodePlan; separate: NodePlan[] } {
    const inline = pools.find((p) => p.mode === "System");
    if (!inline) throw new Error("the node pool plan has no system pool");
    return { inline, separate: pools.filter((p) => p !== inline) };
}

/**
 * How an AgentPool declares its power state. A pool to be stopped declares
 * none: it is created Running, its stop step stops it once, and no later
 * update of the pool can carry Stopped to a pool a failover has started and
 * serves on (the humio-operator standby gate keeps `replicas` the same way:
 * set once by its own resource, never again). Any other pool is declared
 * Running, so a promotion or a warm tier asks a stopped pool to start.
 */
export function agentPoolPower(pool: NodePlan): { powerState?: { code: "Running" }; stopOnce: boolean } {
    return pool.powerState === "Stopped" ? { powerState: undefined, stopOnce: true } : { powerState: { code: "Running" }, stopOnce: false };
}

/** The AKS API version azure-native 3.28 deploys agent pools with (the excerpt's). */
export const aksApiVersion = "2025-09-01";

/**
 * An ARM template that stops one pool: a PUT of the pool carrying only
 * `powerState: Stopped`, the request Azure/azure-rest-api-specs documents as
 * "Stop Agent Pool" (aks/stable/2025-09-01/examples/AgentPools_Stop.json).
 */
export function poolStopTemplate(clusterName: string, poolName: string) {
    return {
        $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        contentVersion: "1.0.0.0",
        resources: [
            {
                type: "Microsoft.ContainerService/managedClusters/agentPools",
                apiVersion: aksApiVersion,
                name: `${clusterName}/${poolName}`,
                properties: { powerState: { code: "Stopped" } },
            },
        ],
    };
}

export type WeekDay = "Sunday" | "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday";

/** A weekly window in UTC: whole hours from `startHour` on `day`. */
export interface MaintenanceWindow {
    day: WeekDay;
    startHour: number;
    hours: number;
}

/**
 * A cluster's planned maintenance, by configuration name (Microsoft Learn,
 * "Use planned maintenance to schedule and control upgrades for your AKS
 * cluster"): `default` governs AKS's weekly releases only; cluster
 * auto-upgrades (the patch channel) wait for aksManagedAutoUpgradeSchedule and
 * node-OS upgrades (SecurityPatch) for aksManagedNodeOSUpgradeSchedule.
 */
export type MaintenanceSchedule = Record<"default" | "aksManagedAutoUpgradeSchedule" | "aksManagedNodeOSUpgradeSchedule", MaintenanceWindow>;

/**
 * The region's windows. The two regions of a pair take different days, so
 * one is never upgraded while the other is: which day follows from the two
 * locations alone (a pair's regions differ), so both stacks agree without
 * config and a DR flip moves nothing. Within the day the three do not
 * overlap; the managed schedules take the 4 hours MaintenanceWindow.durationHours
 * allows at least.
 */
export function maintenanceSchedule(location: string, otherLocation: string | undefined): MaintenanceSchedule {
    const day: WeekDay = otherLocation !== undefined && otherLocation < location ? "Saturday" : "Sunday";
    return {
        default: { day, startHour: 0, hours: 4 },
        aksManagedAutoUpgradeSchedule: { day, startHour: 4, hours: 4 },
        aksManagedNodeOSUpgradeSchedule: { day, startHour: 8, hours: 4 },
    };
}

/** One maintenance configuration's inputs: `default` takes hour slots, the managed schedules a weekly window. */
export function maintenanceConfiguration(configName: keyof MaintenanceSchedule, w: MaintenanceWindow) {
    if (configName === "default") return { configName, timeInWeek: [{ day: w.day, hourSlots: Array.from({ length: w.hours }, (_, i) => w.startHour + i) }] };
    return {
        configName,
        maintenanceWindow: {
            schedule: { weekly: { intervalWeeks: 1, dayOfWeek: w.day } },
            durationHours: w.hours,
            startTime: `${String(w.startHour).padStart(2, "0")}:00`,
            utcOffset: "+00:00",
        },
    };
}

/** Settings every agent pool shares, whichever way it is declared. */
/**
 * What a user-assigned control-plane identity needs on network resources
 * outside the node resource group (Microsoft Learn, "AKS service permissions",
 * AKS cluster identity permissions: join and read a custom virtual network's
 * subnets; join and read a public IP that a LoadBalancer service names).
 */
export const controlPlaneNetworkActions = [
    "Microsoft.Network/virtualNetworks/subnets/join/action",
    "Microsoft.Network/virtualNetworks/subnets/read",
    "Microsoft.Network/publicIPAddresses/join/action",
    "Microsoft.Network/publicIPAddresses/read",
] as const;

export function agentPoolSettings(pool: NodePlan, subnetId: pulumi.Input<string>, tags: Tags, availabilityZones: string[]) {
    return {
        mode: pool.mode,
        vmSize: pool.vmSize,
        count: pool.count,
        minCount: pool.minCount,
        maxCount: pool.maxCount,
        enableAutoScaling: true,
        osDiskSizeGB: pool.osDiskSizeGB,
        osType: "Linux",
        osSKU: "AzureLinux",
        type: "VirtualMachineScaleSets",
        // Omitted where the region has no zones: AKS refuses zones there (model/zones.ts).
        availabilityZones: availabilityZones.length ? availabilityZones : undefined,
        vnetSubnetID: subnetId,
        nodeLabels: { [nodePoolLabelKey]: nodePoolLabels[pool.role] },
        upgradeSettings: { maxSurge: "33%" },
        tags,
    };
}

/**
 * AKS returns an exec kubeconfig that logs in with a device code. Pulumi runs
 * unattended, so log in with the Azure CLI's identity (`az login`, or
 * azure/login with OIDC in CI) instead.
 */
export function azureCliKubeconfig(kubeconfig: string): string {
    const doc = yaml.load(kubeconfig) as { users?: Array<{ user?: { exec?: { args?: string[] } } }> };
    for (const u of doc.users ?? []) {
        const exec = u.user?.exec;
        if (!exec) continue;
        const args = exec.args ?? [];
        const serverId = args[args.indexOf("--server-id") + 1] ?? aksServerAppId;
        exec.args = ["get-token", "--login", "azurecli", "--server-id", args.includes("--server-id") ? serverId : aksServerAppId];
    }
    return yaml.dump(doc);
}

export interface AksClusterArgs extends PlacementArgs {
    kubernetesVersion: string;
    adminGroupObjectIds: string[];
    subnetIds: Partial<Record<PoolRole, pulumi.Input<string>>>;
    pools: NodePlan[];
    /** The virtual network holding the cluster's subnets. */
    vnetId: pulumi.Input<string>;
    /** The public IP a LoadBalancer service of the edge binds by name. */
    ingressIpId: pulumi.Input<string>;
    /**
     * Public ranges the API server admits besides `egressIp`. The cluster's nodes and the failover function (VNet
     * integrated) reach the API server's public endpoint from the region's NAT gateway IP, which AKS adds by itself
     * only for a load balancer's outbound IPs (Microsoft Learn, "Secure access to the API server using authorized IP
     * address ranges in AKS"; up to 200 ranges).
     */
    authorizedIpRanges: string[];
    egressIp: pulumi.Input<string>;
    /** Zones every pool spreads over; empty in a region without availability zones. */
    availabilityZones: string[];
    maintenance: MaintenanceSchedule;
}

export class AksCluster extends pulumi.ComponentResource {
    readonly clusterName: pulumi.Output<string>;
    readonly clusterId: pulumi.Output<string>;
    readonly oidcIssuerUrl: pulumi.Output<string>;
    /** Admin kubeconfig is disabled: this is the Entra ID user kubeconfig, converted for unattended login. */
    readonly kubeconfig: pulumi.Output<string>;
    /** The pools beside the system pool. */
    readonly agentPools: containerservice.AgentPool[];
    /** Pools stopped once they exist (a cold standby's), for the failover function and drctl failover to start. */
    readonly stoppedPoolIds: pulumi.Output<string>[];

    constructor(name: string, args: AksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("logscale-dr:aks:AksCluster", name, {}, opts);
        const child = { parent: this };
        const subnet = (role: PoolRole) => {
            const id = args.subnetIds[role];
            if (!id) throw new Error(`no subnet for node pool ${role}`);
            return id;
        };
        const { inline: system, separate } = poolDeclarations(args.pools);
        const clusterName = `${args.namePrefix}-aks`;

        const identity = new managedidentity.UserAssignedIdentity(
            `${name}-control-plane`,
            { ...placement(args), resourceName: `${args.namePrefix}-aks-control-plane` },
            child,
        );
        // The control plane joins the cluster's subnets and binds the edge's public IP, and no more: a custom role
        // with those actions on the virtual network and on that IP, not Network Contributor on the resource group.
        const grant = roleGranter(`${name}-control-plane`, identity.principalId, this);
        const joiner = customRole(
            `${name}-network-join`,
            { roleName: `${args.namePrefix} AKS network join`, description: "Join the LogScale cluster's subnets and bind its public IP", actions: [...controlPlaneNetworkActions], resourceId: args.vnetId },
            this,
        );
        const networkRoles = [grant("subnets", args.vnetId, joiner.id), grant("ingress-ip", args.ingressIpId, joiner.id)];

        const cluster = new containerservice.ManagedCluster(
            `${name}-cluster`,
            {
                ...placement(args),
                resourceName: clusterName,
                dnsPrefix: args.namePrefix,
                nodeResourceGroup: `${args.namePrefix}-aks-nodes-${args.location}`,
                kubernetesVersion: args.kubernetesVersion,
                sku: { name: "Base", tier: "Standard" },
                identity: { type: "UserAssigned", userAssignedIdentities: [identity.id] },
                enableRBAC: true,
                disableLocalAccounts: true,
                aadProfile: { managed: true, enableAzureRBAC: true, adminGroupObjectIDs: args.adminGroupObjectIds },
                oidcIssuerProfile: { enabled: true },
                apiServerAccessProfile: { authorizedIPRanges: pulumi.output(args.egressIp).apply((ip) => [...args.authorizedIpRanges, `${ip}/32`]) },
                securityProfile: { workloadIdentity: { enabled: true } },
                networkProfile: {
                    networkPlugin: "azure",
                    networkPluginMode: "overlay",
                    networkDataplane: "cilium",
                    networkPolicy: "cilium",
                    loadBalancerSku: "standard",
                    outboundType: "userAssignedNATGateway",
                    podCidr: "10.244.0.0/16",
                    serviceCidr: "10.0.0.0/16",
                    dnsServiceIP: "10.0.0.10",
                },
                autoUpgradeProfile: { upgradeChannel: "patch", nodeOSUpgradeChannel: "SecurityPatch" },
                // The system pool's only declaration. Its later changes (counts, labels, upgrade settings) reach
                // Azure through the cluster's update, which, unlike an AgentPool's, puts every pool of the cluster
                // into Scaling while it runs (pulumi/pulumi-azure-native#4264, closed won't-fix): change it outside
                // a failover. Its VM size cannot change in place ("You can't change the VM size of a node pool after
                // you create it", Microsoft Learn, cited in pulumi/pulumi-azure-native#3655): that takes a new pool.
                agentPoolProfiles: [{ name: system.name, ...agentPoolSettings(system, subnet(system.role), args.tags, args.availabilityZones) }],
            },
            { ...child, dependsOn: networkRoles },
        );

        for (const [configName, window] of Object.entries(args.maintenance) as Array<[keyof MaintenanceSchedule, MaintenanceWindow]>) {
            new containerservice.MaintenanceConfiguration(
                configName === "default" ? `${name}-maintenance` : `${name}-maintenance-${configName}`,
                { resourceGroupName: args.resourceGroupName, resourceName: cluster.name, ...maintenanceConfiguration(configName, window) },
                child,
            );
        }

        this.agentPools = separate.map((pool) => {
            const power = agentPoolPower(pool);
            const agentPool = new containerservice.AgentPool(
                `${name}-pool-${pool.role}`,
                {
                    resourceGroupName: args.resourceGroupName,
                    resourceName: cluster.name,
                    agentPoolName: pool.name,
                    orchestratorVersion: args.kubernetesVersion,
                    ...agentPoolSettings(pool, subnet(pool.role), args.tags, args.availabilityZones),
                    powerState: power.powerState,
                },
                child,
            );
            if (power.stopOnce) {
                // Stops the pool once it exists (it waits for the pool's creation to succeed) and never again: an
                // update of an ARM deployment deploys its template anew, so nothing of it may change, and a later
                // pulumi up never stops a pool a failover started. Deleting it (promotion) deletes only the deployment's record
                // ("Deleting a deployment from the history doesn't affect any of the resources that were deployed",
                // Microsoft Learn, "Automatic deletions from deployment history"); the region's group holds no other
                // deployments, far below the 700 at which ARM prunes that history. To stop the pools again after a
                // failover or a drill: pulumi up --replace on the step.
                new resources.Deployment(
                    `${name}-pool-${pool.role}-stop`,
                    {
                        resourceGroupName: args.resourceGroupName,
                        deploymentName: `${clusterName}-${pool.name}-stop`,
                        properties: { mode: "Incremental", template: poolStopTemplate(clusterName, pool.name) },
                        tags: args.tags,
                    },
                    { ...child, dependsOn: [agentPool], ignoreChanges: ["properties", "tags"] },
                );
            }
            return agentPool;
        });

        this.stoppedPoolIds = this.agentPools.filter((_, i) => agentPoolPower(separate[i]).stopOnce).map((p) => p.id);

        const credentials = containerservice.listManagedClusterUserCredentialsOutput(
            { resourceGroupName: args.resourceGroupName, resourceName: cluster.name, format: "exec" },
            { parent: this },
        );
        this.kubeconfig = pulumi.secret(credentials.kubeconfigs.apply((k) => azureCliKubeconfig(Buffer.from(k[0].value, "base64").toString("utf8"))));
        this.clusterName = cluster.name;
        this.clusterId = cluster.id;
        this.oidcIssuerUrl = cluster.oidcIssuerProfile.apply((p) => p?.issuerURL ?? "");
        this.registerOutputs({ clusterName: this.clusterName, oidcIssuerUrl: this.oidcIssuerUrl });
    }
}
