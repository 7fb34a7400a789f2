// Raw config, as Pulumi hands it over (strings by key), to typed settings:
// every key by its entry in config/keys.ts, then the cross-key rules. Every
// problem is collected and reported together.
import { configKeys, ConfigKey, retiredKeys, isSecretKey, KeySpec, KeyType, PlainConfigKey, Settings, StackSettings } from "./keys";
import { ConfigError, problem } from "./problem";
import { azureRegions, isKnownRegion } from "./regions";
import { crossKeyProblems } from "./rules";

/** Raw config as Pulumi hands it over: strings by project key (secrets left out). */
export type RawConfig = Partial<Record<ConfigKey, string>>;

type Value = string | boolean | number | string[];

function parseRaw(type: KeyType, raw: string): { value: Value } | undefined {
    switch (type) {
        case "string":
            return { value: raw };
        case "boolean":
            return raw === "true" || raw === "false" ? { value: raw === "true" } : undefined;
        case "integer":
            return /^-?\d+$/.test(raw.trim()) ? { value: Number(raw) } : undefined;
        case "array": {
            try {
                const parsed = JSON.parse(raw);
                return Array.isArray(parsed) && parsed.every((v) => typeof v === "string") ? { value: parsed } : undefined;
            } catch {
                return undefined;
            }
        }
    }
}

export const plainKeys = (Object.keys(configKeys) as ConfigKey[]).filter((k): k is PlainConfigKey => !isSecretKey(k));
/** The keys the program reads as Pulumi secrets. */
export const secretKeys = (Object.keys(configKeys) as ConfigKey[]).filter(isSecretKey);

/** Each plain key's value, or its problem. */
function parseKeys(raw: RawConfig): { values: Partial<Record<PlainConfigKey, Value>>; problems: string[] } {
    const values: Partial<Record<PlainConfigKey, Value>> = {};
    const problems: string[] = [];
    for (const key of plainKeys) {
        const spec = configKeys[key] as KeySpec<Value>;
        const given = raw[key];
        if (given === undefined) {
            if (spec.default === undefined) problems.push(problem(key, undefined, spec.allowed));
            else values[key] = spec.default;
            continue;
        }
        const parsed = parseRaw(spec.type, given);
        if (!parsed || (spec.check && !spec.check(parsed.value))) {
            const why = parsed && spec.why?.(parsed.value);
            problems.push(problem(key, spec.shown ? spec.shown(given) : parsed ? parsed.value : given, spec.allowed, why ? ` (${why})` : ""));
            continue;
        }
        values[key] = parsed.value;
    }
    return { values, problems };
}

function locationProblems(location: string | undefined): string[] {
    if (!location) return [problem("azure-native:location", location, "an Azure region such as eastus")];
    if (!/^[a-z0-9]+$/.test(location)) return [problem("azure-native:location", location, "an Azure region name such as eastus (lower case, no spaces)")];
    // config/regions.ts: the regions of Microsoft Learn's "Azure regions list".
    if (!isKnownRegion(location)) return [problem("azure-native:location", location, `a known Azure region: ${azureRegions.join(", ")}`, " (not an Azure region)")];
    return [];
}

/**
 * Parse and validate a stack's raw config: each key, the location, then the
 * rules between keys (skipped for keys that failed their own check). Throws
 * every problem together as a ConfigError.
 */
export function parseStackSettings(raw: RawConfig, context: { project: string; stack: string; location?: string }): StackSettings {
    const { values, problems } = parseKeys(raw);
    problems.push(...locationProblems(context.location));
    const where = { project: context.project, stack: context.stack, location: context.location ?? "" };
    problems.push(...crossKeyProblems(values as Partial<Settings>, where));
    if (problems.length) throw new ConfigError(problems);
    return { ...(values as Settings), ...where };
}

function editDistance(a: string, b: string): number {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        let diagonal = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const above = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
            diagonal = above;
        }
    }
    return row[b.length];
}

/**
 * Project keys set in the stack that the program does not read: usually a
 * typo that would be silently ignored. Secret values are never shown.
 */
export function unknownKeyProblems(config: Record<string, string>, project: string, isSecret: (key: string) => boolean): string[] {
    const known = Object.keys(configKeys);
    return Object.entries(config)
        .filter(([key]) => key.startsWith(`${project}:`) && !known.includes(key.slice(project.length + 1)))
        .map(([rawKey, value]) => {
            const short = rawKey.slice(project.length + 1);
            // A key is shown as given unless it would break the one line (or hide what it is).
            const key = /^[\x21-\x7e]+$/.test(rawKey) ? rawKey : JSON.stringify(rawKey);
            if (Object.prototype.hasOwnProperty.call(retiredKeys, short)) return `${key}: ${isSecret(rawKey) ? "[secret]" : JSON.stringify(value)} is not allowed; allowed: removing it; it is no longer read, replaced by ${retiredKeys[short]}`;
            const [nearest, distance] = known.map((k) => [k, editDistance(short, k)] as const).reduce((best, c) => (c[1] < best[1] ? c : best));
            const hint = distance <= 3 ? `${nearest} (did you mean it?)` : "a key Pulumi.yaml declares";
            return `${key}: ${isSecret(rawKey) ? "[secret]" : JSON.stringify(value)} is not allowed; allowed: ${hint}`;
        });
}
