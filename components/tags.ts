import { StackSettings } from "../stacks/configSchema";

export type Tags = Record<string, string>;

/**
 * Tags every taggable Azure resource carries: the user's `tags`, then the
 * pair's own, which user tags cannot override. None depends on `dr`, so a
 * mode flip does not touch them.
 */
export function resourceTags(s: Pick<StackSettings, "environment" | "drPair" | "manageGlobalDns" | "tags">): Tags {
    return {
        ...s.tags,
        app: "logscale",
        environment: s.environment,
        drRole: s.manageGlobalDns ? "primary" : "secondary",
        drPair: s.drPair,
        managedBy: "pulumi",
    };
}
