// The promotion diff's values (tools/planDiff.ts): each changed path with its
// value before and after, in JSON and as `path: old → new` in text, and a
// secret only ever as [secret].
import * as assert from "assert";
import { Secret } from "../../tools/offline/engine";
import { diffRenderings, diffText, valueLine } from "../../tools/planDiff";
import { oneResourceRendering } from "../helpers";

const rendering = (inputs: Record<string, unknown>) => oneResourceRendering("kubernetes:core/v1:ConfigMap", inputs);

describe("plan diff values", () => {
    const before = { data: { mode: "standby", replicas: 1, token: new Secret("old-token-value"), list: ["a"] }, spec: { flag: false } };
    const after = { data: { mode: "active", replicas: 3, token: new Secret("new-token-value"), list: ["a", "b"], extra: { nested: true } }, spec: { flag: true } };
    const [c] = diffRenderings(rendering(before), rendering(after)).changes;

    it("gives both values of each changed path, secrets redacted and an absent side left out", () => {
        assert.deepStrictEqual(c.values, [
            { path: "data.extra", new: { nested: true } },
            { path: "data.list", old: ["a"], new: ["a", "b"] },
            { path: "data.mode", old: "standby", new: "active" },
            { path: "data.replicas", old: 1, new: 3 },
            { path: "data.token", old: "[secret]", new: "[secret]" },
            { path: "spec.flag", old: false, new: true },
        ]);
        assert.deepStrictEqual(c.paths, c.values.map((v) => v.path));
    });

    it("prints old → new for scalars, elides lists and objects, and names an absent side", () => {
        assert.deepStrictEqual(c.values.map(valueLine), [
            "data.extra: (absent) → {…}",
            "data.list",
            'data.mode: "standby" → "active"',
            "data.replicas: 1 → 3",
            "data.token: [secret] → [secret]",
            "spec.flag: false → true",
        ]);
    });

    it("never shows a secret's value, in text or JSON", () => {
        const d = diffRenderings(rendering(before), rendering(after));
        for (const shown of [diffText(d, false), JSON.stringify(d)]) assert.doesNotMatch(shown, /token-value/);
    });
});
