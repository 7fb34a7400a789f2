// Tags on every taggable Azure resource of every render. What is taggable is
// read from the azure-native SDK itself: a resource whose arguments have
// `tags`. The tag policy's list of exceptions must agree with it.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { untaggableTypes } from "../policy/operations";
import { RecordedResource } from "../tools/render";
import { projectRoot } from "../tools/stackFiles";
import { plan, planMode, stackModes } from "./helpers";

const sdkTaggable = new Map<string, boolean>();

/** Whether the azure-native SDK lets this resource type carry tags. */
function taggable(type: string): boolean {
    let known = sdkTaggable.get(type);
    if (known === undefined) {
        const [, module, resource] = type.split(":");
        const file = path.join(projectRoot, "node_modules/@pulumi/azure-native", module, `${resource[0].toLowerCase()}${resource.slice(1)}.d.ts`);
        const source = fs.readFileSync(file, "utf8");
        const args = source.slice(source.indexOf(`export interface ${resource}Args {`));
        known = /^ {4}tags\?:/m.test(args.slice(0, args.indexOf("\n}")));
        sdkTaggable.set(type, known);
    }
    return known;
}

const required = { app: "logscale", managedBy: "pulumi", costCenter: "platform-logging" };

describe("tags", () => {
    const renders: Array<[string, RecordedResource[]]> = [];
    before(async function () {
        this.timeout(120_000);
        for (const [stack, dr] of stackModes) renders.push([`${stack}/${dr || "none"}`, (await planMode(stack, dr)).rendering.resources]);
        renders.push(["primary/appGateway", (await plan("primary", { edge: "appGateway" }, { edge: "appGateway" })).rendering.resources]);
    });

    it("the SDK check tells taggable from untaggable resources", () => {
        assert.ok(taggable("azure-native:storage:StorageAccount"));
        assert.ok(taggable("azure-native:keyvault:Secret"));
        assert.ok(!taggable("azure-native:network:Subnet"));
        assert.ok(!taggable("azure-native:redis:LinkedServer"));
    });

    it("every taggable resource of every render carries the pair's tags and the user's", () => {
        let checked = 0;
        for (const [label, resources] of renders) {
            const drRole = label.startsWith("primary") ? "primary" : "secondary";
            for (const r of resources.filter((x) => x.custom && !x.read && x.type.startsWith("azure-native:") && taggable(x.type))) {
                const tags = (r.inputs.tags ?? {}) as Record<string, string>;
                assert.deepStrictEqual(
                    { app: tags.app, managedBy: tags.managedBy, costCenter: tags.costCenter, drRole: tags.drRole, drPair: tags.drPair, environment: tags.environment },
                    { ...required, drRole, drPair: "acme-logscale", environment: "production" },
                    `${label}: ${r.type} ${r.name}`,
                );
                checked++;
            }
        }
        assert.ok(checked >= renders.length * 30, `checked ${checked} resources`);
    });

    it("the tag policy excuses exactly the untaggable types, as the SDK defines them", () => {
        const rendered = new Set(renders.flatMap(([, rs]) => rs.filter((r) => r.custom && !r.read && r.type.startsWith("azure-native:")).map((r) => r.type)));
        const untaggableRendered = [...rendered].filter((t) => !taggable(t)).sort();
        assert.deepStrictEqual(untaggableRendered.filter((t) => !untaggableTypes.has(t)), [], "rendered untaggable types the policy would flag");
        assert.deepStrictEqual([...untaggableTypes].filter((t) => taggable(t)), [], "taggable types the policy excuses");
    });
});
