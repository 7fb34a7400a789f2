// Rules that involve more than one key, a key and the peer stack, or both
// stacks of the pair. Each problem is one line naming the key, the value and
// what is allowed.
import { deployedStackOutputNames } from "../contract";
import { isoDurationSeconds, isResourceGroupName, maxDnsNameLength, maxUserTagsWithPrivateDns, reservedTagKeys, tagLimits } from "./formats";
import { PlainConfigKey, Settings, StackSettings } from "./keys";
import { DeployedPeer, Peer, stackNameOf } from "./peer";
import { problem } from "./problem";
import { arePairedRegions, isKnownRegion, pairedRegion } from "./regions";

interface Rule {
    /** The keys the rule reads: it runs only when each of them parsed. */
    needs: PlainConfigKey[];
    check(s: StackSettings): string | undefined;
}

const rules: Rule[] = [
    {
        needs: ["dr", "peerStack"],
        check: (s) => (s.dr === "standby" && s.peerStack === "" ? problem("peerStack", s.peerStack, "the primary's stack, such as primary", " with dr=standby") : undefined),
    },
    {
        needs: ["peerStack"],
        check: (s) => (s.peerStack && stackNameOf(s.peerStack) === s.stack ? problem("peerStack", s.peerStack, "the other region's stack, not this one") : undefined),
    },
    {
        needs: ["trafficManagerProbeIntervalSeconds", "trafficManagerProbeTimeoutSeconds"],
        check: (s) =>
            s.trafficManagerProbeIntervalSeconds === 10 && s.trafficManagerProbeTimeoutSeconds > 9
                ? problem("trafficManagerProbeTimeoutSeconds", s.trafficManagerProbeTimeoutSeconds, "5-9", " with trafficManagerProbeIntervalSeconds=10")
                : undefined,
    },
    {
        needs: ["failoverAlertFrequency", "failoverAlertWindow"],
        check: (s) =>
            isoDurationSeconds(s.failoverAlertWindow) < isoDurationSeconds(s.failoverAlertFrequency)
                ? problem("failoverAlertWindow", s.failoverAlertWindow, `a window of at least failoverAlertFrequency (${s.failoverAlertFrequency})`)
                : undefined,
    },
    {
        needs: ["postgres", "postgresReprotect", "postgresReplicaOf"],
        check: (s) =>
            s.postgres && s.postgresReprotect && s.postgresReplicaOf === ""
                ? problem("postgresReprotect", true, "false, or true together with postgresReplicaOf: the peer server the replacement replicates")
                : undefined,
    },
    {
        needs: ["entraSignIn", "manageGlobalDns", "peerStack", "dr"],
        check: (s) =>
            s.entraSignIn && !s.manageGlobalDns && s.peerStack === "" && s.dr !== "standby"
                ? problem("entraSignIn", true, "false, or true with manageGlobalDns (this stack owns the application) or with peerStack (the stack that owns it)")
                : undefined,
    },
    {
        needs: ["edge", "keyVault", "appGatewayCertificateSecretId"],
        check: (s) =>
            s.edge === "appGateway" && !s.keyVault && s.appGatewayCertificateSecretId === ""
                ? problem("appGatewayCertificateSecretId", "", "a Key Vault secret URL of the certificate", " with edge=appGateway and keyVault=false (there is no region vault to take logscale-tls from)")
                : undefined,
    },
    {
        // Every region writes the global name's DNS-01 challenge in the zone, not only the one that owns the record.
        needs: ["dnsZone", "dnsZoneResourceGroup"],
        check: (s) =>
            s.dnsZone && s.dnsZoneResourceGroup === ""
                ? problem("dnsZoneResourceGroup", s.dnsZoneResourceGroup, `the resource group of the DNS zone ${s.dnsZone}`, " with dnsZone set")
                : undefined,
    },
    {
        // The global name <globalHostname>.<dnsZone> is a DNS name: 253 characters at most (RFC 1035 §2.3.4).
        needs: ["globalHostname", "dnsZone"],
        check: (s) =>
            s.dnsZone && s.globalHostname.length + 1 + s.dnsZone.length > maxDnsNameLength
                ? problem("dnsZone", s.dnsZone, `a zone of at most ${maxDnsNameLength - s.globalHostname.length - 1} characters`, ` with globalHostname=${s.globalHostname} (the global name ${s.globalHostname}.<dnsZone> would be longer than ${maxDnsNameLength})`)
                : undefined,
    },
    {
        // With postgres or redis the program tags Private DNS zones, which take 15 tags (config/formats.ts, tagLimits).
        needs: ["tags", "postgres", "redis"],
        check: (s) =>
            (s.postgres || s.redis) && s.tags.length > maxUserTagsWithPrivateDns
                ? problem(
                      "tags",
                      s.tags,
                      `at most ${maxUserTagsWithPrivateDns} tags (a Private DNS zone takes ${tagLimits.perPrivateDnsZone}, ${reservedTagKeys.length} of them the program's own)`,
                      ` with ${s.postgres ? "postgres" : "redis"}=true (${s.tags.length} tags)`,
                  )
                : undefined,
    },
    {
        // The region's resource group is <namePrefix>-logscale-<location> (stacks/region.ts): a resource group name.
        needs: ["namePrefix"],
        check: (s) => {
            const group = `${s.namePrefix}-logscale-${s.location}`;
            return isKnownRegion(s.location) && !isResourceGroupName(group)
                ? problem("namePrefix", s.namePrefix, "a prefix whose resource group name <namePrefix>-logscale-<location> has 1-90 characters", ` in ${s.location} (${group} is not a resource group name)`)
                : undefined;
        },
    },
];

/** Problems between keys, for the keys that parsed (`values` holds those). */
export function crossKeyProblems(values: Partial<Settings>, context: { project: string; stack: string; location: string }): string[] {
    const settings = { ...values, ...context } as StackSettings;
    return rules.filter((r) => r.needs.every((k) => k in values)).flatMap((r) => r.check(settings) ?? []);
}

/** Rules between this stack's settings and its peer stack. */
export function peerProblems(s: StackSettings, peer: Peer): string[] {
    if (peer.kind === "none") return [];
    const problems: string[] = [];
    if (s.dr === "standby") {
        const missing = peer.kind === "pending" ? peer.missing : !s.manageGlobalDns && !peer.trafficManager ? ["trafficManagerProfileId", "primaryEndpointName"] : [];
        if (missing.length) {
            return [problem("peerStack", s.peerStack, "a deployed peer stack: run pulumi up on it first", ` with dr=standby: it does not export ${missing.join(", ")}`)];
        }
    }
    if (peer.kind === "deployed" && s.dr === "standby") problems.push(...standbyDataTierProblems(s, peer));
    if (s.entraSignIn && !s.manageGlobalDns && !(peer.kind === "deployed" && peer.signIn)) {
        problems.push(problem("entraSignIn", true, `false, or a peer that owns the sign-in application: run pulumi up on ${s.peerStack} with entraSignIn=true first`, ` (${s.peerStack} exports no signInClientId)`));
    }
    if (peer.kind === "deployed") {
        if (peer.location === s.location) {
            problems.push(problem("azure-native:location", s.location, "a region other than the peer's", ` (peer ${s.peerStack} is in ${peer.location} too)`));
        } else if (!isKnownRegion(peer.location)) {
            // Whether the two regions are an Azure pair cannot be told: refused, never skipped.
            problems.push(problem("azure-native:location", s.location, `a peer in a known Azure region (${peer.location} is not one: config/regions.ts lists them)`, ` with a peer in ${peer.location}`));
        } else if ((pairedRegion(s.location) || pairedRegion(peer.location)) && !arePairedRegions(s.location, peer.location)) {
            // The pair must be an Azure region pair where either region has one (config/regions.ts); two nonpaired regions may pair up.
            const peerPair = pairedRegion(peer.location);
            const allowed = peerPair
                ? `the Azure pair of the peer's region (${peerPair})`
                : `a region without an Azure pair, as ${peer.location} has none (${s.location} is paired with ${pairedRegion(s.location)})`;
            problems.push(problem("azure-native:location", s.location, allowed, ` with a peer in ${peer.location}`));
        }
    }
    return problems;
}

/**
 * Whether this stack needs its peer's outputs to be brought up: the rules
 * above refuse it beside a peer that is not deployed (a standby, a sign-in
 * client). A stack that does not is brought up first, without them.
 */
export function needsPeerOutputs(s: StackSettings): boolean {
    return s.peerStack !== "" && peerProblems(s, { kind: "pending", name: s.peerStack, missing: [...deployedStackOutputNames] }).length > 0;
}

/**
 * Rules between the settings of the two stacks of a pair, where both are
 * known (the offline tools read both stack files): `own`'s problems beside
 * `peer`. After a promotion the stack that owned the profile keeps it, as a
 * standby too (README, "Promotion"; model/regionPlan.ts, watchedPeer), so
 * the rule is about the pair, not the mode.
 */
export function pairProblems(own: StackSettings, peer: StackSettings): string[] {
    if (!own.manageGlobalDns || !peer.manageGlobalDns) return [];
    return [
        problem(
            "manageGlobalDns",
            true,
            "true on one stack of the pair only: it owns the Traffic Manager profile and the global name; the other registers its endpoint on that profile",
            ` on both ${own.stack} and ${peer.stack}`,
        ),
    ];
}

/** A standby replicates the peer's data services: the peer must run them, and the replica must follow the peer's current server. */
function standbyDataTierProblems(s: StackSettings, peer: DeployedPeer): string[] {
    const problems: string[] = [];
    const source = peer.postgresServerId;
    if (s.postgres && !source) {
        problems.push(problem("postgres", true, `false, or a peer that runs PostgreSQL: run pulumi up on ${s.peerStack} with postgres=true first`, ` with dr=standby (${s.peerStack} exports no postgresServerId)`));
    } else if (s.postgres && source && s.postgresReplicaOf === "") {
        problems.push(
            problem(
                "postgresReplicaOf",
                s.postgresReplicaOf,
                `the peer's server, ${source}`,
                " with dr=standby: a standby's PostgreSQL server is a read replica of the peer's. If this region already runs a server (it was active), also set postgresReprotect=true: the update replaces that server and destroys its data",
            ),
        );
    } else if (s.postgres && source && s.postgresReplicaOf.toLowerCase() !== source.toLowerCase()) {
        problems.push(
            problem(
                "postgresReplicaOf",
                s.postgresReplicaOf,
                `the peer's current server, ${source}`,
                " with dr=standby: the peer runs another server than the one this region's replica was made from (it was promoted or re-protected). Set it together with postgresReprotect=true: the update replaces this region's server with a fresh replica and destroys the current one",
            ),
        );
    }
    if (s.redis && !peer.redisCacheId) {
        problems.push(problem("redis", true, `false, or a peer that runs Redis: run pulumi up on ${s.peerStack} with redis=true first`, ` with dr=standby (${s.peerStack} exports no redisCacheId)`));
    }
    return problems;
}
