// Between two renderings of one stack (a config flip such as a DR promotion):
// a create-only input that changes on a protected resource, at any depth.
// azure-native replaces a resource when a create-only property changes
// (provider/pkg/gen/properties.go, forceNew: "create" without "update"; a
// nested one it sends as an update ARM does not apply, see
// tools/replaceRules.ts), and Pulumi refuses to replace a protected resource
// (Pulumi docs, resource option `protect`), so the update stops there.
import { RecordedResource } from "../offline/engine";
import { changedPaths } from "../planDiff";
import { isUnder } from "../replaceRules";
import { restReplaceInputs, restSource } from "./azureRest";
import { managed, plainInputs, Rule, violation, Violation } from "./report";

export function createOnlyChanges(before: readonly RecordedResource[], after: readonly RecordedResource[], change: string): Violation[] {
    const earlier = new Map(before.map((r) => [r.urn, r]));
    const out: Violation[] = [];
    for (const r of managed(after, "azure-native:")) {
        const old = earlier.get(r.urn);
        if (!old || !r.options.protect) continue;
        const changed = changedPaths(plainInputs(old.inputs), plainInputs(r.inputs)).filter((p) => !r.options.ignoreChanges.some((ignored) => isUnder(ignored, p)));
        for (const c of restReplaceInputs(r.type) ?? []) {
            for (const p of changed.filter((p) => isUnder(c.path, p))) {
                const text = `createOnly: ${c.why}; ${change} changes ${p}, which replaces the resource, and it is protected`;
                out.push(violation("azure.createOnly", r, p, text, c.source));
            }
        }
    }
    return out;
}

export const createOnlyRules: Rule[] = [
    { id: "azure.createOnly", summary: "create-only properties, at any depth, do not change between renderings of a protected resource", source: `${restSource}; pulumi-azure-native provider/pkg/gen/properties.go (forceNew)` },
];
