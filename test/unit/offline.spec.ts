// The offline tools on their own: the recording engine with a tiny program
// (not this one), the log capture it relies on, the plan comparison that
// proves refactors, and the upstream schemas the tests read.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { comparePlans, PlanDoc } from "../../tools/comparePlans";
import { renderProgram, Secret } from "../../tools/offline/engine";
import { sharedSchema } from "../schemas";

const mocks: pulumi.runtime.Mocks = {
    newResource: (args) => ({ id: `${args.name}-id`, state: { ...args.inputs, generated: `out-of-${args.name}` } }),
    call: () => ({}),
};

class Thing extends pulumi.CustomResource {
    constructor(name: string, props: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
        super("test:index:Thing", name, props, opts);
    }
}

class Box extends pulumi.ComponentResource {
    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
        super("test:index:Box", name, {}, opts);
        new Thing(`${name}-inner`, { size: 1 }, { parent: this });
        this.registerOutputs({});
    }
}

function request(config: Record<string, string> = {}) {
    return { project: "p", stack: "s", config, secretKeys: [], mocks };
}

describe("offline engine", () => {
    it("records each registration as the engine receives it, and the stack's outputs", async () => {
        const rendering = await renderProgram(request({ "p:size": "3" }), async () => {
            const size = new pulumi.Config().requireNumber("size");
            const a = new Thing("a", { size, key: pulumi.secret("hush") }, { protect: true, ignoreChanges: ["size"] });
            new Box("box", { dependsOn: [a], aliases: [{ name: "old-box" }] });
            return { id: a.id, secret: pulumi.secret("also-hush") };
        });
        const byName = new Map(rendering.resources.map((r) => [r.name, r]));
        const a = byName.get("a")!;
        assert.deepStrictEqual([a.type, a.custom, a.inputs.size, a.options.protect, a.options.ignoreChanges], ["test:index:Thing", true, 3, true, ["size"]]);
        assert.ok(a.inputs.key instanceof Secret && a.inputs.key.value === "hush");
        assert.strictEqual(a.state.generated, "out-of-a");
        const box = byName.get("box")!;
        assert.deepStrictEqual([box.custom, box.options.dependsOn, box.options.aliases.map((x) => JSON.parse(x).name)], [false, [a.urn], ["old-box"]]);
        assert.strictEqual(byName.get("box-inner")!.parent, box.urn);
        assert.strictEqual(rendering.outputs.id, "a-id");
        assert.ok(rendering.outputs.secret instanceof Secret);
    });

    it("collects what the program logs (the SDK prints it as `<severity>: [runtime] <message>` when it has no engine)", async () => {
        const rendering = await renderProgram(request(), async () => {
            pulumi.log.info("an info");
            pulumi.log.warn("a warning");
            pulumi.log.error("an error");
            return {};
        });
        assert.deepStrictEqual(
            rendering.diagnostics,
            [
                { severity: "info", message: "an info" },
                { severity: "warning", message: "a warning" },
                { severity: "error", message: "an error" },
            ],
            "@pulumi/pulumi changed how it prints log messages without an engine (log/index.js): update tools/offline/sdkLogs.ts",
        );
    });

    it("a program that throws rejects with its error, leaves no unhandled rejection, and the next render starts clean", async () => {
        const unhandled: unknown[] = [];
        const onUnhandled = (e: unknown) => unhandled.push(e);
        process.on("unhandledRejection", onUnhandled);
        try {
            await assert.rejects(
                renderProgram(request(), async () => {
                    new Thing("half", {});
                    throw new Error("bad config");
                }),
                /bad config/,
            );
            const next = await renderProgram(request(), async () => ({ ok: true }));
            assert.deepStrictEqual([next.resources.map((r) => r.type), next.outputs], [["pulumi:pulumi:Stack"], { ok: true }]);
            await new Promise((r) => setImmediate(r));
            assert.deepStrictEqual(unhandled, []);
        } finally {
            process.off("unhandledRejection", onUnhandled);
        }
    });
});

describe("comparePlans", () => {
    const urn = (chain: string, name: string) => `urn:pulumi:s::p::${chain}::${name}`;
    const stack = urn("pulumi:pulumi:Stack", "p-s");
    const resource = (type: string, name: string, parent: string | null, o: { inputs?: Record<string, unknown>; aliases?: string[]; custom?: boolean } = {}) => ({
        urn: urn(parent && parent !== stack ? `${parent.split("::")[2].split("$").pop()}$${type}` : `pulumi:pulumi:Stack$${type}`, name),
        type,
        name,
        parent,
        custom: o.custom ?? true,
        inputs: o.inputs ?? {},
        options: { protect: false, ignoreChanges: [], aliases: o.aliases ?? [], dependsOn: [] },
    });
    const doc = (resources: PlanDoc["resources"]): PlanDoc => ({ project: "p", stack: "s", resources: [{ ...resource("pulumi:pulumi:Stack", "p-s", null), urn: stack, custom: false }, ...resources] });

    // Before: a component "old" holding a database; after: the component is "new", moved out of "group".
    const group = resource("test:index:Group", "group", stack, { custom: false });
    const oldBox = resource("test:index:Box", "old", group.urn, { custom: false });
    const before = doc([group, oldBox, resource("test:index:Db", "old-db", oldBox.urn, { inputs: { size: 1 } })]);
    const formerParent = `urn:pulumi:s::p::test:index:Group::group`;
    const moved = (aliases: string[], size = 1) => {
        const box = resource("test:index:Box", "new", stack, { custom: false, aliases });
        return doc([group, box, resource("test:index:Db", "new-db", box.urn, { inputs: { size } })]);
    };

    it("matches a moved and renamed component, and its child through the inherited alias", () => {
        assert.deepStrictEqual(comparePlans(before, moved([JSON.stringify({ name: "old", parentUrn: formerParent })])), []);
    });
    it("reports what an alias does not cover as removed and added", () => {
        const lines = comparePlans(before, moved([]));
        assert.deepStrictEqual(lines.map((l) => l.split(":")[0]).sort(), ["added", "added", "removed", "removed"]);
    });
    it("reports a changed input of a matched resource", () => {
        const lines = comparePlans(before, moved([JSON.stringify({ name: "old", parentUrn: formerParent })], 2));
        assert.strictEqual(lines.length, 1);
        assert.match(lines[0], /^inputs: urn:pulumi:s::p::test:index:Box\$test:index:Db::new-db: \{"size":1\} → \{"size":2\}$/);
    });
    it("reports two resources claiming the same old one", () => {
        const twice = moved([JSON.stringify({ name: "old", parentUrn: formerParent })]);
        twice.resources.push(resource("test:index:Box", "other", stack, { custom: false, aliases: [JSON.stringify({ name: "old", parentUrn: formerParent })] }));
        assert.ok(comparePlans(before, twice).some((l) => l.startsWith("alias conflict:")));
    });
});

describe("upstream schemas", () => {
    it("a missing one fails with one line naming the folder they are read from", () => {
        assert.throws(
            () => sharedSchema("no-such/file.yaml"),
            (e: Error) => !e.message.includes("\n") && /upstream schemas not found: .*\/shared\/schemas\/no-such\/file\.yaml .*\.\.\/shared\/schemas/.test(e.message),
        );
    });
});
