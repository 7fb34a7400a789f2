import { StackSettings } from "../stacks/configSchema";

export type Tags = Record<string, string>;

/** Tags every taggable Azure resource carries; they never depend on `dr`, so a mode flip does not touch them. */
export function resourceTags(s: Pick<StackSettings, "environment" | "drPair" | "manageGlobalDns">): Tags {
    return {
        app: "logscale",
        environment: s.environment,
        drRole: s.manageGlobalDns ? "primary" : "secondary",
        drPair: s.drPair,
        managedBy: "pulumi",
    };
}
