// The AKS cluster: Entra ID RBAC with local accounts off, OIDC issuer and
// workload identity, Azure CNI overlay with Cilium, automatic patch upgrades,
// and one AgentPool resource per node pool so pools come and go with the DR
// mode without touching the cluster.
import * as pulumi from "@pulumi/pulumi";
import * as containerservice from "@pulumi/azure-native/containerservice";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as yaml from "js-yaml";
import { aksServerAppId, nodePoolLabelKey, nodePoolLabels, PoolRole } from "../contract";
import { roleGranter } from "./roles";
import { NodePoolSize } from "./sizes";
import { placement, PlacementArgs, Tags } from "./placement";

/** One AKS node pool as the cluster runs it. */
export interface NodePlan extends NodePoolSize {
    role: PoolRole;
    /** AKS pool name. */
    name: string;
    mode: "System" | "User";
    /** A stopped pool is created stopped and started by whoever needs it (a cold standby's failover function). */
    powerState: "Running" | "Stopped";
}

/** Settings every agent pool shares, whichever way it is declared. */
export function agentPoolSettings(pool: NodePlan, subnetId: pulumi.Input<string>, tags: Tags) {
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
        availabilityZones: ["1", "2", "3"],
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
    resourceGroupId: pulumi.Input<string>;
    kubernetesVersion: string;
    adminGroupObjectIds: string[];
    subnetIds: Partial<Record<PoolRole, pulumi.Input<string>>>;
    pools: NodePlan[];
}

export class AksCluster extends pulumi.ComponentResource {
    readonly clusterName: pulumi.Output<string>;
    readonly clusterId: pulumi.Output<string>;
    readonly oidcIssuerUrl: pulumi.Output<string>;
    /** Admin kubeconfig is disabled: this is the Entra ID user kubeconfig, converted for unattended login. */
    readonly kubeconfig: pulumi.Output<string>;
    readonly agentPools: containerservice.AgentPool[];
    /** Pools created stopped (a cold standby's), for the failover function to start. */
    readonly stoppedPoolIds: pulumi.Output<string>[];

    constructor(name: string, args: AksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("logscale-dr:aks:AksCluster", name, {}, opts);
        const child = { parent: this };
        const subnet = (role: PoolRole) => {
            const id = args.subnetIds[role];
            if (!id) throw new Error(`no subnet for node pool ${role}`);
            return id;
        };
        const system = args.pools.find((p) => p.role === "system");
        if (!system) throw new Error("the node pool plan has no system pool");

        const identity = new managedidentity.UserAssignedIdentity(
            `${name}-control-plane`,
            { ...placement(args), resourceName: `${args.namePrefix}-aks-control-plane` },
            child,
        );
        // The control plane joins subnets and binds the edge's public IP.
        const networkRole = roleGranter(`${name}-control-plane`, identity.principalId, this)("network", args.resourceGroupId, "networkContributor");

        const cluster = new containerservice.ManagedCluster(
            `${name}-cluster`,
            {
                ...placement(args),
                resourceName: `${args.namePrefix}-aks`,
                dnsPrefix: args.namePrefix,
                nodeResourceGroup: `${args.namePrefix}-aks-nodes-${args.location}`,
                kubernetesVersion: args.kubernetesVersion,
                sku: { name: "Base", tier: "Standard" },
                identity: { type: "UserAssigned", userAssignedIdentities: [identity.id] },
                enableRBAC: true,
                disableLocalAccounts: true,
                aadProfile: { managed: true, enableAzureRBAC: true, adminGroupObjectIDs: args.adminGroupObjectIds },
                oidcIssuerProfile: { enabled: true },
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
                // The cluster needs its system pool at creation; afterwards the AgentPool resources own every pool.
                agentPoolProfiles: [{ name: system.name, ...agentPoolSettings(system, subnet("system"), args.tags) }],
            },
            { ...child, dependsOn: [networkRole], ignoreChanges: ["agentPoolProfiles"] },
        );

        new containerservice.MaintenanceConfiguration(
            `${name}-maintenance`,
            {
                resourceGroupName: args.resourceGroupName,
                resourceName: cluster.name,
                configName: "default",
                timeInWeek: [{ day: "Sunday", hourSlots: [2, 3] }],
            },
            child,
        );

        this.agentPools = args.pools.map(
            (pool) =>
                new containerservice.AgentPool(
                    `${name}-pool-${pool.role}`,
                    {
                        resourceGroupName: args.resourceGroupName,
                        resourceName: cluster.name,
                        agentPoolName: pool.name,
                        orchestratorVersion: args.kubernetesVersion,
                        ...agentPoolSettings(pool, subnet(pool.role), args.tags),
                        powerState: { code: pool.powerState },
                    },
                    // A stopped pool is started by the failover function; a later `pulumi up` must not stop it again.
                    { ...child, ignoreChanges: pool.powerState === "Stopped" ? ["powerState"] : [] },
                ),
        );

        this.stoppedPoolIds = this.agentPools.filter((_, i) => args.pools[i].powerState === "Stopped").map((p) => p.id);

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
