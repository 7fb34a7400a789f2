// Global routing. The stack that manages global DNS owns a Priority-routed
// Traffic Manager profile with its own endpoint at priority 1; the other stack
// registers itself at priority 2 on that profile. The secondary endpoint is a
// component of its own, created from `manageGlobalDns` and the peer's profile
// alone, so promotion (a `dr` flip) never touches it.
import * as pulumi from "@pulumi/pulumi";
import * as dns from "@pulumi/azure-native/dns";
import * as trafficmanager from "@pulumi/azure-native/trafficmanager";
import type * as inputs from "@pulumi/azure-native/types/input";
import { endpointName, endpointPriority, healthProbePath } from "../contract";
import { Tags } from "./placement";

export interface ProbeSettings {
    intervalSeconds: number;
    timeoutSeconds: number;
    toleratedFailures: number;
    /** The global name: sent as Host, so the Gateway routes the probe like client traffic (its catch-all HTTPS listener takes any SNI). */
    hostHeader: string;
}

/** HTTPS probe of LogScale's status. */
export function probeSettings(p: ProbeSettings): inputs.trafficmanager.MonitorConfigArgs {
    return {
        protocol: "HTTPS",
        port: 443,
        path: healthProbePath,
        intervalInSeconds: p.intervalSeconds,
        timeoutInSeconds: p.timeoutSeconds,
        toleratedNumberOfFailures: p.toleratedFailures,
        customHeaders: [{ name: "Host", value: p.hostHeader }],
        expectedStatusCodeRanges: [{ min: 200, max: 200 }],
    };
}

/** A region's endpoint on the pair's profile: its cluster's FQDN, at the priority of its role. */
function regionEndpoint(
    name: string,
    role: keyof typeof endpointPriority,
    args: { resourceGroupName: pulumi.Input<string>; profileName: pulumi.Input<string>; namePrefix: string; target: pulumi.Input<string> },
    parent: pulumi.Resource,
): trafficmanager.Endpoint {
    return new trafficmanager.Endpoint(
        name,
        {
            resourceGroupName: args.resourceGroupName,
            profileName: args.profileName,
            endpointName: endpointName(args.namePrefix, role),
            endpointType: "ExternalEndpoints",
            type: "Microsoft.Network/trafficManagerProfiles/externalEndpoints",
            target: args.target,
            priority: endpointPriority[role],
            endpointStatus: "Enabled",
        },
        { parent },
    );
}

export interface GlobalTrafficManagerArgs {
    resourceGroupName: pulumi.Input<string>;
    namePrefix: string;
    /** The profile's name under trafficmanager.net. */
    relativeName: string;
    /** The name clients use: a record in `dnsZone`, or the profile's own name. */
    fqdn: string;
    ttlSeconds: number;
    probe: ProbeSettings;
    /** The Azure DNS zone holding the global name, when clients use one. */
    dnsZone?: { name: string; resourceGroupName: string };
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
        const profile = new trafficmanager.Profile(
            `${name}-profile`,
            {
                resourceGroupName: args.resourceGroupName,
                profileName: `${args.namePrefix}-global`,
                location: "global",
                profileStatus: "Enabled",
                trafficRoutingMethod: "Priority",
                dnsConfig: { relativeName: args.relativeName, ttl: args.ttlSeconds },
                monitorConfig: probeSettings(args.probe),
                tags: args.tags,
            },
            // Endpoints are separate resources, one of them in the peer's stack.
            { parent: this, ignoreChanges: ["endpoints"] },
        );
        this.profileName = profile.name.apply((n) => n ?? "");
        const endpointArgs = { resourceGroupName: args.resourceGroupName, profileName: this.profileName, namePrefix: args.namePrefix, target: args.clusterFqdn };
        const primary = regionEndpoint(`${name}-primary`, "primary", endpointArgs, this);
        if (args.dnsZone) {
            new dns.RecordSet(
                `${name}-cname`,
                {
                    resourceGroupName: args.dnsZone.resourceGroupName,
                    zoneName: args.dnsZone.name,
                    relativeRecordSetName: args.relativeName,
                    recordType: "CNAME",
                    ttl: args.ttlSeconds,
                    cnameRecord: { cname: profile.dnsConfig.apply((d) => d?.fqdn ?? "") },
                },
                { parent: this },
            );
        }
        this.profileId = profile.id;
        this.fqdn = args.fqdn;
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
        const endpointArgs = { resourceGroupName: args.resourceGroupName, profileName: args.profileName, namePrefix: args.namePrefix, target: args.clusterFqdn };
        const endpoint = regionEndpoint(`${name}-endpoint`, "secondary", endpointArgs, this);
        this.endpointName = endpoint.name.apply((n) => n ?? "");
        this.registerOutputs({ endpointName: this.endpointName });
    }
}
