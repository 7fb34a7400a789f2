// Every config read and the one stack reference of the program: the stack's
// own settings, its secrets, and its peer.
import * as pulumi from "@pulumi/pulumi";
import { configKeys, StackSettings } from "./keys";
import { plainKeys, parseStackSettings, RawConfig, secretKeys, unknownKeyProblems } from "./parse";
import { Peer, qualifiedStackName, readPeer } from "./peer";
import { ConfigError, problem } from "./problem";

export interface LoadedStack {
    settings: StackSettings;
    /** The LogScale license, a Pulumi secret. */
    license: pulumi.Output<string>;
    peer: Peer;
}

/**
 * A stack's settings from its config as the Pulumi runtime holds it
 * (`<namespace>:<key>` → string): unknown keys, each key, the rules between
 * keys and the secret the program needs, every problem at once as a
 * ConfigError. Pure: the tests call it directly.
 */
export function settingsFromConfig(config: Record<string, string>, o: { project: string; stack: string; isSecret(key: string): boolean }): StackSettings {
    const problems = unknownKeyProblems(config, o.project, o.isSecret);
    const raw: RawConfig = Object.fromEntries(plainKeys.flatMap((k) => (config[`${o.project}:${k}`] === undefined ? [] : [[k, config[`${o.project}:${k}`]]])));
    let settings: StackSettings | undefined;
    try {
        settings = parseStackSettings(raw, { project: o.project, stack: o.stack, location: config["azure-native:location"] });
    } catch (e) {
        if (!ConfigError.isConfigError(e)) throw e;
        problems.push(...e.problems);
    }
    for (const k of secretKeys) if (config[`${o.project}:${k}`] === undefined) problems.push(problem(k, undefined, configKeys[k].allowed));
    if (!settings || problems.length) throw new ConfigError(problems);
    return settings;
}

/** Read and validate this stack's config, then its peer. */
export async function loadStack(): Promise<LoadedStack> {
    // isConfigSecret is exported by the SDK's runtime but not typed.
    const { isConfigSecret } = pulumi.runtime as unknown as { isConfigSecret(key: string): boolean };
    const settings = settingsFromConfig(pulumi.runtime.allConfig(), { project: pulumi.getProject(), stack: pulumi.getStack(), isSecret: isConfigSecret });
    const license = new pulumi.Config().requireSecret("logscaleLicense");
    // The organization only where peerStack leaves it out: the SDK throws when the engine passed none.
    const peerStack = settings.peerStack && qualifiedStackName(settings.peerStack, { organization: pulumi.getOrganization, project: pulumi.getProject() });
    return { settings, license, peer: await readPeer(peerStack) };
}
