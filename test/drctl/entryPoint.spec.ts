// The docs' drctl commands, exactly as written, through the real entry
// point (`npm run drctl -- …` in a shell): the outputs and config come from a
// stub `pulumi` on PATH through the Automation API, ARM from a fake over
// HTTPS with DefaultAzureCredential's managed-identity path, Kubernetes from
// the fakes through KUBECONFIG, blobs from Azurite, LogScale from fakes on
// HTTPS. Only where things are differs (environment variables); the commands
// are the reader's.
import * as assert from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { projectRoot } from "../../tools/stackFiles";
import { isHelp } from "../../tools/drctl/index";
import { stackReferences } from "../../tools/drctl/outputs";
import { documentedNpmRuns } from "../docs";
import { FakeResourceManager, managedIdentityHeader } from "../fakes/azureResourceManager";
import { loopbackCa } from "../fakes/http";
import { FakeLogScale } from "../fakes/logscale";
import { DrHarness, seedFailedOver, startDrHarness, stopDrHarness } from "./harness";

/** A `pulumi` that answers the Automation API's calls from a state file beside it, and records them. */
const pulumiStub = `#!/usr/bin/env node
const fs = require("fs");
const file = require("path").join(__dirname, "state.json");
const state = JSON.parse(fs.readFileSync(file, "utf8"));
const args = process.argv.slice(2);
const at = (flag) => args[args.indexOf(flag) + 1];
const stack = () => at("--stack").split("/").pop();
state.calls.push(args.join(" "));
const say = (x) => process.stdout.write(typeof x === "string" ? x : JSON.stringify(x));
if (args[0] === "version") say("v3.248.0\\n");
else if (args[0] === "stack" && args[1] === "select") undefined;
else if (args[0] === "stack" && args[1] === "output") say(state.outputs[stack()]);
else if (args[0] === "config" && args[1] === "set") state.config[stack()][args[2]] = args[args.length - 1];
else if (args[0] === "config" && args[1] === "rm") delete state.config[stack()][args[2]];
else if (args[0] === "config") say(Object.fromEntries(Object.entries(state.config[stack()]).map(([k, v]) => [k, { value: v, secret: false }])));
// The engine's events go to a gRPC server the stub does not speak (Pulumi > 3.205): the preview's text is what drctl shows.
else if (args[0] === "preview") say("~ kubernetes:core.humio.com/v1alpha1:HumioCluster logscale-cluster update\\n");
else {
    process.stderr.write("pulumi stub: unexpected " + args.join(" ") + "\\n");
    process.exitCode = 1;
}
fs.writeFileSync(file, JSON.stringify(state));
`;

describe("drctl's documented commands through the real entry point", function () {
    this.timeout(120_000);
    let h: DrHarness;
    let dir: string;
    const logscale: Record<"primary" | "secondary", FakeLogScale> = {} as never;
    const documented = documentedNpmRuns().filter((r) => r.script === "drctl" && !r.args.some(isHelp));

    before(async () => {
        h = await startDrHarness();
        await Promise.all([h.arm.stop(), h.logscale.primary.stop(), h.logscale.secondary.stop()]);
        // The Azure SDKs send bearer tokens over HTTPS only; LogScale answers on HTTPS.
        h.arm = await new FakeResourceManager().start({ tls: true });
        [logscale.primary, logscale.secondary] = await Promise.all([new FakeLogScale().start({ tls: true }), new FakeLogScale().start({ tls: true })]);
        h.logscale = logscale;
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "drctl-entry-"));
        // Each context is named as `az aks get-credentials` names it: the cluster's name.
        const contexts = (["primary", "secondary"] as const).map((r) => ({ name: h.outputs[r].aksClusterName, server: h.kube[r].url }));
        fs.writeFileSync(
            path.join(dir, "kubeconfig"),
            [
                "apiVersion: v1",
                "kind: Config",
                `clusters: [${contexts.map((c) => `{name: ${c.name}, cluster: {server: "${c.server}", insecure-skip-tls-verify: true}}`).join(", ")}]`,
                "users: [{name: test, user: {token: test-token}}]",
                `contexts: [${contexts.map((c) => `{name: ${c.name}, context: {cluster: ${c.name}, user: test}}`).join(", ")}]`,
                `current-context: ${contexts[0].name}`,
            ].join("\n"),
        );
    });
    after(async () => {
        await Promise.all([logscale.primary.stop(), logscale.secondary.stop()]);
        await stopDrHarness(h);
        fs.rmSync(dir, { recursive: true, force: true });
    });

    /** A stub of its own for one command (they run side by side): the rendered outputs, pointed at the fakes. */
    function stubFor(command: string): string {
        const stubDir = fs.mkdtempSync(path.join(dir, "stub-"));
        fs.writeFileSync(path.join(stubDir, "pulumi"), pulumiStub, { mode: 0o755 });
        const where = (r: "primary" | "secondary") => ({
            ...h.outputs[r],
            storageAccountName: h.azurite.account,
            storageAccountKey: h.azurite.key,
            storageBlobEndpoint: `${h.azurite.url}/${h.azurite.account}/`,
            clusterFqdn: new URL(logscale[r].url).host,
            ...(h.outputs[r].globalFqdn ? { globalFqdn: new URL(logscale.primary.url).host } : {}),
        });
        const state = { command, calls: [] as string[], outputs: { primary: where("primary"), secondary: where("secondary") }, config: { primary: {}, secondary: { ...standbyConfig } } };
        fs.writeFileSync(path.join(stubDir, "state.json"), JSON.stringify(state));
        return stubDir;
    }
    const standbyConfig = { "logscale-dr:dr": "standby", "logscale-dr:drUseDedicatedRouting": "false" };
    const stubState = (stubDir: string) => JSON.parse(fs.readFileSync(path.join(stubDir, "state.json"), "utf8"));

    function asWritten(text: string, stubDir: string): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
        const env = {
            ...process.env,
            PATH: `${stubDir}:${process.env.PATH}`,
            KUBECONFIG: path.join(dir, "kubeconfig"),
            IDENTITY_ENDPOINT: `${h.arm.url}/msi/token`,
            IDENTITY_HEADER: managedIdentityHeader,
            NODE_EXTRA_CA_CERTS: loopbackCa,
            DRCTL_ARM_ENDPOINT: h.arm.url,
            DRCTL_JOURNAL_DIR: path.join(stubDir, "journal"),
        };
        const started = Date.now();
        return new Promise((resolve) =>
            execFile("sh", ["-e", "-c", text], { cwd: projectRoot, env, timeout: 60_000 }, (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr, ms: Date.now() - started })),
        );
    }

    const texts = [...new Set(documented.map((r) => `npm run drctl -- ${r.args.join(" ")}`))];
    /** A real failback carries a failed-over pair on, where the others read it or refuse: it runs alone. */
    const carriesOn = (text: string) => / failback$/.test(text);

    it("each runs to a defined end: done, READY / NOT READY, or refused with the next command; never a crash", async () => {
        assert.ok(documented.length >= 6);
        await seedFailedOver(h, Math.floor(Date.now() / 1000) - 3600);
        // Side by side: after a failover each of them reads, or refuses before its first change, and none changes the fakes.
        const runs = await Promise.all(
            texts.filter((t) => !carriesOn(t)).map(async (text) => {
                const stubDir = stubFor(text);
                return { text, stubDir, out: await asWritten(text, stubDir) };
            }),
        );
        for (const { text, stubDir, out } of runs) {
            const lines = out.stdout.trimEnd().split("\n");
            const last = lines[lines.length - 1] ?? "";
            const defined = / status$/.test(text) ? /^(NOT )?READY/.test(last) && (out.code === 0 || out.code === 1) : / --dry-run$/.test(text) ? out.code === 0 : (out.code === 0 || out.code === 3) && /^next: /.test(last);
            assert.ok(defined, `${text} ended ${out.code}:\n${out.stdout}\n${out.stderr}`);
            assert.doesNotMatch(out.stderr, /drctl failed|TypeError|ERR_/, text);
            console.log(`      ${text} → ${out.code} in ${out.ms} ms: ${last.slice(0, 80)}`);
            const state = stubState(stubDir);
            // It read the stacks through the Automation API.
            assert.ok(state.calls.some((c: string) => c.startsWith(`stack output --json --show-secrets --stack ${stackReferences().secondary}`)), `${text}: ${state.calls.join("; ")}`);
            if (/ promote /.test(text)) {
                // Refused at its check, or asked at no terminal at the review: the config as it was, no pulumi up.
                assert.deepStrictEqual(state.config.secondary, standbyConfig, text);
                assert.ok(!state.calls.some((c: string) => c.startsWith("up")), text);
                if (text.endsWith("--phase 1")) assert.ok(state.calls.some((c: string) => c.startsWith("preview --diff")), `${text}: the recovered secondary gets to the review`);
            }
        }
        // ARM through the SDKs, with DefaultAzureCredential's managed-identity token (the fake checks it).
        assert.ok(h.arm.requests.some((q) => q.path.includes("/microsoft.insights/metricalerts/")));
    });

    it("npm run drctl -- failback, as written, brings a failed-over pair back and says to wait for the primary's snapshot", async function () {
        const failbacks = texts.filter(carriesOn);
        if (!failbacks.length) this.skip();
        for (const text of failbacks) {
            await seedFailedOver(h, Math.floor(Date.now() / 1000) - 3600);
            const out = await asWritten(text, stubFor(text));
            const last = out.stdout.trimEnd().split("\n").pop() ?? "";
            assert.strictEqual(out.code, 0, `${text}:\n${out.stdout}\n${out.stderr}`);
            assert.match(last, /^next: wait for the primary's first global snapshot of its own/, text);
            console.log(`      ${text} → ${out.code} in ${out.ms} ms`);
        }
    });
});
