// Typed config: Pulumi.yaml declares exactly the keys the program reads, and
// every bad value is reported as one line naming the key, the value and what
// is allowed — by the same parsing and rules the program runs, without a
// render.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { deployedStackOutputNames, endpointName, StackOutputs } from "../../contract";
import { configKeys, StackSettings } from "../../config/keys";
import { settingsFromConfig } from "../../config/load";
import { parseStackSettings } from "../../config/parse";
import { Peer, peerFromOutputs, stackNameOf } from "../../config/peer";
import { ConfigError } from "../../config/problem";
import { arePairedRegions } from "../../config/regions";
import { regionSubnets } from "../../model/network";
import { regionParity } from "../../model/parity";
import { regionProblems } from "../../model/regionPlan";
import { parseArgs } from "../../tools/plan";
import { pulumiYaml } from "../../tools/syncPulumiYaml";
import { listStacks, projectRoot, readProject, readStackConfig, runtimeConfig } from "../../tools/stackFiles";
import { asArgs, Overrides, planUsageRefusal } from "../helpers";

/** A shipped stack's settings with overrides, parsed as the program parses them. */
function settingsOf(stack: string, overrides: Overrides = {}, extraSecretKeys: string[] = []): StackSettings {
    const config = readStackConfig(stack, asArgs(overrides));
    return settingsFromConfig(runtimeConfig(config.values), { project: "logscale-dr", stack, isSecret: (k) => [...config.secretKeys, ...extraSecretKeys].includes(k) });
}

/** The outputs the shipped peer stack would export once deployed, as far as the rules read them. */
function deployedOutputs(s: StackSettings): StackOutputs {
    const group = `${s.namePrefix}-logscale-${s.location}`;
    const sub = `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/${group}/providers`;
    return {
        ...(Object.fromEntries(deployedStackOutputNames.map((n) => [n, `${n} of ${s.stack}`])) as unknown as StackOutputs),
        location: s.location,
        namePrefix: s.namePrefix,
        parity: regionParity(s, regionSubnets(s)),
        ...(s.postgres ? { postgresServerId: `${sub}/Microsoft.DBforPostgreSQL/flexibleServers/${s.namePrefix}-pg` } : {}),
        ...(s.redis ? { redisCacheId: `${sub}/Microsoft.Cache/Redis/${s.namePrefix}redis` } : {}),
        ...(s.manageGlobalDns
            ? { trafficManagerProfileId: `${sub}/Microsoft.Network/trafficManagerProfiles/${s.namePrefix}-global`, trafficManagerProfileName: `${s.namePrefix}-global`, trafficManagerResourceGroup: group, primaryEndpointName: endpointName(s.namePrefix, "primary") }
            : {}),
        ...(s.entraSignIn && s.manageGlobalDns ? { signInClientId: "client", signInApplicationId: "/applications/app" } : {}),
    };
}

/** The peer a stack names: another shipped stack as deployed, or one that exports nothing. */
function peerOf(s: StackSettings): Peer {
    if (!s.peerStack) return { kind: "none" };
    const name = stackNameOf(s.peerStack);
    if (!listStacks().includes(name) || name === s.stack) return peerFromOutputs(s.peerStack, {}, () => "");
    const outputs = deployedOutputs(settingsOf(name));
    return peerFromOutputs(s.peerStack, outputs, (n) => outputs[n]);
}

/** Every problem the program reports for a shipped stack with overrides: its own config, then its peer. */
function problemsOf(stack: string, overrides: Overrides): string[] {
    let settings: StackSettings;
    try {
        settings = settingsOf(stack, overrides);
    } catch (e) {
        assert.ok(ConfigError.isConfigError(e), `expected a ConfigError, got ${e}`);
        return e.problems;
    }
    const problems = regionProblems(settings, peerOf(settings));
    assert.ok(problems.length, `${stack} with ${JSON.stringify(overrides)} has no config problem`);
    return problems;
}

describe("Pulumi.yaml", () => {
    const project = readProject();
    it("is what npm run sync:pulumi-yaml writes from config/keys.ts", () => {
        assert.strictEqual(fs.readFileSync(path.join(projectRoot, "Pulumi.yaml"), "utf8"), pulumiYaml(), "run npm run sync:pulumi-yaml");
    });
    it("declares every config key the program reads, with its type, default and description", () => {
        assert.strictEqual(project.name, "logscale-dr");
        assert.deepStrictEqual(Object.keys(project.config).sort(), Object.keys(configKeys).sort());
        for (const [key, spec] of Object.entries(configKeys)) {
            const declared = project.config[key];
            assert.strictEqual(declared.type, spec.type, `${key}: type`);
            assert.deepStrictEqual(declared.default, "default" in spec ? spec.default : undefined, `${key}: default`);
            assert.strictEqual(declared.secret ?? false, "secret" in spec, `${key}: secret`);
            assert.strictEqual(declared.description, spec.description, `${key}: description`);
        }
    });
    it("stack files set only declared keys and a location, for a pair of Azure paired regions", () => {
        const locations = ["primary", "secondary"].map((stack) => {
            const values = readStackConfig(stack).values;
            for (const key of Object.keys(values)) {
                assert.ok(key === "azure-native:location" || key.slice("logscale-dr:".length) in configKeys, `${stack}: unknown key ${key}`);
            }
            return String(values["azure-native:location"]);
        });
        assert.ok(arePairedRegions(locations[0], locations[1]), locations.join("/"));
    });
});

describe("the config reference and the README", () => {
    const readme = fs.readFileSync(path.join(projectRoot, "README.md"), "utf8");
    it("docs/configuration.md documents every config key with its default", () => {
        const reference = fs.readFileSync(path.join(projectRoot, "docs/configuration.md"), "utf8");
        for (const [key, spec] of Object.entries(configKeys)) {
            const row = reference.split("\n").find((l) => l.startsWith(`| \`${key}\` |`));
            assert.ok(row, `docs/configuration.md lacks ${key}`);
            if ("default" in spec) assert.ok(row.includes(`\`${JSON.stringify(spec.default)}\``), `${key}: default ${JSON.stringify(spec.default)} not in docs/configuration.md`);
        }
    });
    it("the README shows the two quick-start commands, and CI runs the test one", () => {
        assert.ok(readme.includes("npm ci && npm run plan"));
        assert.ok(readme.includes("npm ci && npm test"));
        assert.match(fs.readFileSync(path.join(projectRoot, ".ci/run"), "utf8"), /^npm ci && npm test$/m);
    });
});

describe("parseStackSettings", () => {
    const context = { project: "logscale-dr", stack: "primary", location: "eastus" };
    it("applies the defaults of every optional key", () => {
        const s = parseStackSettings({ namePrefix: "lsdr" }, context);
        assert.strictEqual(s.dr, "");
        assert.strictEqual(s.drUseDedicatedRouting, true);
        assert.strictEqual(s.drPreserveRecoveryEnv, true);
        assert.strictEqual(s.logscaleClusterType, "basic");
        assert.strictEqual(s.logscaleClusterSize, "xsmall");
        assert.deepStrictEqual(
            [s.trafficManagerProbeIntervalSeconds, s.trafficManagerProbeTimeoutSeconds, s.trafficManagerToleratedFailures, s.trafficManagerTtlSeconds],
            [10, 5, 2, 60],
        );
    });
    it("parses typed values from the strings Pulumi hands over", () => {
        const s = parseStackSettings(
            { namePrefix: "a1-b", dr: "standby", peerStack: "acme/logscale-dr/primary", drUseDedicatedRouting: "false", trafficManagerTtlSeconds: "30", aksAdminGroupObjectIds: '["0b5c1f7e-2f7a-4a36-9a87-6d0c4d2a9e11"]' },
            { ...context, stack: "secondary" },
        );
        assert.strictEqual(s.drUseDedicatedRouting, false);
        assert.strictEqual(s.trafficManagerTtlSeconds, 30);
        assert.deepStrictEqual(s.aksAdminGroupObjectIds, ["0b5c1f7e-2f7a-4a36-9a87-6d0c4d2a9e11"]);
    });
    it("collects every problem at once", () => {
        try {
            parseStackSettings({ dr: "primary", logscaleClusterSize: "huge" }, { ...context, location: undefined });
            assert.fail("no error");
        } catch (e) {
            assert.ok(ConfigError.isConfigError(e));
            assert.deepStrictEqual(
                e.problems.map((p) => p.split(":").slice(0, 2).join(":")),
                ["logscale-dr:dr", "logscale-dr:namePrefix", "logscale-dr:logscaleClusterSize", "azure-native:location"],
            );
            assert.ok(e.problems.some((p) => p.startsWith("logscale-dr:namePrefix: (unset) is not allowed; allowed: ")));
        }
    });
});

describe("bad config: one line naming the key, the value and what is allowed", () => {
    const cases: Array<[string, Overrides, string, RegExp]> = [
        ["secondary", { dr: "bogus" }, "dr", /^logscale-dr:dr: "bogus" is not allowed; allowed: "active", "standby" or ""/],
        ["primary", { namePrefix: "Prod_EastUS" }, "namePrefix", /"Prod_EastUS" is not allowed; allowed: 1-8 characters/],
        ["primary", { namePrefix: "toolongprefix" }, "namePrefix", /"toolongprefix" is not allowed/],
        ["primary", { logscaleClusterType: "huge" }, "logscaleClusterType", /"huge" is not allowed; allowed: "basic", "ingress", "dedicated-ui", "advanced"/],
        ["primary", { logscaleClusterSize: "giant" }, "logscaleClusterSize", /"giant" is not allowed; allowed: "xsmall", "small"/],
        ["primary", { drUseDedicatedRouting: "yes" }, "drUseDedicatedRouting", /"yes" is not allowed; allowed: true or false/],
        ["primary", { trafficManagerProbeIntervalSeconds: 20 }, "trafficManagerProbeIntervalSeconds", /20 is not allowed; allowed: 10 or 30/],
        ["primary", { trafficManagerProbeTimeoutSeconds: 11 }, "trafficManagerProbeTimeoutSeconds", /11 is not allowed; allowed: 5-10/],
        ["primary", { trafficManagerToleratedFailures: 10 }, "trafficManagerToleratedFailures", /10 is not allowed; allowed: 0-9/],
        ["primary", { trafficManagerTtlSeconds: -1 }, "trafficManagerTtlSeconds", /-1 is not allowed/],
        ["primary", { trafficManagerProbeTimeoutSeconds: 10 }, "trafficManagerProbeTimeoutSeconds", /10 is not allowed with trafficManagerProbeIntervalSeconds=10; allowed: 5-9/],
        ["secondary", { peerStack: "" }, "peerStack", /"" is not allowed with dr=standby; allowed: the primary's stack/],
        ["secondary", { peerStack: "acme/logscale-dr/secondary" }, "peerStack", /is not allowed; allowed: the other region's stack, not this one/],
        ["secondary", { peerStack: "acme/logscale-dr/tertiary" }, "peerStack", /not allowed with dr=standby: it does not export location, namePrefix, storageAccountName/],
        ["primary", { dnsZone: "not a zone" }, "dnsZone", /"not a zone" is not allowed; allowed: a DNS zone/],
        ["primary", { dnsZoneResourceGroup: "" }, "dnsZoneResourceGroup", /"" is not allowed with dnsZone set; allowed: the resource group of the DNS zone logs.example.com/],
        // The region that does not own the record issues the global name's certificate in the zone too (DNS-01).
        ["secondary", { dnsZoneResourceGroup: "" }, "dnsZoneResourceGroup", /"" is not allowed with dnsZone set; allowed: the resource group of the DNS zone logs.example.com/],
        ["primary", { aksAdminGroupObjectIds: ["admins"] }, "aksAdminGroupObjectIds", /\["admins"\] is not allowed; allowed: a list of GUIDs/],
        ["primary", { kubernetesVersion: "latest" }, "kubernetesVersion", /"latest" is not allowed/],
        ["primary", { acmeEmail: "nobody" }, "acmeEmail", /"nobody" is not allowed; allowed: an e-mail address/],
        ["secondary", { failoverMode: "auto" }, "failoverMode", /"auto" is not allowed; allowed: "automatic" or "manual"/],
        ["secondary", { failoverConfirmationProbes: 2 }, "failoverConfirmationProbes", /2 is not allowed; allowed: 3-30/],
        ["secondary", { failoverConfirmationSeconds: 601 }, "failoverConfirmationSeconds", /601 is not allowed; allowed: 40-600/],
        ["secondary", { failoverNotificationEmails: ["oncall"] }, "failoverNotificationEmails", /\["oncall"\] is not allowed \(not an e-mail address: "oncall"\); allowed: a list of e-mail addresses/],
        ["secondary", { failoverNotificationWebhook: "http://hooks.example.com/dr" }, "failoverNotificationWebhook", /"http:\/\/hooks.example.com\/…" is not allowed; allowed: an https URL .*, or ""/],
        ["secondary", { standbyTier: "hot" }, "standbyTier", /"hot" is not allowed; allowed: "warm" or "cold"/],
        ["secondary", { failoverAlertFrequency: "PT2M" }, "failoverAlertFrequency", /"PT2M" is not allowed; allowed: "PT1M", "PT5M"/],
        ["secondary", { failoverAlertFrequency: "PT5M" }, "failoverAlertWindow", /"PT1M" is not allowed; allowed: a window of at least failoverAlertFrequency \(PT5M\)/],
        ["secondary", { deployerIpRanges: ["my-laptop"] }, "deployerIpRanges", /\["my-laptop"\] is not allowed \("my-laptop": not an IPv4 address or CIDR range\); allowed: a list of public IPv4 addresses or CIDR ranges/],
        ["primary", { tags: ["team"] }, "tags", /\["team"\] is not allowed \("team": not key=value\); allowed: a list of at most 45 "key=value" strings/],
        ["primary", { tags: ["app=mine"] }, "tags", /\["app=mine"\] is not allowed \("app=mine": key app is the program's own .*\); allowed: .*other than app, environment, drStack, drPair, managedBy/],
        ["primary", { postgresStorageGb: 100 }, "postgresStorageGb", /100 is not allowed; allowed: 32, 64, 128/],
        ["primary", { postgresVersion: "12" }, "postgresVersion", /"12" is not allowed; allowed: "13", "14", "15", "16", "17"/],
        ["primary", { postgresSku: "GP_Gen5_2" }, "postgresSku", /"GP_Gen5_2" is not allowed; allowed: a flexible server SKU/],
        ["secondary", { postgresReplicaOf: "lsdr-pri-pg" }, "postgresReplicaOf", /"lsdr-pri-pg" is not allowed; allowed: "" or a flexible server resource id/],
        ["secondary", { postgresPromoteOption: "soon" }, "postgresPromoteOption", /"soon" is not allowed; allowed: "planned" or "forced"/],
        ["primary", { postgresReprotect: true }, "postgresReprotect", /true is not allowed; allowed: false, or true together with postgresReplicaOf/],
        ["primary", { redisCapacity: 5 }, "redisCapacity", /5 is not allowed; allowed: 1-4/],
        ["primary", { edge: "nginx" }, "edge", /"nginx" is not allowed; allowed: "envoyGateway" or "appGateway" \("nginx" is now "envoyGateway"\)/],
        ["primary", { edge: "haproxy" }, "edge", /"haproxy" is not allowed; allowed: "envoyGateway" or "appGateway"/],
        ["primary", { appGatewayCertificateSecretId: "http://example.com/cert" }, "appGatewayCertificateSecretId", /is not allowed; allowed: "" or a Key Vault secret URL/],
        ["secondary", { allowParityDrift: ["pools ui"] }, "allowParityDrift", /\["pools ui"\] is not allowed; allowed: a list of parity keys/],
        ["primary", { drUseDedicatedRoutng: false }, "drUseDedicatedRoutng", /"false" is not allowed; allowed: drUseDedicatedRouting \(did you mean it\?\)$/],
        ["primary", { clusterColour: "blue" }, "clusterColour", /"blue" is not allowed; allowed: a key Pulumi.yaml declares$/],
        ["primary", { "azure-native:location": "East US" }, "azure-native:location", /"East US" is not allowed; allowed: an Azure region name/],
        ["secondary", { "azure-native:location": "eastus" }, "azure-native:location", /"eastus" is not allowed \(peer primary is in eastus too\)/],
        ["secondary", { "azure-native:location": "westeurope" }, "azure-native:location", /"westeurope" is not allowed with a peer in eastus; allowed: the Azure pair of the peer's region \(westus\)/],
    ];
    for (const [stack, overrides, key, message] of cases) {
        it(`${stack}: ${JSON.stringify(overrides)}`, () => {
            const problems = problemsOf(stack, overrides);
            assert.strictEqual(problems.length, 1, problems.join("\n"));
            const qualified = key.includes(":") ? key : `logscale-dr:${key}`;
            assert.ok(problems[0].startsWith(`${qualified}: `), problems[0]);
            assert.match(problems[0], message);
            assert.match(problems[0], /; allowed: \S/);
        });
    }

    // Issue 13 (security baseline): each unsafe or invalid value the issue names, and the others found beside them,
    // refused with its exact line. The allowed texts are spelled out so that a change to one shows here.
    const ipAllowed =
        "a list of public IPv4 addresses or CIDR ranges /16-/30 given by their network address: not private (10/8, 172.16/12, 192.168/16), shared (100.64/10), loopback, link-local, documentation, multicast or reserved; no /31 or /32 (the storage firewall takes the address alone); nothing wider than /16 (unsafe: it admits much of the Internet)";
    const tagsAllowed =
        'a list of at most 45 "key=value" strings (Azure takes 50 tags, 5 are the program\'s): keys of 1-128 printable ASCII characters without spaces or < > % & \\ ? /, not starting with a digit, unique ignoring case, other than app, environment, drStack, drPair, managedBy in any case; values up to 256 characters';
    const regions =
        "australiacentral, australiacentral2, australiaeast, australiasoutheast, austriaeast, belgiumcentral, brazilsouth, brazilsoutheast, canadacentral, canadaeast, centralindia, centralus, chilecentral, eastasia, eastus, eastus2, francecentral, francesouth, germanynorth, germanywestcentral, indonesiacentral, israelcentral, italynorth, japaneast, japanwest, koreacentral, koreasouth, malaysiawest, mexicocentral, newzealandnorth, northcentralus, northeurope, norwayeast, norwaywest, polandcentral, qatarcentral, southafricanorth, southafricawest, southcentralus, southeastasia, southindia, spaincentral, swedencentral, swedensouth, switzerlandnorth, switzerlandwest, uaecentral, uaenorth, uksouth, ukwest, westcentralus, westeurope, westindia, westus, westus2, westus3";
    const tags = (n: number) => Array.from({ length: n }, (_, i) => `t${i}=v`);
    const dnsZoneAllowed = 'a DNS zone such as logs.example.com: two labels or more of 1-63 characters of a-z, 0-9 and -, not starting or ending with -, at most 253 characters; or ""';
    const groupAllowed = 'a resource group name: 1-90 letters, digits, _, -, ., ( and ), not ending with .; or ""';
    const emailAllowed = "an e-mail address (a local part of at most 64 characters, a host name; 254 characters in all)";
    const webhookAllowed = 'an https URL with a host name and no user name or password (it would sit in the stack config in clear), or ""';
    const longLabel = "h".repeat(137);
    const zone250 = ["a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(58)].join(".");
    const zone255 = ["a", "b", "c", "d"].map((c) => c.repeat(63)).join(".");
    const exact: Array<[string, Overrides, string]> = [
        // Storage IP rules (the function host's firewall): allow-all, too wide, private, shared, malformed, /32, host bits.
        ["primary", { deployerIpRanges: ["0.0.0.0/0"] }, `logscale-dr:deployerIpRanges: ["0.0.0.0/0"] is not allowed ("0.0.0.0/0": admits the whole Internet); allowed: ${ipAllowed}`],
        ["primary", { deployerIpRanges: ["20.0.0.0/8"] }, `logscale-dr:deployerIpRanges: ["20.0.0.0/8"] is not allowed ("20.0.0.0/8": wider than /16: admits 16777216 addresses); allowed: ${ipAllowed}`],
        ["primary", { deployerIpRanges: ["10.1.2.0/24"] }, `logscale-dr:deployerIpRanges: ["10.1.2.0/24"] is not allowed ("10.1.2.0/24": not a public address (10.0.0.0/8, private)); allowed: ${ipAllowed}`],
        ["primary", { deployerIpRanges: ["172.20.0.0/16"] }, `logscale-dr:deployerIpRanges: ["172.20.0.0/16"] is not allowed ("172.20.0.0/16": not a public address (172.16.0.0/12, private)); allowed: ${ipAllowed}`],
        ["primary", { deployerIpRanges: ["192.168.1.10"] }, `logscale-dr:deployerIpRanges: ["192.168.1.10"] is not allowed ("192.168.1.10": not a public address (192.168.0.0/16, private)); allowed: ${ipAllowed}`],
        ["primary", { deployerIpRanges: ["100.64.0.0/16"] }, `logscale-dr:deployerIpRanges: ["100.64.0.0/16"] is not allowed ("100.64.0.0/16": not a public address (100.64.0.0/10, shared address space)); allowed: ${ipAllowed}`],
        ["primary", { deployerIpRanges: ["300.1.2.3"] }, `logscale-dr:deployerIpRanges: ["300.1.2.3"] is not allowed ("300.1.2.3": not an IPv4 address or CIDR range); allowed: ${ipAllowed}`],
        ["primary", { deployerIpRanges: ["020.30.40.50"] }, `logscale-dr:deployerIpRanges: ["020.30.40.50"] is not allowed ("020.30.40.50": not an IPv4 address or CIDR range); allowed: ${ipAllowed}`],
        [
            "primary",
            { deployerIpRanges: ["20.30.40.50/32"] },
            `logscale-dr:deployerIpRanges: ["20.30.40.50/32"] is not allowed ("20.30.40.50/32": /32 is not supported by the storage firewall (give the address without a prefix)); allowed: ${ipAllowed}`,
        ],
        ["primary", { deployerIpRanges: ["20.30.40.50/24"] }, `logscale-dr:deployerIpRanges: ["20.30.40.50/24"] is not allowed ("20.30.40.50/24": host bits set (give the range's network address)); allowed: ${ipAllowed}`],
        // Tags: more than Azure takes, reserved keys in another case, duplicates, what storage accounts, Traffic Manager and DNS refuse.
        ["primary", { tags: tags(46) }, `logscale-dr:tags: ${JSON.stringify(tags(46))} is not allowed (46 tags: a resource takes 50, 5 of them the program's own); allowed: ${tagsAllowed}`],
        ["primary", { tags: tags(11) }, `logscale-dr:tags: ${JSON.stringify(tags(11))} is not allowed with postgres=true (11 tags); allowed: at most 10 tags (a Private DNS zone takes 15, 5 of them the program's own)`],
        ["primary", { tags: ["App=mine"] }, `logscale-dr:tags: ["App=mine"] is not allowed ("App=mine": key app is the program's own (tag names are case-insensitive)); allowed: ${tagsAllowed}`],
        ["primary", { tags: ["MANAGEDBY=me"] }, `logscale-dr:tags: ["MANAGEDBY=me"] is not allowed ("MANAGEDBY=me": key managedBy is the program's own (tag names are case-insensitive)); allowed: ${tagsAllowed}`],
        ["primary", { tags: ["Team=a", "team=b"] }, `logscale-dr:tags: ["Team=a","team=b"] is not allowed (keys Team and team are the same tag (tag names are case-insensitive)); allowed: ${tagsAllowed}`],
        ["primary", { tags: ["cost center=x"] }, `logscale-dr:tags: ["cost center=x"] is not allowed ("cost center=x": key with a space, a control or a non-ASCII character); allowed: ${tagsAllowed}`],
        ["primary", { tags: ["1team=x"] }, `logscale-dr:tags: ["1team=x"] is not allowed ("1team=x": key starting with a digit); allowed: ${tagsAllowed}`],
        ["primary", { tags: ["a/b=x"] }, `logscale-dr:tags: ["a/b=x"] is not allowed ("a/b=x": key with one of < > % & \\ ? /); allowed: ${tagsAllowed}`],
        ["primary", { tags: [`${"k".repeat(129)}=v`] }, `logscale-dr:tags: ["${"k".repeat(129)}=v"] is not allowed ("${"k".repeat(129)}=v": key longer than 128 characters); allowed: ${tagsAllowed}`],
        ["primary", { tags: [`team=${"v".repeat(257)}`] }, `logscale-dr:tags: ["team=${"v".repeat(257)}"] is not allowed ("team=${"v".repeat(257)}": value longer than 256 characters); allowed: ${tagsAllowed}`],
        // Regions: unknown, and a standby outside the pair of the primary's region.
        ["primary", { "azure-native:location": "mars" }, `azure-native:location: "mars" is not allowed (not an Azure region); allowed: a known Azure region: ${regions}`],
        ["secondary", { "azure-native:location": "mars" }, `azure-native:location: "mars" is not allowed (not an Azure region); allowed: a known Azure region: ${regions}`],
        ["secondary", { "azure-native:location": "italynorth" }, `azure-native:location: "italynorth" is not allowed with a peer in eastus; allowed: the Azure pair of the peer's region (westus)`],
        // Names: a prefix ending in - or holding --, DNS names over their limits (a 137-character label), resource group names.
        ["primary", { namePrefix: "lsdr-" }, 'logscale-dr:namePrefix: "lsdr-" is not allowed; allowed: 1-8 characters of a-z, 0-9 and -, starting with a letter, ending with a letter or digit, without --'],
        ["primary", { namePrefix: "ls--pri" }, 'logscale-dr:namePrefix: "ls--pri" is not allowed; allowed: 1-8 characters of a-z, 0-9 and -, starting with a letter, ending with a letter or digit, without --'],
        ["primary", { dnsZone: `${longLabel}.example.com` }, `logscale-dr:dnsZone: "${longLabel}.example.com" is not allowed; allowed: ${dnsZoneAllowed}`],
        ["primary", { dnsZone: zone255 }, `logscale-dr:dnsZone: "${zone255}" is not allowed; allowed: ${dnsZoneAllowed}`],
        [
            "primary",
            { dnsZone: zone250 },
            `logscale-dr:dnsZone: "${zone250}" is not allowed with globalHostname=logscale (the global name logscale.<dnsZone> would be longer than 253); allowed: a zone of at most 244 characters`,
        ],
        ["primary", { globalHostname: longLabel }, `logscale-dr:globalHostname: "${longLabel}" is not allowed; allowed: a DNS label: 1-63 characters of a-z, 0-9 and -, not starting or ending with -`],
        ["primary", { dnsZoneResourceGroup: "dns-global." }, `logscale-dr:dnsZoneResourceGroup: "dns-global." is not allowed; allowed: ${groupAllowed}`],
        ["primary", { dnsZoneResourceGroup: "r".repeat(91) }, `logscale-dr:dnsZoneResourceGroup: "${"r".repeat(91)}" is not allowed; allowed: ${groupAllowed}`],
        [
            "secondary",
            { postgresReplicaOf: "/subscriptions/s/resourceGroups/old./providers/Microsoft.DBforPostgreSQL/flexibleServers/lsdr-pri-pg" },
            'logscale-dr:postgresReplicaOf: "/subscriptions/s/resourceGroups/old./providers/Microsoft.DBforPostgreSQL/flexibleServers/lsdr-pri-pg" is not allowed; allowed: "" or a flexible server resource id such as /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.DBforPostgreSQL/flexibleServers/<name>',
        ],
        [
            "primary",
            { appGatewayCertificateSecretId: "https://kv--logs.vault.azure.net/secrets/logscale-tls" },
            'logscale-dr:appGatewayCertificateSecretId: "https://kv--logs.vault.azure.net/secrets/logscale-tls" is not allowed; allowed: "" or a Key Vault secret URL such as https://<vault>.vault.azure.net/secrets/<name>, <vault> a Key Vault name (3-24 characters of a-z, 0-9 and -, starting with a letter, ending with a letter or digit, without --)',
        ],
        // AKS: a version outside the release calendar.
        ["primary", { kubernetesVersion: "1.99" }, 'logscale-dr:kubernetesVersion: "1.99" is not allowed; allowed: a supported AKS minor (1.32, 1.33, 1.34, 1.35, 1.36, 1.37), or one of its patches such as 1.37.1'],
        ["primary", { kubernetesVersion: "1.31" }, 'logscale-dr:kubernetesVersion: "1.31" is not allowed; allowed: a supported AKS minor (1.32, 1.33, 1.34, 1.35, 1.36, 1.37), or one of its patches such as 1.37.1'],
        // E-mail addresses and the webhook: malformed, over the RFC limits, credentials in the URL.
        ["primary", { acmeEmail: "ops@example" }, `logscale-dr:acmeEmail: "ops@example" is not allowed; allowed: ${emailAllowed}, or ""`],
        ["primary", { acmeEmail: `${"a".repeat(65)}@example.com` }, `logscale-dr:acmeEmail: "${"a".repeat(65)}@example.com" is not allowed; allowed: ${emailAllowed}, or ""`],
        ["secondary", { failoverNotificationEmails: ["oncall@ex ample.com"] }, `logscale-dr:failoverNotificationEmails: ["oncall@ex ample.com"] is not allowed (not an e-mail address: "oncall@ex ample.com"); allowed: a list of e-mail addresses (a local part of at most 64 characters, a host name; 254 characters in all)`],
        ["secondary", { failoverNotificationWebhook: "https://user:secret@hooks.example.com/dr" }, `logscale-dr:failoverNotificationWebhook: "https://hooks.example.com/…" is not allowed; allowed: ${webhookAllowed}`],
        ["secondary", { failoverNotificationWebhook: `https://${longLabel}.example.com/dr` }, `logscale-dr:failoverNotificationWebhook: "https://${longLabel}.example.com/…" is not allowed; allowed: ${webhookAllowed}`],
    ];
    for (const [stack, overrides, line] of exact) {
        it(`${stack}: ${JSON.stringify(overrides).slice(0, 100)} (exact line)`, () => {
            assert.deepStrictEqual(problemsOf(stack, overrides), [line]);
        });
    }

    it("accepts the values beside the refused ones: a public address and range, a patch version, ten tags beside postgres", () => {
        const accepted: Overrides[] = [{ deployerIpRanges: ["20.30.40.0/24", "20.30.41.7", "52.0.0.0/16"] }, { kubernetesVersion: "1.35.2" }, { tags: tags(10) }, { dnsZone: zone250, globalHostname: "l" }];
        for (const o of accepted) {
            assert.doesNotThrow(() => settingsOf("primary", o), JSON.stringify(o));
        }
        assert.doesNotThrow(() => settingsOf("primary", { tags: tags(45), postgres: false, redis: false }));
    });

    it("every known region with the longest name prefix gives a valid resource group name (the derived-name rule guards future prefixes)", () => {
        for (const location of regions.split(", ")) {
            assert.doesNotThrow(() => parseStackSettings({ namePrefix: "abcdefgh" }, { project: "logscale-dr", stack: "t", location }), location);
        }
    });

    it("a retired key is named with what replaced it", () => {
        assert.deepStrictEqual(problemsOf("secondary", { preFailoverFailureSeconds: 180, cooldownSeconds: 300 }), [
            'logscale-dr:preFailoverFailureSeconds: "180" is not allowed; allowed: removing it; it is no longer read, replaced by failoverConfirmationSeconds and failoverConfirmationProbes (the function now confirms an outage by its own probes)',
            'logscale-dr:cooldownSeconds: "300" is not allowed; allowed: removing it; it is no longer read, replaced by nothing: after a failover the function acts again only once a person re-arms it (npm run drctl -- clean-secondary)',
        ]);
    });

    it("a mistyped secret key is named without its value", () => {
        assert.throws(
            () => settingsOf("primary", { peerStack: "", logscaleLicence: "license-key-that-must-not-print" }, ["logscale-dr:logscaleLicence"]),
            (e: unknown) =>
                ConfigError.isConfigError(e) && e.problems.length === 1 && e.problems[0] === "logscale-dr:logscaleLicence: [secret] is not allowed; allowed: logscaleLicense (did you mean it?)",
        );
    });

    it("a missing license is named like any other key", () => {
        const config = readStackConfig("primary", ["peerStack="]);
        delete config.values["logscale-dr:logscaleLicense"];
        assert.throws(
            () => settingsFromConfig(runtimeConfig(config.values), { project: "logscale-dr", stack: "primary", isSecret: () => false }),
            (e: unknown) => ConfigError.isConfigError(e) && e.problems.length === 1 && /^logscale-dr:logscaleLicense: \(unset\) is not allowed; allowed: a license key/.test(e.problems[0]),
        );
    });
});

describe("plan CLI arguments", () => {
    it("renders every stack by default and one with --stack", () => {
        assert.deepStrictEqual(parseArgs([]), { stacks: ["primary", "secondary"], overrides: [], peerOverrides: [], diff: [], json: false, parity: false, help: false });
        assert.deepStrictEqual(parseArgs(["--stack", "secondary", "--config", "dr=active", "--peer-config", "dr=", "--diff", "drUseDedicatedRouting=true", "--json"]), {
            stacks: ["secondary"],
            overrides: ["dr=active"],
            peerOverrides: ["dr="],
            diff: ["drUseDedicatedRouting=true"],
            json: true,
            parity: false,
            help: false,
        });
    });
    it("refuses what it cannot do, saying why", () => {
        assert.strictEqual(planUsageRefusal(["--stack", "tertiary"]), '--stack: unknown stack "tertiary" (allowed: primary, secondary)');
        assert.strictEqual(planUsageRefusal(["--config", "dr=active"]), "--config, --peer-config and --diff apply to one stack: add --stack <name>");
        assert.strictEqual(planUsageRefusal(["--diff", "dr=active"]), "--config, --peer-config and --diff apply to one stack: add --stack <name>");
        assert.strictEqual(planUsageRefusal(["--stack", "primary", "--config", "dr"]), '--config expects key=value, got "dr"');
        assert.strictEqual(planUsageRefusal(["--stack"]), "--stack needs a value: a stack name (primary, secondary)");
        assert.match(planUsageRefusal(["--verbose"]), /^unknown argument "--verbose" \(allowed: --stack <primary\|secondary>, .*--help\)$/);
    });
});
