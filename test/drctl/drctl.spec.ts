// drctl against the emulators: Azurite for the buckets and the witness,
// loopback Kubernetes, ARM (through the real SDKs) and LogScale fakes.
import * as assert from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { projectRoot } from "../../tools/stackFiles";
import { logscaleSecrets, operatorAnnotations as annotations, witnessBlob, witnessContainer } from "../../contract";
import { recoveryEnvVars } from "../../model/recovery";
import { BlobStateStore, initialState } from "../../functions/failover/src/drState";
import { DrContext, promotionSettings, uncleanSecondary } from "../../tools/drctl/commands";
import { Command, contextFor, isHelp, parseArgs, run, stepsFor, UsageError } from "../../tools/drctl/index";
import { recoveryFailure, recoveryProgress, recoveryLogSequence } from "../../tools/drctl/logscale";
import { OutputsError, pairOutputs } from "../../tools/drctl/outputs";
import { bounded, Journal, Refusal, runSteps, Step } from "../../tools/drctl/runbook";
import { snapshotPrefix, SnapshotPathError } from "../../tools/drctl/snapshots";
import { readiness, replicaLagLimitSeconds, rpoLimitMinutes, secondaryEndpointId, StatusFacts } from "../../tools/drctl/status";
import { drctlStatusWithoutPulumi, restrictedPathHasPulumi, shellBlock } from "../background";
import { documentedNpmRuns } from "../docs";
import { blobNames, bucketLayout, DrHarness, drContext, forgetDrState, renderedOutputs, seedFailedBack, seedFailedOver, startDrHarness, stopDrHarness } from "./harness";

const now = () => Math.floor(Date.now() / 1000);

async function drctl(h: DrHarness, command: Command, o: { force?: boolean; failoverTime?: Date; phase?: number; dryRun?: boolean; fresh?: boolean } = {}) {
    const lines: string[] = [];
    const started = Date.now();
    const result = await run(command, drContext(h, command, o), { dryRun: o.dryRun ?? false, phase: o.phase }, (l) => lines.push(l));
    return { ...result, lines, ms: Date.now() - started };
}

const timings: Record<string, number> = {};

describe("drctl", function () {
    this.timeout(120_000);
    let h: DrHarness;
    /** drctl run as a user runs it, from a file of outputs: started once the harness has outputs, checked by its test below. */
    let fromFile: Promise<{ code: number; stdout: string }>;
    before(async () => {
        h = await startDrHarness();
        const file = path.join(h.journalDir, "..", `outputs-${process.pid}.json`);
        fs.writeFileSync(file, JSON.stringify(h.outputs));
        const journalDir = fs.mkdtempSync(path.join(os.tmpdir(), "drctl-cli-"));
        fromFile = new Promise((resolve) =>
            execFile(process.execPath, ["-r", "esbuild-register", path.join(projectRoot, "tools/drctl/index.ts"), "failback", "--dry-run", "--outputs", file, "--journal-dir", journalDir], { cwd: projectRoot, timeout: 60_000 }, (err, stdout) => {
                fs.rmSync(file);
                fs.rmSync(journalDir, { recursive: true, force: true });
                resolve({ code: err ? Number(err.code) : 0, stdout });
            }),
        );
    });
    after(async () => {
        console.log(`      measured against the emulators: ${Object.entries(timings).map(([k, v]) => `${k} ${v} ms`).join(", ")}`);
        await stopDrHarness(h);
    });

    describe("global snapshots", () => {
        it("only the snapshot prefix can ever be deleted", () => {
            assert.strictEqual(snapshotPrefix("lsdr-pri/"), "lsdr-pri/globalsnapshots/");
            for (const bad of ["", "lsdr-pri", "/lsdr-pri/", "../lsdr-pri/", "a/../"]) assert.throws(() => snapshotPrefix(bad), SnapshotPathError, bad);
        });

        it("deleting snapshots removes exactly them: segments, near-miss prefixes and other clusters stay", async () => {
            await seedFailedOver(h, now() - 3600);
            const ctx = drContext(h, "failback");
            const layout = bucketLayout(h.outputs.primary.storageObjectKeyPrefix);
            const deleted = await ctx.primary.snapshots.deleteAll();
            assert.deepStrictEqual(deleted.sort(), layout.snapshots);
            assert.deepStrictEqual(await blobNames(h, "primary"), [...layout.segments, ...layout.others].sort());
            assert.deepStrictEqual(await blobNames(h, "secondary"), [...Object.values(bucketLayout(h.outputs.secondary.storageObjectKeyPrefix)).flat()].sort(), "the other region is untouched");
            console.log(`      layout: ${layout.snapshots.length} deleted, ${layout.segments.length + layout.others.length} kept`);
        });
    });

    describe("failover", () => {
        beforeEach(async () => {
            await seedFailedOver(h, now() - 3600);
            h.kube.secondary.reset(0);
            // A clean standby: no global snapshot of its own (a failover refuses one that has them).
            await drContext(h, "failover").secondary.snapshots.deleteAll();
            h.arm.endpoints.forEach((e) => Object.assign(e, { status: "Enabled", monitorStatus: "Online" }));
            await forgetDrState(h);
        });

        it("refuses while the primary answers its health check, and says what to run", async () => {
            const r = await drctl(h, "failover");
            assert.strictEqual(r.code, 3);
            assert.match(r.lines.join("\n"), /refused: the primary answers http:\/\/127\.0\.0\.1:\d+\/api\/v1\/status \(HTTP 200\); failing over now would split the brain\nnext: npm run drctl -- failover --force/);
            assert.deepStrictEqual(h.kube.secondary.scaleRequests(), []);
        });

        it("with the primary down: takes the function's fence and token, scales the operator, disables the primary endpoint", async () => {
            h.logscale.primary.status = 503;
            const r = await drctl(h, "failover");
            timings.failover = r.ms;
            assert.strictEqual(r.code, 0, r.lines.join("\n"));
            assert.strictEqual(h.kube.secondary.replicas, 1);
            assert.strictEqual(h.kube.secondary.annotations[annotations.fencingToken], "1");
            assert.deepStrictEqual([...h.arm.endpoints.values()][0].status, "Disabled");
            const again = await drctl(h, "failover");
            assert.strictEqual(again.code, 0, "a second run finds it done");
        });

        it("a cold standby: starts its stopped pools first and waits for them, then scales and disables", async () => {
            h.logscale.primary.status = 503;
            const pools = ["kafka", "digest"].map((p) => `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/${h.outputs.secondary.aksResourceGroup}/providers/Microsoft.ContainerService/managedClusters/${h.outputs.secondary.aksClusterName}/agentPools/${p}`);
            h.outputs.secondary.coldAgentPoolIds = pools;
            pools.forEach((id) => h.arm.pools.set(id.toLowerCase(), { power: "Stopped", provisioning: "Succeeded" }));
            try {
                const r = await drctl(h, "failover");
                assert.strictEqual(r.code, 0, r.lines.join("\n"));
                assert.deepStrictEqual([...h.arm.pools.values()], pools.map(() => ({ power: "Running", provisioning: "Succeeded" })));
                assert.strictEqual(h.arm.requests.filter((q) => q.method === "PUT" && q.path.includes("/agentpools/")).length, 2, "each pool asked to start once");
                assert.ok(r.lines.some((l) => /failed over: every action confirmed/.test(l)), r.lines.join("\n"));
                assert.deepStrictEqual([h.kube.secondary.replicas, [...h.arm.endpoints.values()][0].status], [1, "Disabled"]);
            } finally {
                h.outputs.secondary.coldAgentPoolIds = undefined;
                h.arm.pools.clear();
            }
        });

        it("--force fails over a primary that still answers", async () => {
            const r = await drctl(h, "failover", { force: true });
            assert.strictEqual(r.code, 0, r.lines.join("\n"));
            assert.strictEqual(h.kube.secondary.replicas, 1);
        });
    });

    describe("promote", () => {
        beforeEach(async () => seedFailedOver(h, now() - 3600));

        it("phase 1 sets dr=active with shared routing and the PostgreSQL replica's promotion, and runs pulumi up, once the secondary serves", async () => {
            const r = await drctl(h, "promote", { phase: 1 });
            timings["promote --phase 1"] = r.ms;
            assert.strictEqual(r.code, 0, r.lines.join("\n"));
            assert.deepStrictEqual(h.stackCalls, ["secondary: config dr=active", "secondary: config drUseDedicatedRouting=false", "secondary: config postgresPromote=true", "secondary: preview", "secondary: up"]);
            assert.ok(r.lines.some((l) => /^ {6}- {2}logscale-dr:failover:FailoverFunction {2}failover$/.test(l)), "the preview is shown before the question");
        });

        it("phase 1 declined at the review: no pulumi up, the config as it was", async () => {
            h.answer = false;
            const r = await drctl(h, "promote", { phase: 1 });
            assert.strictEqual(r.code, 3);
            assert.match(r.lines.join("\n"), /refused: the change was not confirmed; the secondary's config is as it was\nnext: npm run drctl -- promote --phase 1 --fresh/);
            assert.ok(!h.stackCalls.includes("secondary: up"));
            assert.deepStrictEqual([h.stackConfig["secondary:dr"], h.stackConfig["secondary:drUseDedicatedRouting"]], ["standby", "false"]);
            assert.ok(!("secondary:postgresPromote" in h.stackConfig) && h.stackCalls.includes("secondary: config rm postgresPromote"), "a key that was absent is removed, not left set");
        });

        it("without PostgreSQL in the outputs, the phases set routing only", () => {
            assert.deepStrictEqual(promotionSettings(1, false), { dr: "active", drUseDedicatedRouting: "false" });
            assert.deepStrictEqual(promotionSettings(2, false), { drUseDedicatedRouting: "true" });
        });

        it("phase 1 waits for the recovery evidence: refuses until the DataSnapshotLoader sequence is complete", async () => {
            const pods = h.kube.secondary.pods("app.kubernetes.io/name=humio");
            for (const p of pods) h.kube.secondary.logs.set(p.metadata.name, recoveryLogSequence.slice(0, 2).join("\n"));
            const r = await drctl(h, "promote", { phase: 1 });
            assert.strictEqual(r.code, 3);
            assert.match(r.lines.join("\n"), /refused: LogScale on the secondary has not recovered yet \(seen 2 of 4 DataSnapshotLoader lines/);
            assert.deepStrictEqual(h.stackCalls, []);
        });

        it("phase 1 refuses a secondary that has not failed over", async () => {
            h.kube.secondary.reset(0);
            const r = await drctl(h, "promote", { phase: 1 });
            assert.strictEqual(r.code, 3);
            assert.match(r.lines.join("\n"), /refused: the secondary's humio-operator is at 0: it has not failed over\nnext: npm run drctl -- failover/);
            assert.deepStrictEqual(h.stackCalls, []);
        });

        it("phase 1 refuses while LogScale on the secondary is still recovering", async () => {
            h.logscale.secondary.status = 503;
            const r = await drctl(h, "promote", { phase: 1 });
            assert.strictEqual(r.code, 3);
            assert.match(r.lines.join("\n"), /refused: LogScale on the secondary is not up yet \(http:\/\/127\.0\.0\.1:\d+\/api\/v1\/status: HTTP 503\)/);
            assert.deepStrictEqual(h.stackCalls, []);
        });

        it("phase 2 waits for Ready UI and ingest pods, then switches to dedicated routing", async () => {
            const prefix = h.outputs.secondary.namePrefix;
            h.kube.secondary.pod(`${prefix}-ingest-only-core-x`, { "app.kubernetes.io/name": "humio", "humio.com/node-pool": `${prefix}-ingest-only` }, { ready: false });
            const early = await drctl(h, "promote", { phase: 2 });
            assert.strictEqual(early.code, 3);
            assert.match(early.lines.join("\n"), /refused: the ingest-only pods are not all Ready \(0\/1\)/);
            h.kube.secondary.pod(`${prefix}-ingest-only-core-x`, { "app.kubernetes.io/name": "humio", "humio.com/node-pool": `${prefix}-ingest-only` });
            const r = await drctl(h, "promote", { phase: 2 });
            assert.strictEqual(r.code, 0, r.lines.join("\n"));
            assert.deepStrictEqual(h.stackCalls, ["secondary: config drUseDedicatedRouting=true", "secondary: config postgresPromote=false", "secondary: preview", "secondary: up"]);
        });
    });

    describe("failback", () => {
        it("runs the vendor's phases 1-3 and 5 end to end", async () => {
            await seedFailedOver(h, now() - 3600);
            const r = await drctl(h, "failback");
            timings.failback = r.ms;
            assert.strictEqual(r.code, 0, r.lines.join("\n"));
            const p = h.outputs.primary;
            assert.strictEqual([...h.arm.alerts.values()][0].enabled, false, "the alert stays off until clean-secondary re-arms the pair");
            assert.deepStrictEqual([...h.arm.endpoints.values()][0], { status: "Enabled", monitorStatus: "Online" });
            // The primary goes back into rotation only after its cold start recovered: no window with both regions taking writes.
            const enabledAt = h.arm.requests.findIndex((q) => q.method === "PATCH" && q.body?.properties?.endpointStatus === "Enabled");
            assert.ok(enabledAt > h.arm.requests.findIndex((q) => q.method === "PATCH" && q.body?.properties?.endpointStatus === "Disabled"), "kept Disabled first");
            assert.deepStrictEqual(h.kube.primary.scaleRequests().map((q) => q.body.spec.replicas), [0, 1], "the primary stopped, then cold-started");
            const record = await new BlobStateStore(h.blobs.getContainerClient(witnessContainer).getBlockBlobClient(witnessBlob)).peek();
            assert.deepStrictEqual([record?.phase, record?.token, record?.holder.kind, h.kube.secondary.annotations[annotations.fencingToken]], ["failed-back", 3, "person", "3"], "the function stood down for the failback, which it records");
            assert.ok(r.lines.some((l) => / final snapshot: .*global-snapshot-final-/.test(l)), "the secondary's final snapshot, written as it stopped");
            assert.strictEqual(h.logscale.secondary.flushOnShutdown, true);
            assert.strictEqual(h.kube.secondary.replicas, 0);
            assert.deepStrictEqual(h.kube.secondary.pods("app.kubernetes.io/name=humio"), []);
            const layout = bucketLayout(p.storageObjectKeyPrefix);
            assert.deepStrictEqual(await blobNames(h, "primary"), [...layout.segments, ...layout.others].sort(), "only the primary's snapshots went");
            const env = h.kube.primary.get("core.humio.com/v1alpha1/humioclusters", p.namePrefix)!.spec.commonEnvironmentVariables;
            for (const v of p.reverseRecoveryEnvVars!) assert.deepStrictEqual(env.find((e: { name: string }) => e.name === v.name), v);
            assert.ok(h.kube.primary.requests.some((q) => q.method === "POST" && q.path.endsWith("/pods") && q.body.metadata.name === `${p.namePrefix}-reset-global-events`), "the topic reset pod ran");
            assert.deepStrictEqual(h.kube.primary.pods("app.kubernetes.io/name=logscale-dr-kafka-admin"), [], "and was cleaned up");
            assert.strictEqual(h.kube.primary.replicas, 1);
            assert.ok(r.lines.some((l) => l.includes(`seen: ${recoveryLogSequence[3]}`)));
            assert.strictEqual(r.lines.filter((l) => / done in \d+\.\d s$/.test(l)).length, 17, "each step reports its time");
        });

        it("refuses when the secondary wrote no final snapshot as it stopped: it serves again, nothing is deleted, the primary stays out", async () => {
            await seedFailedOver(h, now() - 3600);
            h.logscale.secondary.writesFinalSnapshot = false;
            // The seeded snapshots are then older than the stop, at the storage clock's one-second resolution.
            await new Promise((resolve) => setTimeout(resolve, 1100));
            const r = await drctl(h, "failback");
            assert.strictEqual(r.code, 3, r.lines.join("\n"));
            assert.match(r.lines.join("\n"), /refused: the secondary wrote no global snapshot after it was asked to stop \(.*; newest: .*global-snapshot-003\.json at .*\); its LogScale is started again/);
            assert.match(r.lines.join("\n"), /next: npm run drctl -- status {3}\(the secondary serves again/);
            assert.deepStrictEqual(await blobNames(h, "primary"), Object.values(bucketLayout(h.outputs.primary.storageObjectKeyPrefix)).flat().sort(), "nothing deleted");
            assert.strictEqual(h.kube.secondary.replicas, 1, "the secondary serves again");
            assert.deepStrictEqual([...h.arm.endpoints.values()][0].status, "Disabled", "the primary stays out of rotation");
        });

        it("after a promotion (no failover alert, the secondary active) runs to the end; a standby without its alert is refused before anything changes", async () => {
            await seedFailedOver(h, now() - 3600);
            h.arm.alerts.clear();
            const missing = await drctl(h, "failback");
            assert.strictEqual(missing.code, 3);
            assert.match(missing.lines.join("\n"), /refused: the failover alert \S+ does not exist, yet the secondary is a standby: run pulumi up --stack secondary; nothing was changed/);
            assert.deepStrictEqual(h.arm.requests.filter((q) => q.method !== "GET"), []);
            await seedFailedOver(h, now() - 3600);
            h.arm.alerts.clear();
            const timeline = h.outputs.secondary.failoverTimeline;
            h.outputs.secondary.failoverTimeline = undefined;
            try {
                const r = await drctl(h, "failback", { fresh: true });
                assert.strictEqual(r.code, 0, r.lines.join("\n"));
                assert.ok(r.lines.some((l) => /the pair was promoted: there is no failover alert/.test(l)));
            } finally {
                h.outputs.secondary.failoverTimeline = timeline;
            }
        });

        it("refuses when nothing records the failover time, unless --failover-time gives it", async () => {
            await seedFailedOver(h, now() - 3600);
            h.kube.secondary.reset(1);
            const r = await drctl(h, "failback");
            assert.strictEqual(r.code, 3);
            assert.match(r.lines.join("\n"), /does not record when it failed over \(logscale\.dr\/last-failover-epoch\); pass --failover-time <ISO time>/);
            assert.match(r.lines.join("\n"), /next: npm run drctl -- failback --failover-time <ISO time>/);
            assert.deepStrictEqual(h.arm.requests.filter((q) => q.method !== "GET"), [], "nothing done");
        });

        it("refuses to patch the primary without reverseRecoveryEnvVars, before deleting anything", async () => {
            await seedFailedOver(h, now() - 3600);
            const saved = h.outputs.primary.reverseRecoveryEnvVars;
            h.outputs.primary.reverseRecoveryEnvVars = undefined;
            try {
                const r = await drctl(h, "failback");
                assert.strictEqual(r.code, 3);
                assert.match(r.lines.join("\n"), /refused: the primary stack exports no reverseRecoveryEnvVars: set its peerStack and run pulumi up --stack primary/);
                assert.deepStrictEqual(await blobNames(h, "primary"), Object.values(bucketLayout(h.outputs.primary.storageObjectKeyPrefix)).flat().sort());
                assert.strictEqual(h.kube.primary.replicas, 1);
                assert.deepStrictEqual(h.arm.requests.filter((q) => q.method !== "GET"), []);
            } finally {
                h.outputs.primary.reverseRecoveryEnvVars = saved;
            }
        });

        it("--dry-run lists every step with the exact resources it touches, and touches none", async () => {
            await seedFailedOver(h, now() - 3600);
            const r = await drctl(h, "failback", { dryRun: true });
            assert.strictEqual(r.code, 0);
            const text = r.lines.join("\n");
            assert.match(text, /^\[1\/17\] Check what failback needs, and record when the failover happened/m);
            assert.match(text, /blobs http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1\/primary-logscale-data\/lsdr-pri\/globalsnapshots\/\* \(and nothing else\)/);
            assert.match(text, /metric alert lsdr-sec-logscale-westus\/lsdr-sec-primary-endpoint-down \(enabled=false\)/);
            assert.match(text, /humiocluster logging\/lsdr-pri in lsdr-pri-aks: AZURE_RECOVER_FROM_BUCKET/);
            assert.deepStrictEqual(h.arm.requests, []);
            assert.ok(h.kube.primary.requests.every((q) => q.method === "GET") && h.kube.secondary.requests.every((q) => q.method === "GET"));
            assert.strictEqual((await blobNames(h, "primary")).length, 18);
        });

        it("resumes after a failure injected at any step, running each finished step once", async () => {
            const steps = stepsFor("failback");
            for (let k = 0; k < steps.length; k++) {
                await seedFailedOver(h, now() - 3600);
                const runs = new Map<string, number>();
                let failed = false;
                const instrumented: Step<DrContext>[] = steps.map((s, i) => ({
                    ...s,
                    run: async (ctx, step) => {
                        runs.set(s.id, (runs.get(s.id) ?? 0) + 1);
                        if (i === k && !failed) {
                            failed = true;
                            throw new Error(`injected failure at ${s.id}`);
                        }
                        return s.run(ctx, step);
                    },
                }));
                const first = drContext(h, "failback");
                await assert.rejects(runSteps("failback", instrumented, first, first.journal, { dryRun: false, write: () => undefined, now: () => new Date() }), /injected failure/);
                const second = drContext(h, "failback");
                const lines: string[] = [];
                await runSteps("failback", instrumented, second, second.journal, { dryRun: false, write: (l) => lines.push(l), now: () => new Date() });
                if (k > 0) assert.match(lines[0], new RegExp(`^resuming failback: ${k} of ${steps.length} steps already done`));
                for (const [i, s] of steps.entries()) assert.strictEqual(runs.get(s.id), i === k ? 2 : 1, `${s.id} with the failure at ${steps[k].id}`);
                assert.strictEqual(h.kube.primary.replicas, 1);
                assert.deepStrictEqual(await blobNames(h, "primary"), [...bucketLayout(h.outputs.primary.storageObjectKeyPrefix).segments, ...bucketLayout(h.outputs.primary.storageObjectKeyPrefix).others].sort());
            }
        });

        it("an ARM failure stops the run with the command to resume; the rerun finishes", async () => {
            await seedFailedOver(h, now() - 3600);
            // The first ARM call (the pre-check's read of the alert) passes; the alert's disable fails.
            h.arm.failures = [0, 400];
            const r = await drctl(h, "failback");
            assert.strictEqual(r.code, 1);
            assert.match(r.lines.join("\n"), /failed: .*\nnext: fix the cause and run npm run drctl -- failback again: it resumes at the failed step/);
            const again = await drctl(h, "failback");
            assert.strictEqual(again.code, 0, again.lines.join("\n"));
            assert.match(again.lines[0], /^resuming failback: 2 of 17 steps already done/, "the failure was the alert's disable, after the pair was taken");
        });
    });

    describe("clean-secondary", () => {
        it("refuses while the primary is unhealthy, and touches nothing", async () => {
            await seedFailedOver(h, now() - 3600);
            h.logscale.primary.status = 503;
            const r = await drctl(h, "clean-secondary");
            assert.strictEqual(r.code, 3);
            assert.match(r.lines.join("\n"), /refused: the primary does not answer .*HTTP 503\); cleaning the secondary now could leave no region to fall back to/);
            assert.ok(h.kube.secondary.requests.every((q) => q.method === "GET"));
            assert.strictEqual((await blobNames(h, "secondary")).length, 18);
        });

        it("refuses while the primary endpoint is still out of rotation (no failback yet), and touches nothing", async () => {
            await seedFailedOver(h, now() - 3600);
            const r = await drctl(h, "clean-secondary");
            assert.strictEqual(r.code, 3);
            assert.match(r.lines.join("\n"), /refused: the primary Traffic Manager endpoint is Disabled: the failback has not put the primary back in rotation\nnext: npm run drctl -- status {3}\(fail back first/);
            assert.ok(h.kube.secondary.requests.every((q) => q.method === "GET"));
        });

        it("refuses while the primary has written no global snapshot of its own since the failback: the secondary's are the only recovery source", async () => {
            await seedFailedBack(h, { primaryWroteSnapshot: false });
            const r = await drctl(h, "clean-secondary");
            assert.strictEqual(r.code, 3);
            assert.match(r.lines.join("\n"), /refused: the primary has not written its own global snapshot since the failback \(.*\): the secondary's are still the only recovery source/);
            assert.strictEqual((await blobNames(h, "secondary")).length, 18, "nothing deleted");
        });

        it("resets the secondary's Kafka, deletes only its global snapshots, and re-arms automatic failover", async () => {
            await seedFailedBack(h, { primaryWroteSnapshot: true });
            const r = await drctl(h, "clean-secondary");
            timings["clean-secondary"] = r.ms;
            assert.strictEqual(r.code, 0, r.lines.join("\n"));
            const s = h.outputs.secondary;
            assert.strictEqual(h.kube.secondary.replicas, 0);
            assert.deepStrictEqual([...h.kube.secondary.collection("persistentvolumeclaims").keys()], []);
            assert.deepStrictEqual([...h.kube.secondary.collection("core.strimzi.io/v1beta2/strimzipodsets").keys()], []);
            assert.strictEqual(h.kube.secondary.pods(`strimzi.io/cluster=${s.namePrefix}-strimzi-kafka,strimzi.io/component-type=kafka`).length, 3, "brokers back");
            assert.strictEqual(h.kube.secondary.pods(`strimzi.io/component-type=entity-operator`).length, 1, "the entity operator, which no wait counts on, untouched");
            assert.ok(h.kube.secondary.requests.some((q) => q.method === "POST" && q.body?.metadata?.name === `${s.namePrefix}-reset-global-events`));
            const layout = bucketLayout(s.storageObjectKeyPrefix);
            assert.deepStrictEqual(await blobNames(h, "secondary"), [...layout.segments, ...layout.others].sort());
            assert.strictEqual((await blobNames(h, "primary")).length, 19, "the primary's bucket is untouched (its 18 seeded blobs and its own new snapshot)");
            const record = await new BlobStateStore(h.blobs.getContainerClient(witnessContainer).getBlockBlobClient(witnessBlob)).peek();
            assert.deepStrictEqual([record?.phase, record?.token, h.kube.secondary.annotations[annotations.fencingToken]], ["armed", 3, "3"]);
            assert.strictEqual([...h.arm.alerts.values()][0].enabled, true, "the alert is back on, with the primary Online");
        });
    });

    describe("rotate-recovery-key", () => {
        const primaryAccount = () => h.arm.storageAccounts.get(h.outputs.primary.storageAccountId.toLowerCase())!;
        const standbySecret = () => Buffer.from(h.kube.secondary.get("secrets", logscaleSecrets.recoveryStorageKey.name)!.data[logscaleSecrets.recoveryStorageKey.key], "base64").toString();
        const regenerations = () => h.arm.requests.filter((q) => q.method === "POST" && q.path.endsWith("/regeneratekey"));

        it("refuses while the secondary serves what it recovered with the key, and regenerates nothing", async () => {
            await seedFailedOver(h, now() - 3600);
            const during = await drctl(h, "rotate-recovery-key");
            assert.match(during.lines.join("\n"), /refused: the DR state record is failed-over: a failover or failback is under way/);
            // With no record at all, the serving secondary itself refuses the rotation.
            await forgetDrState(h);
            const r = await drctl(h, "rotate-recovery-key", { fresh: true });
            assert.strictEqual(r.code, 3, r.lines.join("\n"));
            assert.match(r.lines.join("\n"), /refused: the secondary's LogScale runs: if it recovered from the primary's bucket, it reads the primary's segments with this key\nnext: npm run drctl -- status/);
            assert.deepStrictEqual([regenerations(), primaryAccount().keys.key2], [[], h.outputs.primary.recoveryAccountKey]);
        });

        it("after clean-secondary: regenerates the primary's key2 only, gives the standby the new key, and leaves the pair armed; an ARM 409 on the way is resumed", async () => {
            await seedFailedBack(h, { primaryWroteSnapshot: true });
            assert.strictEqual((await drctl(h, "clean-secondary")).code, 0);
            h.arm.sayNo(/\/regeneratekey$/, 409, 1);
            const failed = await drctl(h, "rotate-recovery-key");
            assert.strictEqual(failed.code, 1, failed.lines.join("\n"));
            assert.match(failed.lines.join("\n"), /failed: POST .*\/regenerateKey: HTTP 409[^\n]*\nnext: fix the cause and run npm run drctl -- rotate-recovery-key again: it resumes at the failed step/);
            const r = await drctl(h, "rotate-recovery-key");
            assert.strictEqual(r.code, 0, r.lines.join("\n"));
            assert.match(r.lines.join("\n"), /next: pulumi up --stack primary, then pulumi up --stack secondary/);
            const keys = primaryAccount().keys;
            assert.deepStrictEqual([keys.key1, keys.key2 === h.outputs.primary.recoveryAccountKey, standbySecret()], [h.outputs.primary.storageAccountKey, false, keys.key2], "key1 untouched; the standby holds the new key2");
            assert.deepStrictEqual(regenerations().map((q) => [q.path, q.body]), [[`${h.outputs.primary.storageAccountId.toLowerCase()}/regeneratekey`, { keyName: "key2" }], [`${h.outputs.primary.storageAccountId.toLowerCase()}/regeneratekey`, { keyName: "key2" }]], "the refused attempt and the resumed one, on the primary's account only");
            const record = await new BlobStateStore(h.blobs.getContainerClient(witnessContainer).getBlockBlobClient(witnessBlob)).peek();
            assert.deepStrictEqual([record?.phase, record?.token], ["armed", 5], "stood down (4) while the key changed, armed again (5)");
            assert.ok(!r.lines.join("\n").includes(keys.key2) && !standbySecret().includes("regenerated-key1"), "no key printed");
        });
    });

    it("npm run drctl -- failback --dry-run --outputs <file> works from a file of outputs", async function () {
        const out = await fromFile;
        assert.strictEqual(out.code, 0, out.stdout);
        assert.strictEqual(out.stdout.split("\n").filter((l) => /^\[\d+\/17\] /.test(l)).length, 17);
        assert.match(out.stdout, /blobs https:\/\/lsdrprilogs\w+\.blob\.core\.windows\.net\/primary-logscale-data\/lsdr-pri\/globalsnapshots\/\* \(and nothing else\)/);
    });

    describe("the commands the docs show", () => {
        const documented = documentedNpmRuns().filter((r) => r.script === "drctl");
        it("--help, as written, through the real entry point: the commands, or a command's steps; exit 0", async () => {
            const helps = documented.filter((d) => d.args.some(isHelp));
            assert.ok(helps.length >= 2);
            for (const r of helps) {
                const out = await shellBlock(r.text);
                assert.strictEqual(out.code, 0, `${r.where}: ${out.stderr}`);
                const command = r.args.find((a) => !isHelp(a));
                assert.match(out.stdout, command ? new RegExp(`^${command}: .*\\n {2}1\\. `, "m") : /^usage: npm run drctl -- <status\|failover\|promote\|failback\|clean-secondary\|rotate-recovery-key>/m, r.where);
            }
        });

        it("npm run drctl -- status, as written, without the Pulumi CLI: one line that says to pass --outputs", async function () {
            if (restrictedPathHasPulumi) this.skip();
            const out = await drctlStatusWithoutPulumi();
            assert.strictEqual(out.code, 2, out.stdout + out.stderr);
            assert.match(out.stderr, /^reading primary through the Pulumi automation API failed \(the Pulumi CLI is not on PATH\); pass --outputs <file\.json> instead$/m);
        });
    });

    describe("a failover onto a secondary not cleaned since a failback", () => {
        const at = (iso: string, name: string) => ({ name: `lsdr-x/globalsnapshots/${name}`, lastModified: new Date(iso), etag: "0x1" });
        const own = at("2026-11-30T10:00:00Z", "global-snapshot-final.json");

        it("resumes from its own snapshot when it is the pair's newest: the primary's bucket holds none, or an older one", () => {
            assert.deepStrictEqual(uncleanSecondary(own, undefined, false), {
                note: "the secondary is not clean, and its own global snapshot lsdr-x/globalsnapshots/global-snapshot-final.json is the pair's newest (the primary's bucket holds none): it resumes from it",
            });
            assert.match((uncleanSecondary(own, at("2026-11-30T09:59:59Z", "p.json"), false) as { note: string }).note, /the primary's is lsdr-x\/globalsnapshots\/p\.json, older\): it resumes from it$/);
        });

        it("refuses when the primary's newest is newer, or of the same second, naming clean-secondary --primary-down; --force does not override it", () => {
            for (const force of [false, true]) {
                for (const iso of ["2026-11-30T10:00:00Z", "2026-11-30T10:20:00Z"]) {
                    const v = uncleanSecondary(own, at(iso, "p.json"), force) as { reason: string; next: string };
                    assert.match(v.reason, /^the secondary is not clean: it would resume from its own global snapshot \S+ \(2026-11-30T10:00:00\.000Z\) and ignore the primary's newer \S+p\.json/);
                    assert.match(v.next, /^npm run drctl -- clean-secondary --primary-down {3}\(then npm run drctl -- failover/);
                }
            }
        });

        it("the primary's bucket unreadable: refuses, offering --force (resume from its own) or the cleaning; with --force resumes from its own", () => {
            const v = uncleanSecondary(own, new Error("timed out after 12 s"), false) as { reason: string; next: string };
            assert.match(v.reason, /the primary's bucket cannot be read from here \(timed out after 12 s\): drctl cannot tell whether the primary wrote a newer one$/);
            assert.match(v.next, /^npm run drctl -- failover --force {3}\(resume the secondary from its own \S+\); or, to recover a newer snapshot of the primary's: npm run drctl -- clean-secondary --primary-down/);
            assert.match((uncleanSecondary(own, new Error("AuthorizationFailure"), true) as { note: string }).note, /^the primary's bucket cannot be read \(AuthorizationFailure\): as --force asks, the secondary resumes from its own global snapshot/);
        });

        it("--primary-down is clean-secondary's alone, and leaves out the re-arming steps", () => {
            assert.throws(() => parseArgs(["failover", "--primary-down"]), /^Error: --primary-down is for clean-secondary only, not failover$/);
            assert.strictEqual(parseArgs(["clean-secondary", "--primary-down"]).options.primaryDown, true);
            const ids = (primaryDown: boolean) => stepsFor("clean-secondary", { primaryDown }).map((s) => s.id);
            assert.deepStrictEqual(ids(false).slice(-2), ["enable-alert", "re-arm-function"]);
            assert.deepStrictEqual(ids(true), ["primary-down", ...ids(false).slice(1, -2)]);
        });
    });

    describe("status", () => {
        /** status as `run` prints it, against a context that may be adjusted first. */
        async function runStatus(ctx: DrContext = drContext(h, "status")) {
            const lines: string[] = [];
            const started = Date.now();
            const { code } = await run("status", ctx, { dryRun: false }, (l) => lines.push(l));
            return { code, lines, text: lines.join("\n"), verdict: lines[lines.length - 1], ms: Date.now() - started };
        }

        /** A standby armed and heard from, the primary serving with a snapshot, the standby's endpoint Enabled (Degraded: its LogScale is stopped), PostgreSQL 2 s behind, the Redis link Succeeded. */
        async function seedReady() {
            await seedFailedBack(h, { primaryWroteSnapshot: false });
            // Cleaned: its operator at 0 and no LogScale pods; its HumioCluster and secrets as deployed.
            h.kube.secondary.deployment("humio-operator", 0);
            for (const p of h.kube.secondary.pods("app.kubernetes.io/name=humio")) h.kube.secondary.collection("pods").delete(p.metadata.name);
            for (const a of h.arm.alerts.values()) a.enabled = true;
            h.arm.endpoints.set(secondaryEndpointId(h.outputs).toLowerCase(), { status: "Enabled", monitorStatus: "Degraded" });
            const at = Math.floor(Date.now() / 1000);
            const record = JSON.stringify({ ...initialState(at - 600), token: 4, evaluatedAt: at - 30 });
            await h.blobs.getContainerClient(witnessContainer).getBlockBlobClient(witnessBlob).upload(record, Buffer.byteLength(record));
        }
        const pgServer = () => h.arm.postgresServers.get(h.outputs.secondary.postgresServerId!.toLowerCase())!;
        const redisLinks = () => h.arm.redisLinks.get(h.outputs.primary.redisCacheId!.toLowerCase())!;

        it("after a failover: where each region stands, and NOT READY with every reason (exit 1)", async () => {
            await seedFailedOver(h, now() - 3600);
            const r = await drctl(h, "status");
            timings.status = r.ms;
            assert.strictEqual(r.code, 1);
            const text = r.lines.join("\n");
            assert.match(text, /^primary \(eastus, lsdr-pri-aks\)$/m);
            assert.match(text, /^ {2}health {8}up \(HTTP 200\)$/m);
            assert.match(text, /^dr state {9}failed-over since \S+, token 1 \(function instance-0\)$/m);
            assert.match(text, /^ {2}snapshot {6}lsdr-sec\/globalsnapshots\/global-snapshot-00\d\.json at \S+ \(\d+ min old\)$/m);
            assert.match(text, /^primary endpoint Disabled, Disabled$/m);
            assert.match(text, /^failover alert {3}enabled$/m);
            assert.match(
                r.lines[r.lines.length - 1],
                /^NOT READY: the secondary's humio-operator is not at 0: it is not a waiting standby; the primary endpoint is not Enabled and Online; the DR state record is failed-over: automatic failover is not armed; the failover function has not evaluated for ever$/,
            );
        });

        it("a standby armed and heard from, the primary serving with a fresh snapshot, both endpoints, the replica and the link healthy: READY (exit 0)", async () => {
            await seedReady();
            const r = await runStatus();
            assert.strictEqual(r.code, 0, r.text);
            assert.match(r.lines[0], /^checking both regions' health, humio-operator and global snapshots, the standby's access to the primary's bucket, both Traffic Manager endpoints, the DR state record, the failover alert, the PostgreSQL replica and its lag, the Redis geo-replication link \(each read given up after 12 s\)$/);
            assert.match(r.text, /^dr state {9}armed since \S+, token 4 \(function initial\), last evaluation \d+ s ago$/m);
            assert.match(r.text, /^RPO now {10}\d+ min: the primary's newest global snapshot, what a failover now would recover \(limit 20 min\)$/m);
            assert.match(r.text, /^secondary endpoint Enabled, Degraded$/m);
            assert.match(r.text, new RegExp(`^standby access {3}recovery variables the primary's bucket; keys the primary's; primary's firewall admits ${h.outputs.secondary.egressIp.replace(/\./g, "\\.")} and ${h.outputs.secondary.storageSubnetIds.length} subnet\\(s\\)$`, "m"));
            assert.match(r.text, /^postgresql {7}secondary's server GeoAsyncReplica \(Active\), lag 2 s \(limit 300 s\)$/m);
            assert.match(r.text, /^redis link {7}Succeeded \(the standby's cache as Secondary\)$/m);
            assert.strictEqual(r.verdict, "READY: the standby would take over automatically");
            const lag = h.arm.requests.find((q) => q.path.endsWith("/providers/microsoft.insights/metrics"));
            assert.ok(lag?.path.startsWith(h.outputs.secondary.postgresServerId!.toLowerCase()), "the lag is the replica's, the standby's server");
        });

        const notReady: Array<{ what: string; change: () => void; reason: RegExp; line?: RegExp }> = [
            {
                what: "the secondary endpoint Disabled",
                change: () => (h.arm.endpoints.get(secondaryEndpointId(h.outputs).toLowerCase())!.status = "Disabled"),
                reason: /the secondary endpoint is not Enabled: Traffic Manager would send no one to the standby/,
                line: /^secondary endpoint Disabled, Degraded$/m,
            },
            {
                what: "PostgreSQL lag past the limit",
                change: () => h.arm.replicaLag.set(h.outputs.secondary.postgresServerId!.toLowerCase(), 900),
                reason: /the PostgreSQL replica is 900 s behind \(limit 300 s\): a forced promotion now would lose that/,
                line: /lag 900 s \(limit 300 s\)$/m,
            },
            {
                what: "PostgreSQL reporting no lag",
                change: () => h.arm.replicaLag.set(h.outputs.secondary.postgresServerId!.toLowerCase(), undefined),
                reason: /the PostgreSQL replica has reported no lag for 15 min/,
            },
            {
                what: "the standby's PostgreSQL server promoted",
                change: () => Object.assign(pgServer(), { role: "Primary", source: undefined }),
                reason: /the secondary's PostgreSQL server is not a replica any more \(Primary\): it no longer receives the primary's writes/,
            },
            {
                what: "the standby's recovery-source secret holding a key the primary no longer has",
                change: () => {
                    const secret = h.kube.secondary.get("secrets", logscaleSecrets.recoveryStorageKey.name)!;
                    secret.data[logscaleSecrets.recoveryStorageKey.key] = Buffer.from("a rotated-away key").toString("base64");
                },
                reason: /the secondary's logscale-recovery-source secret does not hold the primary's recovery key \(key2 as Azure lists it now\): the standby's recovery would be refused; pulumi up --stack primary, then pulumi up --stack secondary/,
                line: /^standby access {3}recovery variables the primary's bucket; keys NOT the primary's; primary's firewall admits \S+ and \d+ subnet\(s\)$/m,
            },
            {
                what: "the primary's firewall no longer admitting the standby's subnets",
                change: () => (h.arm.storageAccounts.get(h.outputs.primary.storageAccountId.toLowerCase())!.networkAcls.virtualNetworkRules = []),
                reason: /the primary's storage firewall does not admit the secondary's subnet \S+(, subnet \S+)*: the standby could not read the snapshot/,
            },
            {
                what: "the primary's firewall no longer admitting the standby's egress",
                change: () => (h.arm.storageAccounts.get(h.outputs.primary.storageAccountId.toLowerCase())!.networkAcls.ipRules = []),
                reason: /the primary's storage firewall does not admit the secondary's egress IP [\d.]+: the standby could not read the snapshot/,
                line: /^standby access {3}recovery variables the primary's bucket; keys the primary's; primary's firewall does NOT admit the egress IP [\d.]+$/m,
            },
            {
                what: "the standby's HumioCluster recovering from another bucket",
                change: () => {
                    const env = h.kube.secondary.get("core.humio.com/v1alpha1/humioclusters", h.outputs.secondary.namePrefix)!.spec.commonEnvironmentVariables;
                    env.find((e: { name: string }) => e.name === "AZURE_RECOVER_FROM_BUCKET").value = "old-primary-data";
                },
                reason: /the secondary's HumioCluster would not recover from the primary's bucket \(AZURE_RECOVER_FROM_BUCKET not as in the primary's outputs\): pulumi up the secondary stack/,
                line: /^standby access {3}recovery variables DIFFER \(AZURE_RECOVER_FROM_BUCKET\); keys the primary's;/m,
            },
            { what: "no Redis link", change: () => redisLinks().splice(0), reason: /the primary's Redis cache has no geo-replication link to the secondary's/, line: /^redis link {7}none to the secondary's cache$/m },
            { what: "the Redis link not Succeeded", change: () => (redisLinks()[0].provisioningState = "Linking"), reason: /the Redis geo-replication link is Linking, not Succeeded/ },
        ];
        for (const c of notReady) {
            it(`NOT READY with ${c.what}, naming it as the one reason`, async () => {
                await seedReady();
                c.change();
                const r = await runStatus();
                assert.strictEqual(r.code, 1, r.text);
                assert.match(r.verdict, new RegExp(`^NOT READY: ${c.reason.source}$`));
                if (c.line) assert.match(r.text, c.line);
            });
        }

        it("NOT READY when the primary's newest global snapshot is older than the RPO limit", async () => {
            await seedReady();
            const ctx = drContext(h, "status");
            const real = ctx.primary.snapshots;
            const old = { name: `${h.outputs.primary.storageObjectKeyPrefix}globalsnapshots/global-snapshot-003.json`, lastModified: new Date(Date.now() - 45 * 60_000), etag: "0x1" };
            ctx.primary.snapshots = { location: real.location, deleteAll: () => real.deleteAll(), serviceTime: () => real.serviceTime(), newest: async () => old };
            const r = await runStatus(ctx);
            assert.strictEqual(r.code, 1, r.text);
            assert.match(r.text, /^RPO now {10}4[56] min: the primary's newest global snapshot/m);
            assert.match(r.verdict, /^NOT READY: the primary's newest global snapshot is 4[56] min old \(limit 20\): a failover now would lose that much$/);
        });

        it("ARM saying no: a 429 and a 500 once are retried (READY); a 500 on every try is unknown, and NOT READY", async () => {
            await seedReady();
            h.arm.sayNo(/\/flexibleservers\/[^/]+$/, 429, 1);
            h.arm.sayNo(/\/externalendpoints\/[^/]+-secondary$/, 500, 1);
            const retried = await runStatus();
            assert.strictEqual(retried.code, 0, retried.text);
            h.arm.clearFaults();
            h.arm.sayNo(/\/linkedservers$/, 500);
            const r = await runStatus();
            assert.strictEqual(r.code, 1, r.text);
            assert.match(r.text, /^redis link {7}unknown \(GET \S+\/linkedServers: HTTP 500: .* \(gave up after 2 attempts\)\)$/m);
            assert.match(r.verdict, /^NOT READY: the Redis geo-replication link cannot be read$/);
        });

        it("APIs that hang: status still ends within 20 s, each hung read unknown, and NOT READY", async () => {
            await seedReady();
            h.arm.sayNo(/\/providers\/microsoft\.insights\/metrics$/, "hang");
            h.arm.sayNo(/\/externalendpoints\/[^/]+-secondary$/, "hang");
            h.arm.sayNo(/\/linkedservers$/, "hang");
            const r = await runStatus();
            timings["status with hung APIs"] = r.ms;
            assert.ok(r.ms < 20_000, `${r.ms} ms`);
            assert.strictEqual(r.code, 1, r.text);
            assert.ok(r.lines.some((l) => /^still waiting for .*the PostgreSQL replica's lag.* \(\d+ s\)$/.test(l)), r.text);
            assert.match(r.text, /^postgresql {7}secondary's server GeoAsyncReplica \(Active\), lag unknown \(timed out after 12 s\)$/m);
            assert.match(r.text, /^secondary endpoint unknown \(timed out after 12 s\)$/m);
            assert.match(r.text, /^redis link {7}unknown \(/m);
            assert.match(r.verdict, /^NOT READY: the secondary endpoint is not Enabled: .*; the PostgreSQL replica's lag cannot be read; the Redis geo-replication link cannot be read$/);
        });

        describe("readiness, as a decision", () => {
            const base = (): StatusFacts => ({
                primary: { name: "primary", outputs: { location: "eastus", aksClusterName: "pri-aks" }, health: { up: true, detail: "HTTP 200" }, replicas: 1, snapshot: { name: "s", lastModified: new Date(0), etag: "0x1" } },
                secondary: { name: "secondary", outputs: { location: "westus", aksClusterName: "sec-aks" }, health: { up: false, detail: "HTTP 503" }, replicas: 0, snapshot: undefined },
                now: new Date(5 * 60_000),
                primaryEndpoint: { status: "Enabled", monitorStatus: "Online" },
                secondaryEndpoint: { status: "Enabled", monitorStatus: "Degraded" },
                record: { ...initialState(0), evaluatedAt: 240 },
                alert: "enabled",
                postgres: { primaryServerId: "/s/pg-pri", replica: { role: "GeoAsyncReplica", state: "Active", source: "/S/PG-PRI" }, lagSeconds: 2 },
                redis: { secondaryCacheId: "/s/redis-sec", links: [{ linkedCacheId: "/S/REDIS-SEC", serverRole: "Secondary", provisioningState: "Succeeded" }] },
                standbyAccess: {
                    expected: standbyEnv(),
                    // As the API server returns it: other variables beside, another order, secretKeyRef's keys in its own order.
                    env: [{ name: "ENABLE_ALERTS", value: "false" }, ...standbyEnv().reverse().map((e) => (e.valueFrom ? { name: e.name, valueFrom: { secretKeyRef: { key: e.valueFrom.secretKeyRef.key, name: e.valueFrom.secretKeyRef.name } } } : e))],
                    keys: { accountKey: true, encryptionKey: true },
                    firewall: { defaultAction: "Deny", ipRules: ["203.0.113.20"], subnetIds: ["/s/subnets/aks"] },
                    egressIp: "203.0.113.20",
                    subnetIds: ["/S/SUBNETS/AKS"],
                },
            });
            /** The variables a standby in westus recovers from the primary's bucket in eastus with. */
            const standbyEnv = () =>
                recoveryEnvVars({ location: "eastus", accountName: "lsdrpri", containerName: "pri-data", blobEndpoint: "https://lsdrpri.blob.core.windows.net/", objectKeyPrefix: "lsdr-pri/" }, "westus");

            it("a waiting standby is ready: its own endpoint Degraded, IDs compared without case", () => {
                assert.deepStrictEqual(readiness(base()), []);
            });

            it("the RPO and lag limits: at the limit ready, past it not", () => {
                const at = (rpo: number, lag: number) =>
                    readiness({ ...base(), now: new Date(rpo * 60_000), record: { ...initialState(0), evaluatedAt: rpo * 60 - 30 }, postgres: { ...base().postgres!, lagSeconds: lag } });
                assert.deepStrictEqual(at(rpoLimitMinutes, replicaLagLimitSeconds), []);
                assert.deepStrictEqual(at(rpoLimitMinutes + 1, replicaLagLimitSeconds + 1), [
                    `the primary's newest global snapshot is ${rpoLimitMinutes + 1} min old (limit ${rpoLimitMinutes}): a failover now would lose that much`,
                    `the PostgreSQL replica is ${replicaLagLimitSeconds + 1} s behind (limit ${replicaLagLimitSeconds} s): a forced promotion now would lose that`,
                ]);
            });

            it("unknown is never ready: every read that failed or timed out is a reason", () => {
                const e = new Error("timed out after 12 s");
                const f: StatusFacts = {
                    ...base(),
                    primaryEndpoint: e,
                    secondaryEndpoint: e,
                    record: e,
                    alert: e,
                    postgres: { ...base().postgres!, lagSeconds: e },
                    redis: { ...base().redis!, links: e },
                    standbyAccess: { ...base().standbyAccess, env: e, keys: e, firewall: e },
                };
                f.primary = { ...f.primary, snapshot: e };
                f.secondary = { ...f.secondary, replicas: e };
                assert.deepStrictEqual(readiness(f), [
                    "the primary's bucket holds no global snapshot the standby could recover from",
                    "the secondary's humio-operator is not at 0: it is not a waiting standby",
                    "the primary endpoint is not Enabled and Online",
                    "the secondary endpoint is not Enabled: Traffic Manager would send no one to the standby",
                    "the DR state record cannot be read",
                    "the failover alert is not enabled",
                    "the secondary's HumioCluster cannot be read: what it would recover from is unknown",
                    "the secondary's logscale-recovery-source secret cannot be read",
                    "the primary's storage firewall cannot be read",
                    "the PostgreSQL replica's lag cannot be read",
                    "the Redis geo-replication link cannot be read",
                ]);
            });

            it("a replica of another server, or a link to another cache, is not the standby's", () => {
                const f = base();
                f.postgres = { ...f.postgres!, replica: { role: "AsyncReplica", state: "Active", source: "/s/pg-other" } };
                f.redis = { ...f.redis!, links: [{ linkedCacheId: "/s/redis-other", serverRole: "Secondary", provisioningState: "Succeeded" }] };
                assert.deepStrictEqual(readiness(f), ["the secondary's PostgreSQL server replicates /s/pg-other, not the primary's", "the primary's Redis cache has no geo-replication link to the secondary's"]);
            });

            it("a standby that could not read the primary's snapshot: other recovery variables, other keys, a firewall that refuses its egress", () => {
                const f = base();
                const env = standbyEnv().filter((e) => e.name !== "AZURE_RECOVER_FROM_REPLACE_REGION");
                env[0] = { ...env[0], value: "another-container" };
                env[2] = { name: env[2].name, valueFrom: { secretKeyRef: { name: "logscale-recovery-source", key: "other-key" } } };
                f.standbyAccess = { ...f.standbyAccess, env, keys: { accountKey: false, encryptionKey: false }, firewall: { defaultAction: "Deny", ipRules: ["198.51.100.1"], subnetIds: [] } };
                assert.deepStrictEqual(readiness(f), [
                    "the secondary's HumioCluster would not recover from the primary's bucket (AZURE_RECOVER_FROM_BUCKET, AZURE_RECOVER_FROM_ACCOUNTKEY, AZURE_RECOVER_FROM_REPLACE_REGION not as in the primary's outputs): pulumi up the secondary stack",
                    "the secondary's logscale-recovery-source secret does not hold the primary's recovery key (key2 as Azure lists it now): the standby's recovery would be refused; pulumi up --stack primary, then pulumi up --stack secondary",
                    "the secondary's logscale-recovery-source secret does not hold the primary's encryption key: the standby could not decrypt the snapshot",
                    "the primary's storage firewall does not admit the secondary's egress IP 203.0.113.20, subnet AKS: the standby could not read the snapshot",
                ]);
            });

            it("a firewall that admits everyone (default Allow) admits the standby", () => {
                const f = base();
                f.standbyAccess = { ...f.standbyAccess, firewall: { defaultAction: "Allow", ipRules: [], subnetIds: [] } };
                assert.deepStrictEqual(readiness(f), []);
            });

            it("without PostgreSQL or Redis in the outputs, neither is checked", () => {
                assert.deepStrictEqual(readiness({ ...base(), postgres: undefined, redis: undefined }), []);
            });

            it("a bounded read: its value in time; past the bound an Error saying so, and the read's signal aborted", async () => {
                assert.strictEqual(await bounded(1_000, async () => 7), 7);
                let signal: AbortSignal | undefined;
                const late = await bounded(50, (s) => ((signal = s), new Promise(() => undefined)));
                assert.ok(late instanceof Error && late.message === "timed out after 0.05 s", String(late));
                assert.strictEqual(signal?.aborted, true);
            });
        });
    });
});

describe("drctl pieces", () => {
    it("a recovery's failure lines are recognised: no snapshot in the recovery source, or the recovery bucket refusing access", () => {
        assert.strictEqual(recoveryFailure(recoveryLogSequence.join("\n")), undefined);
        assert.match(
            recoveryFailure(`${recoveryLogSequence[0]} from bucket storage in azure\nFetching global snapshot from bucket storage azure found no snapshot to fetch.`)!,
            /^the recovery source holds no global snapshot/,
        );
        assert.match(recoveryFailure("DataSnapshotLoader: Trying to fetch ... status=403 AuthenticationFailed")!, /^the recovery bucket refused access: DataSnapshotLoader/);
        assert.strictEqual(recoveryFailure("Fetching global snapshot from bucket storage azure found no snapshot to fetch."), undefined, "its own bucket empty is the normal first step of a cold start");
    });

    it("recovery progress follows the log sequence in order", () => {
        assert.strictEqual(recoveryProgress(""), 0);
        assert.strictEqual(recoveryProgress(recoveryLogSequence.slice(0, 2).join("\n")), 2);
        assert.strictEqual(recoveryProgress([recoveryLogSequence[1], recoveryLogSequence[0]].join("\n")), 1, "out of order counts only the first");
        assert.strictEqual(recoveryProgress(recoveryLogSequence.join(" ... ")), 4);
    });
    it("arguments", () => {
        assert.deepStrictEqual(parseArgs(["promote", "--phase", "2", "--dry-run"]).options.phase, 2);
        assert.throws(() => parseArgs(["promote", "--sideways"]), UsageError);
        assert.throws(() => parseArgs(["unfail"]), /unknown command "unfail"/);
        assert.throws(() => parseArgs(["failback", "--failover-time", "yesterday"]), /ISO time/);
        assert.throws(() => stepsFor("promote"), /--phase 1 or --phase 2/);
    });
    it("outputs name what is missing", () => {
        assert.throws(() => pairOutputs({ primary: { location: "eastus" }, secondary: {} }), (e: unknown) => e instanceof OutputsError && /primary stack's outputs lack namePrefix, storageAccountName/.test(e.message));
    });
    it("outputs written without --show-secrets are refused, naming the hidden ones", async () => {
        const outputs = await renderedOutputs();
        const hidden = { primary: { ...outputs.primary, storageAccountKey: "[secret]", reverseRecoveryEnvVars: "[secret]" }, secondary: outputs.secondary };
        assert.throws(
            () => pairOutputs(hidden as never),
            (e: unknown) => e instanceof OutputsError && /^the primary stack's outputs hold \[secret\] for reverseRecoveryEnvVars, storageAccountKey: write them with pulumi stack output --json --show-secrets/.test(e.message),
        );
    });
    it("one journal per pair and command: another pair's run is not resumed", () => {
        const a = Journal.path("/j", "logscale-dr.lsdr-pri.lsdr-sec", "failback");
        assert.notStrictEqual(a, Journal.path("/j", "logscale-dr.other-pri.other-sec", "failback"));
        assert.notStrictEqual(a, Journal.path("/j", "logscale-dr.lsdr-pri.lsdr-sec", "clean-secondary"));
    });
    it("a missing Kubernetes context is one line saying how to get it, not client-node's \"No active cluster!\"", async () => {
        const outputs = await renderedOutputs();
        const saved = process.env.KUBECONFIG;
        process.env.KUBECONFIG = "/dev/null";
        try {
            assert.throws(() => contextFor(outputs, "failover", { dryRun: false, force: false, fresh: false, journalDir: "/tmp/unused" }), (e: unknown) =>
                e instanceof UsageError && /^no Kubernetes context "lsdr-pri-aks" for the primary \(lsdr-pri-aks\): run az aks get-credentials --resource-group \S+ --name lsdr-pri-aks, or pass --primary-context$/.test((e as Error).message),
            );
        } finally {
            if (saved === undefined) delete process.env.KUBECONFIG;
            else process.env.KUBECONFIG = saved;
        }
    });
    it("a refusal carries the reason and the next command", () => {
        const r = new Refusal("x", "because", "npm run drctl -- status");
        assert.strictEqual(r.message, "refused at x: because");
    });
});
