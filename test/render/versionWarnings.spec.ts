// npm run plan warns, on stderr, about every pinned version past its end of
// support on the day it runs (tools/versions.ts); the day is injected here.
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

describe("npm run plan: versions past their end of support", function () {
    this.timeout(120_000);

    it("prints one warning per version past its end of support on the day, after the plan", async () => {
        const { stdout, stderr } = await run(["--stack", "primary"], "2026-12-01");
        const warnings = stderr.split("\n").filter((l) => l.startsWith("warning: "));
        const past = pinnedVersions().filter((e) => e.endOfSupport !== undefined && e.endOfSupport < "2026-12-01");
        assert.ok(past.length > 0);
        assert.deepStrictEqual(warnings.map((w) => w.split(" is past ")[0]), past.map((e) => `warning: ${e.component} ${e.version}`));
        assert.ok(!stdout.includes("is past its end of support"), "stdout carries only the plan");
    });

    it("none on a day before every end of support, and --json stays one document", async () => {
        const { stdout, stderr } = await run(["--stack", "primary", "--json"], "2025-01-01");
        assert.strictEqual(stderr, "");
        assert.strictEqual(JSON.parse(stdout).stack, "primary");
    });
});
