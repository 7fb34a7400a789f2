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

describe("integration: the deployed failover path", function () {
    this.timeout(5 * 60 * 1000);
    const outputsFile = process.env.LOGSCALE_DR_INTEGRATION_OUTPUTS;

    before(function () {
        if (!outputsFile) {
            console.log("      skipped: set LOGSCALE_DR_INTEGRATION_OUTPUTS=<a drctl --outputs file of a deployed pair> and sign in to Azure (az login, or AZURE_* credentials) with read access to the standby's witness container, from a network its storage firewall admits");
            this.skip();
        }
    });

    it("the standby's DR state record reads as this version writes it, and Traffic Manager reports the watched endpoint through ARM", async () => {
        // Loaded only where it runs.
        /* eslint-disable @typescript-eslint/no-require-imports */
        const { DefaultAzureCredential } = require("@azure/identity") as typeof import("@azure/identity");
        const { BlockBlobClient } = require("@azure/storage-blob") as typeof import("@azure/storage-blob");
        const { loadOutputs } = require("../tools/drctl/outputs") as typeof import("../tools/drctl/outputs");
        const { primaryEndpointId } = require("../tools/drctl/index") as typeof import("../tools/drctl/index");
        const { AzureOps, parseEndpointId } = require("../tools/drctl/azure") as typeof import("../tools/drctl/azure");
        const { BlobStateStore, functionPhases, personPhases } = require("../functions/failover/src/drState") as typeof import("../functions/failover/src/drState");
        const { witnessBlob, witnessContainer } = require("../contract") as typeof import("../contract");
        /* eslint-enable @typescript-eslint/no-require-imports */
        const outputs = await loadOutputs(outputsFile);
        const credential = new DefaultAzureCredential();
        const record = await new BlobStateStore(new BlockBlobClient(`${outputs.secondary.storageBlobEndpoint}${witnessContainer}/${witnessBlob}`, credential)).peek();
        if (record) assert.ok([...functionPhases, ...personPhases].includes(record.phase as never), record.phase);
        const endpointId = primaryEndpointId(outputs);
        const endpoint = await new AzureOps(credential, parseEndpointId(endpointId).subscriptionId).endpoint(endpointId);
        // The values the Traffic Manager API defines for endpointMonitorStatus (Azure/azure-rest-api-specs, trafficmanager 2022-04-01).
        assert.ok(["CheckingEndpoint", "Online", "Degraded", "Disabled", "Inactive", "Stopped", "Unmonitored"].includes(endpoint.monitorStatus), endpoint.monitorStatus);
    });
});
