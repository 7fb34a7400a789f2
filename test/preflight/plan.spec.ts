// The preflight in `npm run plan`: a section under each stack's text, a
// `preflight` field in its JSON document, and exit 1 on any violation.
import * as assert from "assert";
import { main } from "../../tools/plan";
import { runMain } from "../helpers";

describe("npm run plan: the preflight", function () {
    this.timeout(120_000);

    it("prints a summary line and one line per violation under the stack, and exits 1 when there are any", async () => {
        const { code, stdout } = await runMain(main, ["--stack", "secondary"]);
        const summary = /^Preflight \(secondary\): \d+ Azure resources \(\d+ against REST definitions\), \d+ Kubernetes objects, \d+ Helm releases: (no violations|(\d+) violations?)$/m.exec(stdout);
        assert.ok(summary, stdout.slice(-2000));
        const lines = stdout.split("\n").filter((l) => /^preflight: (?!not checked)/.test(l));
        assert.strictEqual(lines.length, Number(summary[2] ?? 0));
        for (const l of lines) assert.match(l, /^preflight: \S+ \S+: \S+: \S.* \(.+\)$/);
        assert.strictEqual(code, lines.length ? 1 : 0);
    });

    it("--json: a preflight field with the violations, what was checked and what was not", async () => {
        const { code, stdout } = await runMain(main, ["--stack", "secondary", "--json"]);
        const [doc] = JSON.parse(stdout).stacks;
        assert.deepStrictEqual(Object.keys(doc.preflight).sort(), ["checked", "unchecked", "violations"]);
        assert.ok(doc.preflight.checked.azureResources > 0 && doc.preflight.checked.kubernetesObjects > 0);
        for (const v of doc.preflight.violations) assert.deepStrictEqual(Object.keys(v).sort(), ["line", "property", "resource", "rule", "ruleId", "source", "urn"]);
        assert.strictEqual(code, doc.preflight.violations.length ? 1 : 0);
    });
});
