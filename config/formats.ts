// Value formats some keys share with the code that reads them: tags and ISO
// 8601 durations.

/** Tag keys the program writes itself (model/tags.ts); user tags may not override them. */
export const reservedTagKeys = ["app", "environment", "drStack", "drPair", "managedBy"] as const;

/** A `key=value` tag as Azure accepts it, or undefined. */
export function parseTag(tag: string): [string, string] | undefined {
    const at = tag.indexOf("=");
    if (at <= 0) return undefined;
    const [key, value] = [tag.slice(0, at), tag.slice(at + 1)];
    if (key.length > 512 || value.length > 256 || /[<>%&\\?/]/.test(key)) return undefined;
    if ((reservedTagKeys as readonly string[]).includes(key)) return undefined;
    return [key, value];
}

/** The user's `tags`, by key (the values are valid: the key's check ran). */
export function userTags(tags: readonly string[]): Record<string, string> {
    return Object.fromEntries(tags.map(parseTag).filter((t): t is [string, string] => t !== undefined));
}

/** Seconds in an ISO 8601 duration of days, hours and minutes (the alert windows). */
export function isoDurationSeconds(d: string): number {
    const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(d);
    if (!m) throw new Error(`not an ISO 8601 duration: ${d}`);
    return Number(m[1] ?? 0) * 86400 + Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60;
}
