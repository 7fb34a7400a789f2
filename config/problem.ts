// How a config problem is told: one line naming the key, the value given and
// what is allowed; all of a stack's problems together, without a stack trace.
import * as pulumi from "@pulumi/pulumi";
import { projectName } from "../contract";

/**
 * Every problem found in a stack's config, one line each. A RunError, so
 * Pulumi prints the lines without a stack trace.
 */
export class ConfigError extends pulumi.RunError {
    constructor(readonly problems: string[]) {
        super(problems.join("\n"));
        this.name = "ConfigError";
    }

    static isConfigError(e: unknown): e is ConfigError {
        return e instanceof Error && e.name === "ConfigError" && Array.isArray((e as ConfigError).problems);
    }
}

/**
 * One line naming the key, the value given and what is allowed.
 * `key` is either a project key or a fully qualified one (azure-native:location).
 */
export function problem(key: string, value: unknown, allowed: string, context = ""): string {
    const qualified = key.includes(":") ? key : `${projectName}:${key}`;
    const shown = value === undefined ? "(unset)" : JSON.stringify(value);
    return `${qualified}: ${shown} is not allowed${context}; allowed: ${allowed}`;
}
