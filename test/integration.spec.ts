// Against real Azure: preview a deployed stack and check that nothing
// protected would be replaced or deleted. Runs only where the Pulumi CLI,
// a backend login and Azure credentials exist; skips with the reason elsewhere.
import * as assert from "assert";
import { execFileSync } from "child_process";
import type { OpType } from "@pulumi/pulumi/automation";
import { projectRoot } from "../tools/stackFiles";

function pulumiCli(): string | undefined {
    try {
        return execFileSync("pulumi", ["version"], { encoding: "utf8", timeout: 10000 }).trim();
    } catch {
        return undefined;
    }
}

describe("integration: preview a real stack", function () {
    this.timeout(30 * 60 * 1000);
    const stackName = process.env.LOGSCALE_DR_INTEGRATION_STACK;

    before(function () {
        if (!pulumiCli()) {
            console.log("      skipped: the Pulumi CLI is not installed on this machine");
            this.skip();
        }
        if (!stackName) {
            console.log("      skipped: set LOGSCALE_DR_INTEGRATION_STACK=<org>/logscale-dr/<stack>, log in to its backend and to Azure (az login, or AZURE_*/ARM_* credentials)");
            this.skip();
        }
    });

    it("plans no replace or delete of a protected resource", async () => {
        // Loaded only where it runs: the Automation API is heavy, and every other run skips.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { LocalWorkspace } = require("@pulumi/pulumi/automation") as typeof import("@pulumi/pulumi/automation");
        const stack = await LocalWorkspace.selectStack({ stackName: stackName!, workDir: projectRoot });
        const destructive: OpType[] = ["replace", "create-replacement", "delete-replaced", "delete", "discard"];
        const hits: string[] = [];
        await stack.preview({
            diff: true,
            onEvent: (e) => {
                const m = e.resourcePreEvent?.metadata;
                if (m && destructive.includes(m.op) && (m.old?.protect || m.new?.protect)) hits.push(`${m.op} ${m.urn}`);
            },
        });
        assert.deepStrictEqual(hits, []);
    });
});
