// Names Azure requires to be unique worldwide (storage accounts, Key Vaults,
// caches): the region's prefix, what the resource is for, and a random
// suffix kept in state so the name never changes.
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";

/** 3-24 lower-case letters and digits, the strictest of the rules these names follow. */
export function globalName(namePrefix: string, purpose: string, suffix: string): string {
    return `${namePrefix.replace(/-/g, "")}${purpose}${suffix}`.slice(0, 24);
}

/** A global name with a random suffix, created once with the resource it names. */
export function uniqueName(name: string, namePrefix: string, purpose: string, opts: pulumi.CustomResourceOptions): pulumi.Output<string> {
    const suffix = new random.RandomString(`${name}-name-suffix`, { length: 6, special: false, upper: false }, opts);
    return suffix.result.apply((s) => globalName(namePrefix, purpose, s));
}
