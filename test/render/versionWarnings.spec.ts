// npm run plan warns about every pinned version past its end of support on
// the day it runs (tools/versions.ts), the day injected here: in the warnings
// at the end of the text plan, and in the JSON document's `warnings`; never on
// stderr, so --json stays one document.
import * as assert from "assert";
import { main } from "../../tools/plan";
import { pinnedVersions } from "../../tools/versions";
import { session } from "../helpers";

async function run(argv: string[], today: string) {
    let [stdout, stderr] = ["", ""];
    const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } };
    await main(argv, io, session, new Date(`${today}T12:00:00Z`));
    return { stdout, stderr };
}

const pastOn = (day: string) => pinnedVersions().filter((e) => e.endOfSupport !== undefined && e.endOfSupport < day);

describe("npm run plan: versions past their end of support", function () {
    this.timeout(120_000);

    it("prints one warning per version past its end of support on the day, in the warnings after the plan", async () => {
        const { stdout, stderr } = await run(["--stack", "primary"], "2026-12-01");
        assert.strictEqual(stderr, "");
        const summary = stdout.slice(stdout.lastIndexOf("\nWarnings ("));
        assert.ok(summary.length < stdout.length && !summary.includes("Preflight ("), "the warnings come last");
        const warnings = summary.split("\n").filter((l) => l.startsWith("  warning: ") && l.includes(" is past its end of support"));
        const past = pastOn("2026-12-01");
        assert.ok(past.length > 0);
        assert.deepStrictEqual(warnings.map((w) => w.split(" is past ")[0]), past.map((e) => `  warning: ${e.component} ${e.version}`));
    });

    it("--json: in the document's warnings, none on stderr; none on a day before every end of support", async () => {
        const late = await run(["--stack", "primary", "--json"], "2026-12-01");
        assert.strictEqual(late.stderr, "");
        const versions = JSON.parse(late.stdout).warnings.filter((w: { source: string }) => w.source === "versions");
        assert.deepStrictEqual(versions.map((w: { stack: null; message: string }) => [w.stack, w.message.split(" is past ")[0]]), pastOn("2026-12-01").map((e) => [null, `warning: ${e.component} ${e.version}`]));
        const early = await run(["--stack", "primary", "--json"], "2025-01-01");
        assert.strictEqual(early.stderr, "");
        const doc = JSON.parse(early.stdout);
        assert.deepStrictEqual([doc.stacks.map((s: { stack: string }) => s.stack), doc.warnings.filter((w: { source: string }) => w.source === "versions")], [["primary"], []]);
    });
});
