// Tags every taggable Azure resource carries.
import { reservedTagKeys, userTags } from "../config/formats";
import { StackSettings } from "../config/keys";
import { Tags } from "../components/placement";

/**
 * The user's `tags`, then the pair's own, which user tags cannot override.
 * `drStack` names the stack — what a resource belongs to, true in every DR
 * mode; the mode itself is the HumioCluster's `logscale.dr/mode` annotation.
 * None depends on `dr`, so a mode flip does not touch them.
 */
export function resourceTags(s: Pick<StackSettings, "environment" | "drPair" | "stack" | "tags">): Tags {
    // Typed by the reserved keys, so the two lists cannot drift apart.
    const own: Record<(typeof reservedTagKeys)[number], string> = {
        app: "logscale",
        environment: s.environment,
        drStack: s.stack,
        drPair: s.drPair,
        managedBy: "pulumi",
    };
    return { ...userTags(s.tags), ...own };
}
