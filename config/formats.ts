// Value formats some keys share with the code that reads them: tags, IPv4
// addresses and ranges, DNS names, e-mail addresses, https URLs, resource
// group names and ISO 8601 durations. Each check says where its rule is
// published.

// ---------------------------------------------------------------- tags

/** Tag keys the program writes itself (model/tags.ts); user tags may not override them. */
export const reservedTagKeys = ["app", "environment", "drStack", "drPair", "managedBy"] as const;

/**
 * Azure tag limits (Microsoft Learn, "Use tags to organize your Azure
 * resources", Limitations): at most 50 name/value pairs per resource; a name
 * of at most 512 characters, 128 on storage accounts (the program tags its
 * storage accounts, so 128); a value of at most 256; names without
 * < > % & \ ? /. Traffic Manager and Azure DNS take no spaces in a tag name
 * nor a name starting with a digit, and Azure DNS no Unicode in it; Azure
 * Private DNS zones take only 15 tags (the program tags its Private DNS zones
 * with postgres or redis). Tag names are case-insensitive.
 */
export const tagLimits = { perResource: 50, perPrivateDnsZone: 15, nameLength: 128, valueLength: 256 } as const;

/** User tags a resource can take beside the program's own. */
export const maxUserTags = tagLimits.perResource - reservedTagKeys.length;
/** The same on a Private DNS zone (with postgres or redis). */
export const maxUserTagsWithPrivateDns = tagLimits.perPrivateDnsZone - reservedTagKeys.length;

/** Why a `key=value` tag cannot be written to every resource the program tags, or undefined. */
export function tagProblem(tag: string): string | undefined {
    const at = tag.indexOf("=");
    if (at <= 0) return "not key=value";
    const [key, value] = [tag.slice(0, at), tag.slice(at + 1)];
    if (key.length > tagLimits.nameLength) return `key longer than ${tagLimits.nameLength} characters`;
    if (value.length > tagLimits.valueLength) return `value longer than ${tagLimits.valueLength} characters`;
    if (/[<>%&\\?/]/.test(key)) return "key with one of < > % & \\ ? /";
    if (!/^[\x21-\x7e]+$/.test(key)) return "key with a space, a control or a non-ASCII character";
    if (/^[0-9]/.test(key)) return "key starting with a digit";
    const reserved = reservedTagKeys.find((r) => r.toLowerCase() === key.toLowerCase());
    if (reserved) return `key ${reserved} is the program's own (tag names are case-insensitive)`;
    return undefined;
}

/** A `key=value` tag as Azure accepts it on every resource the program tags, or undefined. */
export function parseTag(tag: string): [string, string] | undefined {
    if (tagProblem(tag) !== undefined) return undefined;
    const at = tag.indexOf("=");
    return [tag.slice(0, at), tag.slice(at + 1)];
}

/** Why the `tags` list cannot be written, or undefined: each tag, keys unique ignoring case, and how many. */
export function tagsProblem(tags: readonly string[]): string | undefined {
    for (const t of tags) {
        const why = tagProblem(t);
        if (why) return `${JSON.stringify(t)}: ${why}`;
    }
    const seen = new Map<string, string>();
    for (const t of tags) {
        const key = t.slice(0, t.indexOf("="));
        const earlier = seen.get(key.toLowerCase());
        if (earlier !== undefined) return `keys ${earlier} and ${key} are the same tag (tag names are case-insensitive)`;
        seen.set(key.toLowerCase(), key);
    }
    if (tags.length > maxUserTags) return `${tags.length} tags: a resource takes ${tagLimits.perResource}, ${reservedTagKeys.length} of them the program's own`;
    return undefined;
}

/** The user's `tags`, by key (the values are valid: the key's check ran). */
export function userTags(tags: readonly string[]): Record<string, string> {
    return Object.fromEntries(tags.map(parseTag).filter((t): t is [string, string] => t !== undefined));
}

// ---------------------------------------------------------------- IPv4

/** An IPv4 address in dotted-quad form (no leading zeros, which some parsers read as octal) as a number, or undefined. */
export function parseIpv4(s: string): number | undefined {
    if (!/^(0|[1-9]\d{0,2})(\.(0|[1-9]\d{0,2})){3}$/.test(s)) return undefined;
    const octets = s.split(".").map(Number);
    if (octets.some((o) => o > 255)) return undefined;
    return octets.reduce((n, o) => n * 256 + o, 0);
}

/**
 * Blocks that are not public Internet addresses: IANA IPv4 Special-Purpose
 * Address Registry (RFC 6890 and its updates) and the multicast and reserved
 * blocks (RFC 5771, RFC 1112).
 */
export const nonPublicIpv4Blocks: ReadonlyArray<readonly [string, number, string]> = [
    ["0.0.0.0", 8, "this network"],
    ["10.0.0.0", 8, "private"],
    ["100.64.0.0", 10, "shared address space"],
    ["127.0.0.0", 8, "loopback"],
    ["169.254.0.0", 16, "link-local"],
    ["172.16.0.0", 12, "private"],
    ["192.0.0.0", 24, "IETF protocol assignments"],
    ["192.0.2.0", 24, "documentation"],
    ["192.88.99.0", 24, "6to4 relay anycast"],
    ["192.168.0.0", 16, "private"],
    ["198.18.0.0", 15, "benchmarking"],
    ["198.51.100.0", 24, "documentation"],
    ["203.0.113.0", 24, "documentation"],
    ["224.0.0.0", 4, "multicast"],
    ["240.0.0.0", 4, "reserved"],
];

/**
 * The widest range a storage IP rule may admit. Azure takes /0-/30, but a
 * rule wider than /16 (65,536 addresses) admits a large part of the Internet
 * to the account's endpoint: refused as unsafe, like 0.0.0.0/0.
 */
export const widestStorageIpRange = 16;

/**
 * Why `rule` cannot be an Azure Storage IP network rule, or undefined.
 * Microsoft Learn, "Guidelines and limitations for the Azure Storage
 * firewall", Restrictions for IP network rules: public Internet IPv4
 * addresses only (no RFC 1918 ranges), an address or a CIDR range, "/31 or
 * /32 prefix sizes aren't supported" (give the address instead).
 */
export function storageIpRuleProblem(rule: string): string | undefined {
    const m = /^([^/]*)(?:\/(0|[1-9]\d?))?$/.exec(rule);
    const base = m ? parseIpv4(m[1]) : undefined;
    if (!m || base === undefined) return "not an IPv4 address or CIDR range";
    const bits = m[2] === undefined ? 32 : Number(m[2]);
    if (bits > 32) return "a prefix longer than /32";
    if (m[2] !== undefined && bits > 30) return `/${bits} is not supported by the storage firewall (give the address without a prefix)`;
    if (bits < widestStorageIpRange) return bits === 0 ? "admits the whole Internet" : `wider than /${widestStorageIpRange}: admits ${2 ** (32 - bits)} addresses`;
    const size = 2 ** (32 - bits);
    if (base % size !== 0) return "host bits set (give the range's network address)";
    for (const [start, blockBits, kind] of nonPublicIpv4Blocks) {
        const [blockStart, blockSize] = [parseIpv4(start) as number, 2 ** (32 - blockBits)];
        if (base < blockStart + blockSize && blockStart < base + size) return `not a public address (${start}/${blockBits}, ${kind})`;
    }
    return undefined;
}

// ---------------------------------------------------------------- DNS names

/** A DNS label (RFC 1035 §2.3.1, RFC 1123 §2.1): 1-63 letters, digits and hyphens, not starting or ending with a hyphen. */
export function isDnsLabel(label: string, o: { lowerCase?: boolean } = {}): boolean {
    return (o.lowerCase ? /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/ : /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/).test(label);
}

/** The longest name in text form: 255 octets on the wire (RFC 1035 §2.3.4) less the length octets. */
export const maxDnsNameLength = 253;

/** A host name of two labels or more, at most 253 characters, whose top-level label is not all-numeric (RFC 3696 §2). */
export function isDnsName(name: string, o: { lowerCase?: boolean } = {}): boolean {
    const labels = name.split(".");
    return name.length <= maxDnsNameLength && labels.length >= 2 && labels.every((l) => isDnsLabel(l, o)) && !/^[0-9]+$/.test(labels[labels.length - 1]);
}

// ---------------------------------------------------------------- e-mail and URLs

/**
 * An e-mail address: a dot-atom local part (RFC 5322 §3.4.1, §3.2.3) of at
 * most 64 characters, a host name domain, 254 characters in all (RFC 5321
 * §4.5.3.1: a 256-octet path, angle brackets included).
 */
export function isEmail(address: string): boolean {
    const at = address.lastIndexOf("@");
    if (at <= 0 || address.length > 254) return false;
    const [local, domain] = [address.slice(0, at), address.slice(at + 1)];
    return local.length <= 64 && /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/.test(local) && isDnsName(domain);
}

/**
 * An https URL with a host name (no user name or password: they would sit in
 * the stack config in clear), an optional port 1-65535, then an optional path,
 * query or fragment without spaces.
 */
export function isHttpsUrl(url: string): boolean {
    const m = /^https:\/\/([^/?#:@\s]+)(?::(\d{1,5}))?([/?#]\S*)?$/.exec(url);
    if (!m) return false;
    const port = m[2] === undefined ? 443 : Number(m[2]);
    return isDnsName(m[1]) && port >= 1 && port <= 65535 && !/^0/.test(m[2] ?? "");
}

// ---------------------------------------------------------------- Azure names

/**
 * A resource group name: azure-rest-api-specs common-types
 * ResourceGroupNameParameter, minLength 1, maxLength 90, pattern
 * ^[-\w\._\(\)]+$ (../shared/schemas/azure/common-types-v3.excerpt.json),
 * where \w is .NET's Unicode word class; "period (except at end)" (the
 * azure-native ResourceGroup resourceGroupName docs).
 */
export function isResourceGroupName(name: string): boolean {
    const length = [...name].length;
    return length >= 1 && length <= 90 && /^[-\p{L}\p{Mn}\p{Nd}\p{Pc}.()]+$/u.test(name) && !name.endsWith(".");
}

/**
 * A Key Vault name: 3-24 alphanumerics and hyphens, starting with a letter,
 * ending with a letter or digit, without consecutive hyphens (Microsoft Learn,
 * "Naming rules and restrictions for Azure resources", Microsoft.KeyVault
 * vaults). Lower case, as in the vault's URL.
 */
export function isKeyVaultName(name: string): boolean {
    return /^[a-z][a-z0-9-]{1,22}[a-z0-9]$/.test(name) && !name.includes("--");
}

// ---------------------------------------------------------------- durations

/** Seconds in an ISO 8601 duration of days, hours and minutes (the alert windows). */
export function isoDurationSeconds(d: string): number {
    const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(d);
    if (!m) throw new Error(`not an ISO 8601 duration: ${d}`);
    return Number(m[1] ?? 0) * 86400 + Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60;
}
