// Parity as the plan shows it: listed keys may differ, an active stack
// reports drift without stopping, and the plan prints the table (every key
// with --parity; test/render/planCli.spec.ts has the default).
import * as assert from "assert";
import { planText } from "../../tools/planOutput";
import { plan } from "../helpers";

describe("parity in the plan", () => {
    it("listed keys may differ; an active stack reports drift without stopping; the plan prints the table", async () => {
        const allowed = await plan("secondary", { kubernetesVersion: "1.32", allowParityDrift: ["kubernetesVersion"] });
        assert.match(planText(allowed, { parity: true }), /^ {2}kubernetesVersion +1\.32 +1\.35 +differs \(allowed\)$/m);
        // A promoted secondary of another cluster type than the primary's.
        const active = await plan("secondary", { dr: "active", logscaleClusterType: "dedicated-ui" });
        assert.match(planText(active, { parity: true }), /^Parity with primary \(\d+ keys, 6 differ\):$/m);
        assert.match(planText(active, { parity: true }), /^ {2}pools\.ingest\.vmSize +— +Standard_L8s_v3 +DIFFERS$/m);
        const shipped = await plan("secondary");
        assert.match(planText(shipped, { parity: true }), /^Parity with primary \(40 keys, 0 differ\):$/m);
        assert.ok(!/DIFFERS|differs \(/.test(planText(shipped, { parity: true })));
    });
});
