// Azure Cache for Redis (Premium) per region, reachable through a private
// endpoint. A standby links its cache to the peer's as the geo-replication
// secondary; promotion deletes the link, which leaves both caches and makes
// this one read-write. Linking wipes the secondary, so a region that ran the
// writable cache loses its contents when it becomes a standby again.
import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import * as redis from "@pulumi/azure-native/redis";
import { uniqueName } from "./naming";
import { linkedPrivateZone } from "./privateDns";
import { placement, PlacementArgs } from "./placement";

export const redisPrivateZone = "privatelink.redis.cache.windows.net";

/** A cache's resource group and name, from its resource id. */
export function parseRedisCacheId(id: string): { resourceGroup: string; name: string } {
    const m = /\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Cache\/Redis\/([^/]+)$/i.exec(id);
    if (!m) throw new Error(`not an Azure Cache for Redis resource id: ${id}`);
    return { resourceGroup: m[1], name: m[2] };
}

export function redisSku(capacity: number) {
    return { name: "Premium", family: "P", capacity };
}

export interface RedisCacheArgs extends PlacementArgs {
    capacity: number;
    endpointSubnetId: pulumi.Input<string>;
    vnetId: pulumi.Input<string>;
    /** The peer's cache this one replicates as geo-secondary (a standby's). */
    replicates?: string;
}

export class RedisCache extends pulumi.ComponentResource {
    readonly cacheId: pulumi.Output<string>;
    readonly hostName: pulumi.Output<string>;

    constructor(name: string, args: RedisCacheArgs, opts?: pulumi.ComponentResourceOptions) {
        super("logscale-dr:redis:RedisCache", name, {}, opts);
        const child = { parent: this };
        const cache = new redis.Redis(
            `${name}-cache`,
            {
                ...placement(args),
                name: uniqueName(name, args.namePrefix, "redis", { ...child, protect: true }),
                sku: redisSku(args.capacity),
                enableNonSslPort: false,
                minimumTlsVersion: "1.2",
                publicNetworkAccess: "Disabled",
                redisVersion: "6",
                // Passive geo-replication does not support zone-redundant caches, and unset this is Automatic
                // (zone-redundant) wherever the region has zones (Microsoft Learn, "Configure passive geo-replication
                // for Premium Azure Cache for Redis instances"; ZonalAllocationPolicy, Redis API 2024-11-01). Every
                // region's cache may take part after a DR flip, which never touches the cache, and Azure moves a
                // cache only towards Automatic afterwards ("Migrate an Azure Cache for Redis instance to availability
                // zone support"): every cache is created without zones.
                zonalAllocationPolicy: "NoZones",
                // Clients sign in with Microsoft Entra ID, never with a shared access key that grants everything and
                // never expires (Microsoft Learn, "Use Microsoft Entra for cache authentication": aad-enabled, then
                // disableAccessKeyAuthentication; both caches are set so before they are linked).
                redisConfiguration: { aadEnabled: "true" },
                disableAccessKeyAuthentication: true,
            },
            { ...child, protect: true },
        );
        const zone = linkedPrivateZone(`${name}-dns`, { resourceGroupName: args.resourceGroupName, zoneName: redisPrivateZone, vnetId: args.vnetId, tags: args.tags }, this);
        const endpoint = new network.PrivateEndpoint(
            `${name}-endpoint`,
            {
                ...placement(args),
                privateEndpointName: `${args.namePrefix}-redis`,
                subnet: { id: args.endpointSubnetId },
                privateLinkServiceConnections: [{ name: "redis", privateLinkServiceId: cache.id, groupIds: ["redisCache"] }],
            },
            child,
        );
        new network.PrivateDnsZoneGroup(
            `${name}-endpoint-dns`,
            {
                resourceGroupName: args.resourceGroupName,
                privateEndpointName: endpoint.name,
                privateDnsZoneGroupName: "default",
                privateDnsZoneConfigs: [{ name: "redis", privateDnsZoneId: zone.id }],
            },
            child,
        );
        if (args.replicates) {
            // The link lives on the peer's (primary) cache and names this one as its secondary.
            const primary = parseRedisCacheId(args.replicates);
            new redis.LinkedServer(
                `${name}-geo-link`,
                {
                    resourceGroupName: primary.resourceGroup,
                    name: primary.name,
                    linkedServerName: cache.name,
                    linkedRedisCacheId: cache.id,
                    linkedRedisCacheLocation: args.location,
                    serverRole: "Secondary",
                },
                child,
            );
        }
        this.cacheId = cache.id;
        this.hostName = cache.hostName;
        this.registerOutputs({ cacheId: this.cacheId });
    }
}
