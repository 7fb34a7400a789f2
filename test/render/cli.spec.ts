// The plan CLI's own behaviour on bad config: its exit code and what reaches
// stdout and stderr (its main, run in-process with the suite's renders); and
// the commands docs/design.md shows, run as written.
import * as assert from "assert";
import { main } from "../../tools/plan";
import { refactorProof, shellBlock } from "../background";
import { runMain } from "../helpers";

describe("plan CLI on bad config", () => {
    it("exits 1 and prints one line per problem, naming where the value comes from, without a stack trace", async () => {
        const { code, stdout, stderr } = await runMain(main, ["--stack", "secondary", "--config", "dr=bogus", "--config", "logscaleClusterSize=giant"]);
        assert.strictEqual(code, 1);
        assert.strictEqual(stdout, "");
        const lines = stderr.trim().split("\n");
        assert.deepStrictEqual(lines, [
            '--config dr=bogus: logscale-dr:dr: "bogus" is not allowed; allowed: "active", "standby" or "" (no DR)',
            '--config logscaleClusterSize=giant: logscale-dr:logscaleClusterSize: "giant" is not allowed; allowed: "xsmall", "small"',
        ]);
    });
});


describe("docs/design.md: proving a refactor", () => {
    it("its commands, run as written on one commit, find both stacks the same", async function () {
        this.timeout(120_000);
        const { code, stdout, stderr } = await shellBlock(refactorProof());
        assert.strictEqual(code, 0, stderr);
        assert.deepStrictEqual(stdout.trim().split("\n"), ["primary: same", "secondary: same"]);
    });
});
