// Global routing. The stack that manages global DNS owns a Priority-routed
// Traffic Manager profile with its own endpoint at priority 1; the other stack
// registers itself at priority 2 on that profile. The secondary endpoint is a
// component of its own, created from `manageGlobalDns` and the peer's profile
// alone, so promotion (a `dr` flip) never touches it.
import * as pulumi from "@pulumi/pulumi";
import * as dns from "@pulumi/azure-native/dns";
import * as trafficmanager from "@pulumi/azure-native/trafficmanager";
import type * as inputs from "@pulumi/azure-native/types/input";
import { StackSettings } from "../stacks/configSchema";
import { healthProbePath } from "./drContract";
import { Tags } from "./tags";

export const endpointPriority = { primary: 1, secondary: 2 } as const;

/** The name clients use: a record in the DNS zone, or the Traffic Manager name itself. */
export function globalFqdn(s: Pick<StackSettings, "globalHostname" | "dnsZone">): string {
    return s.dnsZone ? `${s.globalHostname}.${s.dnsZone}` : `${s.globalHostname}.trafficmanager.net`;
}

export function endpointName(namePrefix: string, role: keyof typeof endpointPriority): string {
    return `${namePrefix}-${role}`;
}

/** HTTPS probe of LogScale's status with the global name as Host, so the ingress routes it like client traffic. */
export function probeSettings(s: Pick<StackSettings, "trafficManager" | "globalHostname" | "dnsZone">): inputs.trafficmanager.MonitorConfigArgs {
    return {
        protocol: "HTTPS",
        port: 443,
        path: healthProbePath,
        intervalInSeconds: s.trafficManager.probeIntervalSeconds,
        timeoutInSeconds: s.trafficManager.probeTimeoutSeconds,
        toleratedNumberOfFailures: s.trafficManager.toleratedFailures,
        customHeaders: [{ name: "Host", value: globalFqdn(s) }],
        expectedStatusCodeRanges: [{ min: 200, max: 200 }],
    };
}

function externalEndpoint(args: { resourceGroupName: pulumi.Input<string>; profileName: pulumi.Input<string>; name: string; target: pulumi.Input<string>; priority: number }) {
    return {
        resourceGroupName: args.resourceGroupName,
        profileName: args.profileName,
        endpointName: args.name,
        endpointType: "ExternalEndpoints",
        type: "Microsoft.Network/trafficManagerProfiles/externalEndpoints",
        target: args.target,
        priority: args.priority,
        endpointStatus: "Enabled",
    };
}

export interface GlobalTrafficManagerArgs {
    settings: StackSettings;
    resourceGroupName: pulumi.Input<string>;
    /** This region's ingress FQDN: the priority-1 target. */
    clusterFqdn: pulumi.Input<string>;
    tags: Tags;
}

export class GlobalTrafficManager extends pulumi.ComponentResource {
    readonly profileId: pulumi.Output<string>;
    readonly profileName: pulumi.Output<string>;
    readonly fqdn: string;
    readonly primaryEndpointName: pulumi.Output<string>;

    constructor(name: string, args: GlobalTrafficManagerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("logscale-dr:dns:GlobalTrafficManager", name, {}, opts);
        const s = args.settings;
        const profile = new trafficmanager.Profile(
            `${name}-profile`,
            {
                resourceGroupName: args.resourceGroupName,
                profileName: `${s.namePrefix}-global`,
                location: "global",
                profileStatus: "Enabled",
                trafficRoutingMethod: "Priority",
                dnsConfig: { relativeName: s.globalHostname, ttl: s.trafficManager.ttlSeconds },
                monitorConfig: probeSettings(s),
                tags: args.tags,
            },
            // Endpoints are separate resources, one of them in the peer's stack.
            { parent: this, ignoreChanges: ["endpoints"] },
        );
        this.profileName = profile.name.apply((n) => n ?? "");
        const primary = new trafficmanager.Endpoint(
            `${name}-primary`,
            externalEndpoint({
                resourceGroupName: args.resourceGroupName,
                profileName: this.profileName,
                name: endpointName(s.namePrefix, "primary"),
                target: args.clusterFqdn,
                priority: endpointPriority.primary,
            }),
            { parent: this },
        );
        if (s.dnsZone) {
            new dns.RecordSet(
                `${name}-cname`,
                {
                    resourceGroupName: s.dnsZoneResourceGroup,
                    zoneName: s.dnsZone,
                    relativeRecordSetName: s.globalHostname,
                    recordType: "CNAME",
                    ttl: s.trafficManager.ttlSeconds,
                    cnameRecord: { cname: profile.dnsConfig.apply((d) => d?.fqdn ?? "") },
                },
                { parent: this },
            );
        }
        this.profileId = profile.id;
        this.fqdn = globalFqdn(s);
        this.primaryEndpointName = primary.name.apply((n) => n ?? "");
        this.registerOutputs({ profileId: this.profileId, fqdn: this.fqdn });
    }
}

export interface SecondaryEndpointArgs {
    namePrefix: string;
    /** The peer's profile. */
    profileName: string;
    resourceGroupName: string;
    clusterFqdn: pulumi.Input<string>;
}

export class SecondaryEndpoint extends pulumi.ComponentResource {
    readonly endpointName: pulumi.Output<string>;

    constructor(name: string, args: SecondaryEndpointArgs, opts?: pulumi.ComponentResourceOptions) {
        super("logscale-dr:dns:SecondaryEndpoint", name, {}, opts);
        const endpoint = new trafficmanager.Endpoint(
            `${name}-endpoint`,
            externalEndpoint({
                resourceGroupName: args.resourceGroupName,
                profileName: args.profileName,
                name: endpointName(args.namePrefix, "secondary"),
                target: args.clusterFqdn,
                priority: endpointPriority.secondary,
            }),
            { parent: this },
        );
        this.endpointName = endpoint.name.apply((n) => n ?? "");
        this.registerOutputs({ endpointName: this.endpointName });
    }
}
