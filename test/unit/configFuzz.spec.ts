// Config fuzz: random stack configurations, mixing valid and invalid values
// for every key config/keys.ts declares (and the location, the license, a
// stray key), parsed as the program parses them. Each configuration either
// parses, or is refused by a ConfigError whose every line names a key, its
// value and what is allowed, without a stack trace. An oracle written here,
// from the published rules and not from the program's checks, says which
// configurations are invalid: none of those may be accepted, and none of the
// valid ones refused. CONFIG_FUZZ_SEED and CONFIG_FUZZ_RUNS replay or extend
// a run.
import * as assert from "assert";
import fc from "fast-check";
import * as pulumi from "@pulumi/pulumi";
import { configKeys, ConfigKey } from "../../config/keys";
import { settingsFromConfig } from "../../config/load";
import { ConfigError } from "../../config/problem";

const project = "logscale-dr";
const seed = Number(process.env.CONFIG_FUZZ_SEED ?? 13);
const runs = Number(process.env.CONFIG_FUZZ_RUNS ?? 1000);

// ---------------------------------------------------------------- the oracle: the rules as published

/** Microsoft Learn, "Azure regions list" (programmatic names), with Sweden South (the pair of Sweden Central). */
const regions = (
    "australiacentral australiacentral2 australiaeast australiasoutheast austriaeast belgiumcentral brazilsouth brazilsoutheast canadacentral canadaeast centralindia centralus " +
    "chilecentral eastasia eastus eastus2 francecentral francesouth germanynorth germanywestcentral indonesiacentral israelcentral italynorth japaneast japanwest koreacentral " +
    "koreasouth malaysiawest mexicocentral newzealandnorth northcentralus northeurope norwayeast norwaywest polandcentral qatarcentral southafricanorth southafricawest " +
    "southcentralus southeastasia southindia spaincentral swedencentral swedensouth switzerlandnorth switzerlandwest uaecentral uaenorth uksouth ukwest westcentralus westeurope " +
    "westindia westus westus2 westus3"
).split(" ");

/** Microsoft Learn, "Supported Kubernetes versions in AKS", release calendar. */
const aksMinors = ["1.32", "1.33", "1.34", "1.35", "1.36", "1.37"];

/** The program's own tags (model/tags.ts), which a user tag may not name in any case. */
const programTags = ["app", "environment", "drstack", "drpair", "managedby"];

const isBool = (raw: string) => raw === "true" || raw === "false";
const asInt = (raw: string): number | undefined => (/^\s*-?[0-9]+\s*$/.test(raw) ? parseInt(raw, 10) : undefined);
const intIn = (lo: number, hi: number) => (raw: string) => {
    const n = asInt(raw);
    return n !== undefined && n >= lo && n <= hi;
};
const intOf = (values: number[]) => (raw: string) => {
    const n = asInt(raw);
    return n !== undefined && values.includes(n);
};
const oneOf = (values: string[]) => (raw: string) => values.includes(raw);
const jsonList = (raw: string): string[] | undefined => {
    try {
        const v = JSON.parse(raw);
        return Array.isArray(v) && v.every((e) => typeof e === "string") ? v : undefined;
    } catch {
        return undefined;
    }
};
const listOf = (item: (s: string) => boolean) => (raw: string) => jsonList(raw)?.every(item) ?? false;
const letterDigit = (c: string) => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9");

/** RFC 1035/1123: 1-63 letters, digits, hyphens; no hyphen first or last. */
function label(l: string, lowerOnly: boolean): boolean {
    if (l.length < 1 || l.length > 63 || l[0] === "-" || l[l.length - 1] === "-") return false;
    return [...l].every((c) => c === "-" || (lowerOnly ? (c >= "a" && c <= "z") || (c >= "0" && c <= "9") : letterDigit(c)));
}
/** Two labels or more, 253 characters at most, a top label not all digits (RFC 3696 §2). */
function hostName(h: string, lowerOnly = false): boolean {
    const parts = h.split(".");
    return h.length <= 253 && parts.length >= 2 && parts.every((p) => label(p, lowerOnly)) && !/^[0-9]+$/.test(parts[parts.length - 1]);
}
/** RFC 5321/5322: one @, a dot-atom local part of 1-64, a host name, 254 in all. */
function email(e: string): boolean {
    const parts = e.split("@");
    if (parts.length !== 2 || e.length > 254) return false;
    const [local, domain] = parts;
    const atext = (c: string) => letterDigit(c) || "!#$%&'*+/=?^_`{|}~-".includes(c);
    return local.length >= 1 && local.length <= 64 && local.split(".").every((a) => a.length > 0 && [...a].every(atext)) && hostName(domain);
}
/** https, a host name, an optional port 1-65535 (no leading zero), no user or password, nothing with spaces. */
function httpsUrl(u: string): boolean {
    if (!u.startsWith("https://") || /\s/.test(u)) return false;
    const rest = u.slice("https://".length);
    const end = [...rest].findIndex((c) => "/?#".includes(c));
    const authority = end < 0 ? rest : rest.slice(0, end);
    if (authority.includes("@")) return false;
    const colon = authority.indexOf(":");
    const [host, port] = colon < 0 ? [authority, undefined] : [authority.slice(0, colon), authority.slice(colon + 1)];
    if (port !== undefined && !(/^[1-9][0-9]{0,4}$/.test(port) && Number(port) <= 65535)) return false;
    return hostName(host);
}
/** azure-rest-api-specs ResourceGroupNameParameter: 1-90 of word characters, - . ( ), not ending with a period. */
function resourceGroup(g: string): boolean {
    const chars = [...g];
    return chars.length >= 1 && chars.length <= 90 && !g.endsWith(".") && chars.every((c) => /[\p{L}\p{Mn}\p{Nd}\p{Pc}]/u.test(c) || "-.()".includes(c));
}
/** Key Vault: 3-24 of a-z, 0-9, -; a letter first, no hyphen last, no --. */
function vaultName(v: string): boolean {
    return v.length >= 3 && v.length <= 24 && v[0] >= "a" && v[0] <= "z" && !v.endsWith("-") && !v.includes("--") && [...v].every((c) => c === "-" || (c >= "a" && c <= "z") || (c >= "0" && c <= "9"));
}
/** RFC 6890 special-purpose, multicast and reserved IPv4 blocks, as [first, last] address numbers. */
const notPublic: Array<[number, number]> = (
    [
        ["0.0.0.0", 8],
        ["10.0.0.0", 8],
        ["100.64.0.0", 10],
        ["127.0.0.0", 8],
        ["169.254.0.0", 16],
        ["172.16.0.0", 12],
        ["192.0.0.0", 24],
        ["192.0.2.0", 24],
        ["192.88.99.0", 24],
        ["192.168.0.0", 16],
        ["198.18.0.0", 15],
        ["198.51.100.0", 24],
        ["203.0.113.0", 24],
        ["224.0.0.0", 3],
    ] as Array<[string, number]>
).map(([a, bits]) => {
    const start = a.split(".").reduce((n, o) => n * 256 + Number(o), 0);
    return [start, start + 2 ** (32 - bits) - 1];
});
/**
 * Azure Storage IP rules (Microsoft Learn, storage firewall limitations): a
 * public IPv4 address, or a range /0-/30 (not /31 or /32); this program also
 * refuses ranges wider than /16 as unsafe and ranges given by a host address.
 */
function storageIpRule(r: string): boolean {
    const [address, prefix, extra] = r.split("/");
    if (extra !== undefined) return false;
    const octets = address.split(".");
    if (octets.length !== 4 || !octets.every((o) => /^(0|[1-9][0-9]*)$/.test(o) && Number(o) <= 255)) return false;
    if (prefix !== undefined && !/^(0|[1-9][0-9]*)$/.test(prefix)) return false;
    const bits = prefix === undefined ? 32 : Number(prefix);
    if (bits < 16 || (prefix !== undefined && bits > 30)) return false;
    const first = octets.reduce((n, o) => n * 256 + Number(o), 0);
    const last = first + 2 ** (32 - bits) - 1;
    if (first % 2 ** (32 - bits) !== 0) return false;
    return notPublic.every(([a, b]) => last < a || first > b);
}
/** Microsoft Learn, tag limitations; Traffic Manager and DNS: no spaces, no leading digit; storage accounts: names of 128. */
function tagList(tags: string[]): boolean {
    const keys: string[] = [];
    for (const t of tags) {
        const at = t.indexOf("=");
        if (at < 1) return false;
        const [k, v] = [t.slice(0, at), t.slice(at + 1)];
        if (k.length > 128 || v.length > 256) return false;
        if (![...k].every((c) => c.charCodeAt(0) > 32 && c.charCodeAt(0) < 127 && !"<>%&\\?/".includes(c))) return false;
        if (k[0] >= "0" && k[0] <= "9") return false;
        if (programTags.includes(k.toLowerCase()) || keys.includes(k.toLowerCase())) return false;
        keys.push(k.toLowerCase());
    }
    return tags.length <= 45;
}
const guid = (s: string) => /^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$/.test(s);

/** Whether a key's raw value, as Pulumi hands it over, is valid on its own. */
const valid: Record<Exclude<ConfigKey, "logscaleLicense">, (raw: string) => boolean> = {
    dr: oneOf(["active", "standby", ""]),
    drUseDedicatedRouting: isBool,
    drPreserveRecoveryEnv: isBool,
    manageGlobalDns: isBool,
    peerStack: (v) => v === "" || /^([A-Za-z0-9_.-]+\/){0,2}[A-Za-z0-9_.-]+$/.test(v),
    namePrefix: (v) => v.length >= 1 && v.length <= 8 && v[0] >= "a" && v[0] <= "z" && !v.endsWith("-") && !v.includes("--") && [...v].every((c) => c === "-" || (c >= "a" && c <= "z") || (c >= "0" && c <= "9")),
    environment: (v) => /^[a-z0-9-]{1,32}$/.test(v),
    drPair: (v) => /^[a-z0-9-]{1,32}$/.test(v),
    logscaleClusterType: oneOf(["basic", "ingress", "dedicated-ui", "advanced"]),
    logscaleClusterSize: oneOf(["xsmall", "small"]),
    logscaleImage: (v) => /^[a-z0-9./_-]+(:[A-Za-z0-9._-]+)?(@sha256:[a-f0-9]{64})?$/.test(v),
    kubernetesVersion: (v) => {
        const [major, minor, patch, more] = v.split(".");
        return more === undefined && aksMinors.includes(`${major}.${minor}`) && (patch === undefined || /^(0|[1-9][0-9]{0,3})$/.test(patch));
    },
    aksAdminGroupObjectIds: listOf(guid),
    globalHostname: (v) => label(v, true),
    dnsZone: (v) => v === "" || hostName(v, true),
    dnsZoneResourceGroup: (v) => v === "" || resourceGroup(v),
    acmeEmail: (v) => v === "" || email(v),
    trafficManagerProbeIntervalSeconds: intOf([10, 30]),
    trafficManagerProbeTimeoutSeconds: intIn(5, 10),
    trafficManagerToleratedFailures: intIn(0, 9),
    failoverMode: oneOf(["automatic", "manual"]),
    failoverConfirmationProbes: intIn(3, 30),
    failoverConfirmationSeconds: intIn(40, 600),
    failoverNotificationEmails: listOf(email),
    failoverNotificationWebhook: (v) => v === "" || httpsUrl(v),
    standbyTier: oneOf(["warm", "cold"]),
    failoverAlertFrequency: oneOf(["PT1M", "PT5M", "PT15M", "PT30M", "PT1H"]),
    failoverAlertWindow: oneOf(["PT1M", "PT5M", "PT15M", "PT30M", "PT1H", "PT6H", "PT12H", "P1D"]),
    deployerIpRanges: listOf(storageIpRule),
    trafficManagerTtlSeconds: intIn(0, 2147483647),
    tags: (v) => {
        const l = jsonList(v);
        return l !== undefined && tagList(l);
    },
    keyVault: isBool,
    workloadIdentity: isBool,
    entraSignIn: isBool,
    postgres: isBool,
    postgresSku: (v) => /^Standard_[BDE][0-9]+[a-z_0-9]*$/.test(v),
    postgresStorageGb: intOf([32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32767]),
    postgresVersion: oneOf(["13", "14", "15", "16", "17"]),
    postgresAdminGroupObjectId: (v) => v === "" || guid(v),
    postgresReplicaOf: (v) => {
        if (v === "") return true;
        const p = v.split("/");
        return (
            p.length === 9 &&
            p[0] === "" &&
            p[1].toLowerCase() === "subscriptions" &&
            p[2] !== "" &&
            p[3].toLowerCase() === "resourcegroups" &&
            resourceGroup(p[4]) &&
            p[5].toLowerCase() === "providers" &&
            p[6].toLowerCase() === "microsoft.dbforpostgresql" &&
            p[7].toLowerCase() === "flexibleservers" &&
            /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/i.test(p[8])
        );
    },
    postgresPromote: isBool,
    postgresPromoteOption: oneOf(["planned", "forced"]),
    postgresReprotect: isBool,
    redis: isBool,
    redisCapacity: intIn(1, 4),
    edge: oneOf(["envoyGateway", "appGateway"]),
    appGatewayCertificateSecretId: (v) => {
        if (v === "") return true;
        const m = /^https:\/\/([^./]+)\.vault\.azure\.net\/secrets\/([A-Za-z0-9-]+)(\/[a-f0-9]{32})?\/?$/.exec(v);
        return m !== null && vaultName(m[1]) && m[2].length <= 127;
    },
    allowParityDrift: listOf((k) => /^[A-Za-z0-9]+(\.[A-Za-z0-9]+)*(\.\*)?$/.test(k)),
};

/** Defaults as docs/configuration.md documents them, for the rules between keys. */
const documentedDefaults: Partial<Record<ConfigKey, string>> = {
    dr: "",
    peerStack: "",
    manageGlobalDns: "false",
    trafficManagerProbeIntervalSeconds: "10",
    trafficManagerProbeTimeoutSeconds: "5",
    failoverAlertFrequency: "PT1M",
    failoverAlertWindow: "PT1M",
    postgres: "false",
    postgresReprotect: "false",
    postgresReplicaOf: "",
    entraSignIn: "false",
    edge: "envoyGateway",
    keyVault: "true",
    appGatewayCertificateSecretId: "",
    dnsZone: "",
    dnsZoneResourceGroup: "",
    globalHostname: "logscale",
    tags: "[]",
    redis: "false",
};

const seconds = (d: string) => ({ PT1M: 60, PT5M: 300, PT15M: 900, PT30M: 1800, PT1H: 3600, PT6H: 21600, PT12H: 43200, P1D: 86400 })[d] ?? 0;

/** The rules between keys (config/rules.ts), for values each valid on its own. */
function crossKeyValid(v: (k: ConfigKey) => string, stack: string): boolean {
    const t = (k: ConfigKey) => v(k) === "true";
    if (v("dr") === "standby" && v("peerStack") === "") return false;
    if (v("peerStack") !== "" && v("peerStack").split("/").pop() === stack) return false;
    if (asInt(v("trafficManagerProbeIntervalSeconds")) === 10 && (asInt(v("trafficManagerProbeTimeoutSeconds")) ?? 0) > 9) return false;
    if (seconds(v("failoverAlertWindow")) < seconds(v("failoverAlertFrequency"))) return false;
    if (t("postgres") && t("postgresReprotect") && v("postgresReplicaOf") === "") return false;
    if (t("entraSignIn") && !t("manageGlobalDns") && v("peerStack") === "" && v("dr") !== "standby") return false;
    if (v("edge") === "appGateway" && !t("keyVault") && v("appGatewayCertificateSecretId") === "") return false;
    if (v("dnsZone") !== "" && v("dnsZoneResourceGroup") === "") return false;
    if (v("dnsZone") !== "" && v("globalHostname").length + 1 + v("dnsZone").length > 253) return false;
    if ((t("postgres") || t("redis")) && (jsonList(v("tags"))?.length ?? 0) > 10) return false;
    return true;
}

interface Generated {
    stack: string;
    location: string | undefined;
    values: Partial<Record<ConfigKey, string>>;
    license: boolean;
    stray: string | undefined;
}

/** The oracle's verdict: why the configuration is invalid, or undefined. */
function oracle(c: Generated): string | undefined {
    if (!c.license) return "no license";
    if (c.stray !== undefined) return `stray key ${c.stray}`;
    if (c.location === undefined || !regions.includes(c.location)) return `location ${JSON.stringify(c.location)}`;
    if (c.values.namePrefix === undefined) return "no namePrefix";
    for (const [k, raw] of Object.entries(c.values) as Array<[keyof typeof valid, string]>) if (!valid[k](raw)) return `${k}=${JSON.stringify(raw)}`;
    const value = (k: ConfigKey) => c.values[k] ?? documentedDefaults[k] ?? "";
    return crossKeyValid(value, c.stack) ? undefined : "a rule between keys";
}

// ---------------------------------------------------------------- generators: from the declarations, plus the issue's bad values

const text = fc.string({ maxLength: 12, unit: "grapheme-ascii" });
const octet = fc.integer({ min: 0, max: 255 });
const ipRule = fc.oneof(
    fc.tuple(octet, octet, octet, octet).map((o) => o.join(".")),
    fc.tuple(octet, octet, fc.integer({ min: 14, max: 32 })).map(([a, b, bits]) => {
        const n = (a * 256 + b) * 65536;
        const net = n - (n % 2 ** (32 - bits));
        return `${Math.floor(net / 16777216)}.${Math.floor(net / 65536) % 256}.${Math.floor(net / 256) % 256}.${net % 256}/${bits}`;
    }),
    fc.constantFrom("0.0.0.0/0", "10.1.2.0/24", "172.16.5.0/24", "192.168.1.10", "100.64.0.0/16", "127.0.0.1", "169.254.169.254", "224.0.0.0/16", "300.1.2.3", "1.2.3", "20.30.40.50/32", "20.30.40.0/31", "20.30.40.50/24", "020.30.40.50", "my-laptop", "52.1.0.0/16", "20.30.40.0/24"),
);
const tagKey = fc.oneof(
    fc.constantFrom("costCenter", "team", "owner", "App", "APP", "environment", "Environment", "drstack", "ManagedBy", "cost center", "1team", "a/b", "a%b", "équipe", "Team", "k".repeat(128), "k".repeat(129)),
    fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.-]{0,10}$/),
);
const tag = fc.oneof(
    { weight: 8, arbitrary: fc.tuple(tagKey, fc.oneof(fc.constantFrom("", "platform-logging", "v".repeat(256), "v".repeat(257)), fc.stringMatching(/^[a-z0-9 -]{0,12}$/))).map(([k, v]) => `${k}=${v}`) },
    { weight: 1, arbitrary: fc.constantFrom("team", "=x", "team==x") },
);
const tagsList = fc.oneof(
    fc.array(tag, { maxLength: 4 }),
    fc.integer({ min: 9, max: 52 }).map((n) => Array.from({ length: n }, (_, i) => `t${i}=v`)),
);
const emailish = fc.oneof(
    fc.constantFrom("platform-oncall@example.com", "ops+dr@logs.example.co.uk", "a.b@example.com", "nobody", "ops@example", "a..b@example.com", ".a@example.com", "a@b@example.com", "oncall@ex ample.com", `${"a".repeat(64)}@example.com`, `${"a".repeat(65)}@example.com`, `a@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(63)}.${"e".repeat(60)}.com`),
    fc.tuple(fc.stringMatching(/^[a-z0-9.+-]{1,8}$/), fc.stringMatching(/^[a-z0-9-]{1,8}$/)).map(([l, d]) => `${l}@${d}.com`),
);
const long137 = "h".repeat(137);
const zone250 = ["a", "b", "c"].map((c) => c.repeat(63)).join(".") + "." + "d".repeat(58);
const json = (a: fc.Arbitrary<string[]>) => a.map((l) => JSON.stringify(l));
const guidArb = fc.uuid();
const ints = (lo: number, hi: number) => fc.oneof(fc.integer({ min: lo - 3, max: hi + 3 }).map(String), fc.constantFrom("ten", "1.5", "", " 7", "1e1", "-0"));

/** Candidate raw values per key: the declared default and valid values, then the bad ones (the issue's among them). */
function candidates(key: ConfigKey): fc.Arbitrary<string> {
    const spec = configKeys[key];
    const declaredDefault = "default" in spec && spec.default !== undefined ? [typeof spec.default === "string" ? spec.default : JSON.stringify(spec.default)] : [];
    const specific: Partial<Record<ConfigKey, fc.Arbitrary<string>>> = {
        dr: fc.constantFrom("active", "standby", "", "primary", "Active", " active"),
        peerStack: fc.constantFrom("", "acme/logscale-dr/primary", "acme/logscale-dr/secondary", "primary", "a/b/c/d", "has space", "acme/logscale-dr/tertiary"),
        namePrefix: fc.oneof(fc.constantFrom("lsdr", "lsdr-pri", "a", "a1-b2", "lsdr-", "ls--pri", "Lsdr", "toolongprefix", "1abc", "-a", ""), fc.stringMatching(/^[a-z][a-z0-9-]{0,9}$/)),
        environment: fc.oneof(fc.constantFrom("production", "dev-1", "", "Prod", "p".repeat(33)), fc.stringMatching(/^[a-z0-9-]{0,34}$/)),
        drPair: fc.oneof(fc.constantFrom("acme-logscale", "", "Acme", "x".repeat(32), "x".repeat(33)), fc.stringMatching(/^[a-z0-9-]{0,34}$/)),
        logscaleClusterType: fc.constantFrom("basic", "ingress", "dedicated-ui", "advanced", "huge"),
        logscaleClusterSize: fc.constantFrom("xsmall", "small", "giant"),
        logscaleImage: fc.constantFrom("humio/humio-core:1.159.1", "humio/humio-core:1.160.0@sha256:" + "a".repeat(64), "Humio/Core", "repo:tag:tag", "", "humio/humio-core:latest"),
        kubernetesVersion: fc.oneof(fc.constantFrom("1.35", "1.32", "1.37.1", "1.99", "1.31", "latest", "1.35.02", "1.35.10000", "1.35.", "v1.35", "1.35.9999"), fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 30, max: 39 })).map(([a, b]) => `${a}.${b}`)),
        aksAdminGroupObjectIds: fc.oneof(json(fc.array(guidArb, { maxLength: 3 })), fc.constant('["admins"]'), fc.constant("not json"), fc.constant("[1]")),
        globalHostname: fc.oneof(fc.constantFrom("logscale", "l", "-a", "a-", "Logscale", "h".repeat(63), "h".repeat(64), long137, "a.b"), fc.stringMatching(/^[a-z0-9-]{1,8}$/)),
        dnsZone: fc.constantFrom("", "logs.example.com", "example.com", "com", "a.123", "Logs.Example.com", `${long137}.example.com`, zone250, `${zone250}.io`, "a..b", "-a.com", "not a zone", "xn--p1ai.example"),
        dnsZoneResourceGroup: fc.constantFrom("", "dns-global", "dns.global.", "r".repeat(90), "r".repeat(91), "grüppe", "a b", "(x)", "a/b"),
        acmeEmail: fc.oneof(fc.constant(""), emailish),
        failoverNotificationEmails: json(fc.array(emailish, { maxLength: 3 })),
        failoverNotificationWebhook: fc.constantFrom(
            "",
            "https://hooks.example.com/dr",
            "https://hooks.example.com:8443/dr?x=1",
            "https://hooks.example.com",
            "http://hooks.example.com/dr",
            "https://user:secret@hooks.example.com/dr",
            `https://${long137}.example.com/dr`,
            "https://hooks.example.com:0/dr",
            "https://hooks.example.com:99999/dr",
            "https://hooks/dr",
            "https://hooks.example.com/a b",
            "https://192.0.2.1/x",
        ),
        deployerIpRanges: json(fc.array(ipRule, { maxLength: 3 })),
        tags: json(tagsList),
        postgresSku: fc.constantFrom("Standard_D2ds_v5", "Standard_B2ms", "GP_Gen5_2", "standard_d2"),
        postgresAdminGroupObjectId: fc.oneof(fc.constant(""), guidArb, fc.constantFrom("pg-admins", "0b5c1f7e-2f7a-4a36-9a87-6d0c4d2a9e1")),
        postgresReplicaOf: fc.constantFrom(
            "",
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/lsdr-pri-logscale-eastus/providers/Microsoft.DBforPostgreSQL/flexibleServers/lsdr-pri-pg",
            "/subscriptions/s/resourceGroups/old./providers/Microsoft.DBforPostgreSQL/flexibleServers/gone-pg",
            "lsdr-pri-pg",
            `/subscriptions/s/resourceGroups/${"r".repeat(91)}/providers/Microsoft.DBforPostgreSQL/flexibleServers/x-pg`,
        ),
        appGatewayCertificateSecretId: fc.constantFrom(
            "",
            "https://certs.vault.azure.net/secrets/logscale",
            "https://certs.vault.azure.net/secrets/logscale/" + "0".repeat(32),
            "https://kv--logs.vault.azure.net/secrets/logscale-tls",
            "https://1kv.vault.azure.net/secrets/x",
            "http://example.com/cert",
            "https://certs.vault.azure.net/secrets/" + "s".repeat(128),
        ),
        allowParityDrift: fc.oneof(json(fc.array(fc.constantFrom("kubernetesVersion", "pools.ui.vmSize", "pools.*", "pools ui", "*"), { maxLength: 2 })), fc.constant("{}")),
        failoverAlertFrequency: fc.constantFrom("PT1M", "PT5M", "PT15M", "PT30M", "PT1H", "PT2M"),
        failoverAlertWindow: fc.constantFrom("PT1M", "PT5M", "PT15M", "PT30M", "PT1H", "PT6H", "PT12H", "P1D", "PT2H"),
        failoverMode: fc.constantFrom("automatic", "manual", "auto"),
        standbyTier: fc.constantFrom("warm", "cold", "hot"),
        postgresVersion: fc.constantFrom("13", "14", "15", "16", "17", "12", "16.1"),
        postgresPromoteOption: fc.constantFrom("planned", "forced", "soon"),
        edge: fc.constantFrom("envoyGateway", "appGateway", "nginx", "haproxy"),
        trafficManagerProbeIntervalSeconds: fc.constantFrom("10", "30", "20", "x"),
        trafficManagerProbeTimeoutSeconds: ints(5, 10),
        trafficManagerToleratedFailures: ints(0, 9),
        failoverConfirmationProbes: ints(3, 30),
        failoverConfirmationSeconds: ints(40, 600),
        trafficManagerTtlSeconds: fc.oneof(fc.constantFrom("-1", "0", "2147483647", "2147483648", "99999999999999999999"), ints(0, 300)),
        postgresStorageGb: fc.constantFrom("32", "100", "128", "32767", "32768"),
        redisCapacity: ints(1, 4),
    };
    // Booleans, and any key not listed above, by their declared type.
    const byType: Record<string, fc.Arbitrary<string>> = {
        boolean: fc.constantFrom("true", "false", "yes", "1", "TRUE", ""),
        integer: ints(0, 10),
        array: fc.oneof(json(fc.array(text, { maxLength: 2 })), text),
        string: text,
    };
    const own = specific[key] ?? byType[spec.type];
    return fc.oneof({ weight: 6, arbitrary: declaredDefault.length ? fc.oneof(fc.constantFrom(...declaredDefault), own) : own }, { weight: 1, arbitrary: byType[spec.type] });
}

const plainKeys = (Object.keys(configKeys) as ConfigKey[]).filter((k) => !("secret" in configKeys[k] && configKeys[k].secret));
/** Each key's candidates, built once (building a regular-expression arbitrary is not cheap). */
const candidatesOf = Object.fromEntries(plainKeys.map((k) => [k, candidates(k)])) as Record<ConfigKey, fc.Arbitrary<string>>;

const badLocations = ["mars", "East US", "", "westeurope2", "denmarkeast", "constructor", undefined];
const goodLocations = ["eastus", "westus", "westeurope", "italynorth", "swedensouth"];

const tagsOf = (n: number, key = (i: number) => `t${i}`) => JSON.stringify(Array.from({ length: n }, (_, i) => `${key(i)}=v`));

/** The issue's bad values, one key at a time, with the valid values at their edges. */
const issueValues: Array<[ConfigKey | "location", string | undefined]> = [
    ...["0.0.0.0/0", "0.0.0.0/1", "20.0.0.0/8", "52.0.0.0/15", "10.0.0.0/16", "172.16.0.0/16", "172.31.255.0/24", "192.168.0.0/24", "192.168.1.10", "100.64.0.0/16", "100.127.1.1", "127.0.0.1", "169.254.169.254", "198.18.0.0/16", "203.0.113.7", "224.0.0.1", "255.255.255.255"].map((r) => ["deployerIpRanges", JSON.stringify([r])] as [ConfigKey, string]),
    ...["1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.4/", "1.2.3.4/33", "1.2.3.4/016", "20.30.40.50/32", "20.30.40.0/31", "20.30.40.50/24", "20.30.41.0/23", "my-laptop", " 20.30.40.50"].map((r) => ["deployerIpRanges", JSON.stringify([r])] as [ConfigKey, string]),
    ...["20.30.40.50", "52.1.0.0/16", "20.30.40.0/30", "20.30.40.0/24", "100.128.0.0/16", "172.32.0.0/16"].map((r) => ["deployerIpRanges", JSON.stringify([r, "20.30.40.51"])] as [ConfigKey, string]),
    ["tags", tagsOf(46)],
    ["tags", tagsOf(51)],
    ["tags", tagsOf(45)],
    ["tags", tagsOf(11)],
    ["tags", tagsOf(10)],
    ...["App", "APP", "Environment", "DRSTACK", "drpair", "managedby", "cost center", "1team", "a/b", "a?b", "a&b", "a%b", "a<b", "a\\b", "équipe", "k".repeat(129)].map((k) => ["tags", JSON.stringify([`${k}=v`])] as [ConfigKey, string]),
    ["tags", JSON.stringify(["Team=a", "team=b"])],
    ["tags", JSON.stringify(["team=" + "v".repeat(257)])],
    ["tags", JSON.stringify(["k".repeat(128) + "=" + "v".repeat(256)])],
    ["tags", JSON.stringify(["Team=a", "owner=b"])],
    ...["mars", "Mars", "westeurope2", "denmarkeast", "constructor", "", undefined, "east us"].map((l) => ["location", l] as ["location", string | undefined]),
    ...["lsdr-", "a-", "ls--pri", "lsdr-pri-", "Lsdr", "1sdr", "lsdrlsdrl", "lsdr-pri", "a", "a-b-c-d"].map((v) => ["namePrefix", v] as [ConfigKey, string]),
    ...["h".repeat(137), "h".repeat(64), "h".repeat(63), "-logscale", "logscale-"].map((v) => ["globalHostname", v] as [ConfigKey, string]),
    ...[`${"h".repeat(137)}.example.com`, `${"h".repeat(63)}.example.com`, zone250, `${zone250}.io`, "a.b", "a.1", "com"].map((v) => ["dnsZone", v] as [ConfigKey, string]),
    ...["r".repeat(90), "r".repeat(91), "group.", "group.name", "grüppe", "a b"].map((v) => ["dnsZoneResourceGroup", v] as [ConfigKey, string]),
    ...["1.99", "1.31", "1.38", "1.32", "1.37.4", "1.35.01", "2.35"].map((v) => ["kubernetesVersion", v] as [ConfigKey, string]),
    ...["https://user:pw@hooks.example.com/x", `https://${"h".repeat(137)}.example.com/x`, "https://hooks.example.com:65536/x", "https://hooks.example.com:65535/x", "https://h.example.com"].map((v) => ["failoverNotificationWebhook", v] as [ConfigKey, string]),
    ["failoverNotificationWebhook", `https://${["a", "b", "c", "d"].map((c) => c.repeat(63)).join(".")}/x`],
    ["failoverNotificationWebhook", `https://${zone250}/x`],
    ...[`${"a".repeat(65)}@example.com`, `ops@${["a", "b", "c"].map((c) => c.repeat(63)).join(".")}.${"d".repeat(60)}`, `${"a".repeat(64)}@example.com`, "ops@example", "ops@@example.com"].map((v) => ["acmeEmail", v] as [ConfigKey, string]),
];

/** A key and a value for it: one of the issue's, or the first invalid of four candidates (the oracle picks). */
const focus = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...issueValues) },
    {
        weight: 2,
        arbitrary: fc.constantFrom(...plainKeys).chain((k) =>
            fc.tuple(
                fc.constant<ConfigKey | "location">(k),
                fc.array(candidatesOf[k], { minLength: 4, maxLength: 4 }).map((c): string | undefined => c.find((raw) => !valid[k as keyof typeof valid](raw)) ?? c[0]),
            ),
        ),
    },
);

/**
 * One configuration, at one of three levels: 0, every key valid on its own
 * (omitted, its default, or a valid value), so most parse unless a rule
 * between keys refuses them; 1, the same with one focused key given a value
 * that is most often invalid, so each bad value is refused on its own; 2, any
 * candidate for every key, so many bad values at once.
 */
const configuration: fc.Arbitrary<Generated> = fc
    .record({
        level: fc.constantFrom(0, 0, 0, 1, 1, 1, 1, 2),
        stack: fc.constantFrom("primary", "secondary"),
        location: fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...goodLocations) }, { weight: 1, arbitrary: fc.constantFrom(...badLocations) }),
        license: fc.oneof({ weight: 40, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
        stray: fc.oneof({ weight: 40, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom("drUseDedicatedRoutng", "cooldownSeconds", "toString", "bad key\nwith a newline") }),
        focus,
        keys: fc.record(Object.fromEntries(plainKeys.map((k) => [k, fc.tuple(fc.nat(999), candidatesOf[k])])) as Record<ConfigKey, fc.Arbitrary<[number, string]>>),
    })
    .map(({ level, stack, location, license, stray, focus: [focusKey, focusValue], keys }) => {
        const values: Partial<Record<ConfigKey, string>> = {};
        for (const k of plainKeys) {
            const [u, raw] = keys[k];
            if (k === "namePrefix" ? level === 2 && u >= 950 : u < 400) continue;
            if (level === 2 || valid[k as keyof typeof valid](raw)) values[k] = raw;
            else if (k === "namePrefix") values[k] = "lsdr";
        }
        if (level !== 1) return { stack, location, license, stray, values };
        // One bad key alone: the rest of the configuration clean.
        const clean = { stack, location: goodLocations.includes(location as string) ? location : "eastus", license: true, stray: undefined };
        if (focusKey === "location") return { ...clean, location: focusValue, values };
        return { ...clean, values: { ...values, [focusKey]: focusValue as string } };
    });

// ---------------------------------------------------------------- the run

const oneLine = /^(logscale-dr:[A-Za-z]+|"logscale-dr:[^"]*"|azure-native:location): .+ is not allowed.*; allowed: \S.*$/;

describe("config fuzz: random configurations against an independent oracle", () => {
    it("every key config/keys.ts declares has an oracle rule", () => {
        assert.deepStrictEqual(plainKeys.filter((k) => !(k in valid)), []);
        assert.deepStrictEqual(Object.keys(valid).filter((k) => !plainKeys.includes(k as ConfigKey)), []);
    });

    it(`${runs} configurations: every one parses or is refused line by line; no invalid one is accepted, no valid one refused`, function () {
        this.timeout(20000);
        const started = Date.now();
        const counts = { configurations: 0, invalidAccepted: 0, validRejected: 0, rejected: 0, invalid: 0 };
        fc.assert(
            fc.property(configuration, (c) => {
                counts.configurations++;
                const config: Record<string, string> = Object.fromEntries(Object.entries(c.values).map(([k, v]) => [`${project}:${k}`, v as string]));
                if (c.location !== undefined) config["azure-native:location"] = c.location;
                if (c.license) config[`${project}:logscaleLicense`] = "license-key";
                if (c.stray !== undefined) config[`${project}:${c.stray}`] = "x";
                const why = oracle(c);
                if (why) counts.invalid++;
                try {
                    settingsFromConfig(config, { project, stack: c.stack, isSecret: (k) => k === `${project}:logscaleLicense` });
                } catch (e) {
                    counts.rejected++;
                    assert.ok(ConfigError.isConfigError(e), `not a ConfigError: ${e instanceof Error ? e.stack : String(e)}`);
                    assert.ok(pulumi.RunError.isInstance(e), "a ConfigError is a RunError, which Pulumi prints without a stack trace");
                    const lines = e.message.split("\n");
                    assert.strictEqual(lines.length, e.problems.length, `a problem spans lines:\n${e.message}`);
                    for (const line of lines) assert.match(line, oneLine);
                    assert.ok(!lines.some((l) => /^\s+at /.test(l)), "a stack trace in the message");
                    if (!why) {
                        counts.validRejected++;
                        assert.fail(`valid by the oracle, refused:\n${e.message}`);
                    }
                    return;
                }
                if (why) {
                    counts.invalidAccepted++;
                    assert.fail(`invalid by the oracle (${why}), accepted`);
                }
            }),
            { seed, numRuns: runs, endOnFailure: false },
        );
        console.log(`      config fuzz: ${counts.configurations} configurations, ${counts.invalidAccepted} invalid accepted, ${counts.rejected} rejected`);
        assert.strictEqual(counts.invalidAccepted, 0);
        assert.strictEqual(counts.validRejected, 0);
        assert.ok(counts.configurations >= 300 && counts.rejected >= 30 && counts.configurations - counts.rejected >= 30, `a mix of valid and invalid: ${JSON.stringify(counts)}`);
        assert.ok(Date.now() - started < 20000);
    });
});
