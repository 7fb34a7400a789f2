// Watching a cold start's recovery: the LogScale pods' logs are followed
// through the real client against the fake API server, reading only what is
// new (a long-running pod's whole log is not fetched again every poll).
import * as assert from "assert";
import * as k8s from "@kubernetes/client-node";
import { logscalePodSelector } from "../../contract";
import { RegionCluster } from "../../tools/drctl/cluster";
import { RecoveryLog, recoveryFailure, recoveryLogSequence, recoveryProgress } from "../../tools/drctl/logscale";
import { FakeCluster } from "../fakes/kubernetes";
import { sharedSchema } from "../schemas";

describe("drctl follows the recovery log", () => {
    let kube: FakeCluster;
    let cluster: RegionCluster;
    let now = 0;
    const pod = "lsdr-pri-core-abc0";
    const append = (lines: string[]) => kube.logs.set(pod, [kube.logs.get(pod) ?? "", ...lines].filter(Boolean).join("\n"));

    before(async () => {
        kube = await new FakeCluster().start();
        const kc = new k8s.KubeConfig();
        kc.loadFromString(kube.kubeconfig());
        cluster = new RegionCluster(kc);
    });
    after(() => kube.stop());
    beforeEach(() => {
        kube.reset(1);
        now = Date.parse("2026-11-30T12:00:00Z");
        kube.clock = () => now;
        kube.pod(pod, { "app.kubernetes.io/name": "humio" }, { log: "" });
    });

    it("reads each poll's new lines, not the pod's whole log again, and keeps only what recovery is judged by", async () => {
        const history = Array.from({ length: 5000 }, (_, i) => `2026-11-30 info c.h.s.Something line ${i} of a long-running pod`);
        append(history);
        const log = new RecoveryLog(cluster, logscalePodSelector, "humio", () => now);
        assert.strictEqual(recoveryProgress(await log.read()), 0);
        const historyBytes = kube.logBytesServed;
        for (const [i, line] of recoveryLogSequence.entries()) {
            now += 10_000;
            append([`DataSnapshotLoader ${line} ...`, "unrelated noise"]);
            const kept = await log.read();
            assert.strictEqual(recoveryProgress(kept), i + 1);
            assert.ok(!kept.includes("noise") && !kept.includes("long-running"), "only the lines recovery is judged by are kept");
        }
        // The history at most twice (the overlap), not once per poll (five times here).
        assert.ok(kube.logBytesServed < historyBytes * 2.1, `${kube.logBytesServed} bytes served in ${recoveryLogSequence.length + 1} polls of a ${historyBytes}-byte history`);
    });

    it("a failure line stops the watch with its reason", async () => {
        const log = new RecoveryLog(cluster, logscalePodSelector, "humio", () => now);
        append([`DataSnapshotLoader ${recoveryLogSequence[0]}`]);
        assert.strictEqual(recoveryFailure(await log.read()), undefined);
        now += 10_000;
        append(["DataSnapshotLoader: found no snapshot to fetch"]);
        assert.match(recoveryFailure(await log.read()) ?? "", /the recovery source holds no global snapshot/);
    });

    it("asks the log endpoint only with parameters the Kubernetes API defines for it", async () => {
        const log = new RecoveryLog(cluster, logscalePodSelector, "humio", () => now);
        await log.read();
        now += 10_000;
        await log.read();
        const api = JSON.parse(sharedSchema("kubernetes/1.33/api_v1.json"));
        const defined = new Set<string>(api.paths["/api/v1/namespaces/{namespace}/pods/{name}/log"].parameters.map((p: { name: string }) => p.name));
        const used = new Set(kube.logQueries.flat());
        assert.deepStrictEqual([...used].filter((q) => !defined.has(q)), []);
        assert.ok(used.has("sinceSeconds") && used.has("timestamps"));
    });
});
