// `npm run plan` as a command (its main, in-process with the suite's renders):
// one JSON document for one stack or several, the same written by --out, the
// parity keys that differ (every key with --parity), the warnings repeated
// last, the capacity each stack needs, --help, and one-line usage errors.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { help, main, outPath } from "../../tools/plan";
import { PlanWarning, warningSummary } from "../../tools/planOutput";
import { PreflightReport } from "../../tools/preflight";
import { asArgs, named, plan, runMain } from "../helpers";

const hint = "; see npm run plan -- --help\n";

describe("npm run plan: --json and --out", function () {
    this.timeout(120_000);

    it("--json: only the document on stdout, { stacks, warnings }, for one stack", async () => {
        const { code, stdout, stderr } = await runMain(main, ["--stack", "secondary", "--json"]);
        assert.deepStrictEqual([code, stderr], [0, ""]);
        const doc = JSON.parse(stdout);
        assert.deepStrictEqual(Object.keys(doc), ["stacks", "warnings"]);
        assert.deepStrictEqual(
            doc.stacks.map((s: { stack: string }) => s.stack),
            ["secondary"],
        );
        for (const w of doc.warnings) assert.deepStrictEqual(Object.keys(w), ["stack", "source", "message"]);
        assert.ok(doc.warnings.some((w: PlanWarning) => w.stack === "secondary" && w.source === "program" && w.message.startsWith("warning: deployerIpRanges is empty")));
    });

    it("--json: the same shape for every stack", async () => {
        const { code, stdout, stderr } = await runMain(main, ["--json"]);
        assert.deepStrictEqual([code, stderr], [0, ""]);
        const doc = JSON.parse(stdout);
        assert.deepStrictEqual(Object.keys(doc), ["stacks", "warnings"]);
        assert.deepStrictEqual(
            doc.stacks.map((s: { stack: string }) => s.stack),
            ["primary", "secondary"],
        );
        assert.deepStrictEqual(
            [...new Set(doc.warnings.map((w: PlanWarning) => w.stack))].filter(Boolean),
            ["primary", "secondary"],
        );
    });

    it("--out writes the document --json prints; without --json, stdout keeps the text plan", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-out-"));
        try {
            const withJson = await runMain(main, ["--stack", "secondary", "--json", "--out", path.join(dir, "a.json")]);
            assert.strictEqual(withJson.code, 0, withJson.stderr);
            assert.strictEqual(fs.readFileSync(path.join(dir, "a.json"), "utf8"), withJson.stdout);
            const text = await runMain(main, ["--stack", "secondary", "--out", path.join(dir, "b.json")]);
            assert.strictEqual(text.code, 0, text.stderr);
            assert.match(text.stdout, /^== secondary · westus/);
            assert.strictEqual(fs.readFileSync(path.join(dir, "b.json"), "utf8"), withJson.stdout);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("--out takes a relative path from where npm run was typed (INIT_CWD), not from the package root npm runs in", () => {
        assert.strictEqual(outPath("plan.json", { INIT_CWD: "/home/reader/work" }), "/home/reader/work/plan.json");
        assert.strictEqual(outPath("/tmp/plan.json", { INIT_CWD: "/home/reader/work" }), "/tmp/plan.json");
    });

    it("--out to a path it cannot write: one line, exit 2, before rendering", async () => {
        const missing = path.join(os.tmpdir(), "plan-out-missing-dir", "plan.json");
        const refusals: Array<[string, string]> = [
            [missing, `${path.dirname(missing)} is not a directory`],
            [os.tmpdir(), "it is a directory"],
        ];
        for (const [file, why] of refusals) {
            const { code, stdout, stderr } = await runMain(main, ["--out", file]);
            assert.deepStrictEqual({ code, stdout, stderr }, { code: 2, stdout: "", stderr: `--out ${JSON.stringify(file)}: cannot write the document there (${why}); allowed: a writable file path${hint}` });
        }
    });
});

describe("npm run plan: the text plan", function () {
    this.timeout(120_000);

    it("parity: only the keys that differ, and how many are the same; --parity lists every key", async () => {
        const quiet = await runMain(main, ["--stack", "secondary"]);
        assert.match(quiet.stdout, /^Parity with primary: all 40 keys the same \(--parity lists them\)\.$/m);
        assert.doesNotMatch(quiet.stdout, /^ {2}key +secondary +primary/m);
        const full = await runMain(main, ["--stack", "secondary", "--parity"]);
        assert.match(full.stdout, /^Parity with primary \(40 keys, 0 differ\):$/m);
        assert.match(full.stdout, /^ {2}pools\.kafka\.vmSize +Standard_L8s_v3 +Standard_L8s_v3$/m);
        // The overrides test/render/parity.spec.ts renders: one key allowed to differ.
        const drift = await runMain(main, ["--stack", "secondary", ...asArgs({ kubernetesVersion: "1.32", allowParityDrift: ["kubernetesVersion"] }).flatMap((a) => ["--config", a])]);
        assert.match(drift.stdout, /^Parity with primary: 1 of 40 keys differ, 39 the same \(--parity lists every key\):\n {2}key +secondary +primary\n {2}kubernetesVersion +1\.32 +1\.35 +differs \(allowed\)\n(?! {2})/m);
    });

    it("repeats every warning last, after the last stack's preflight, and says where each comes from", async () => {
        const { code, stdout } = await runMain(main, []);
        assert.strictEqual(code, 0);
        const at = stdout.lastIndexOf("\nWarnings (");
        assert.ok(at > stdout.lastIndexOf("\nPreflight (secondary)"), "the warnings come last");
        const [heading, ...lines] = stdout.slice(at + 1).trimEnd().split("\n");
        assert.strictEqual(heading, `Warnings (${lines.length}):`);
        const body = stdout.slice(0, at);
        for (const stack of ["primary", "secondary"]) {
            const own = lines.filter((l) => l.startsWith(`  ${stack}: `)).map((l) => l.slice(`  ${stack}: `.length));
            assert.ok(own.some((l) => l.startsWith("warning: deployerIpRanges is empty")), stack);
            assert.ok(own.includes(`note: logscale-dr:logscaleLicense not set in Pulumi.${stack}.yaml; rendered with a stand-in secret.`), stack);
            // Each is also where it arose, in its stack's section.
            for (const l of own) assert.ok(body.includes(`\n${l.replace(/^note: /, "Note: ")}\n`), l);
        }
    });

    it("counts each stack's preflight violations among the warnings", () => {
        const report = (violations: number) => ({ violations: Array.from({ length: violations }, () => ({})), checked: {}, unchecked: [] }) as unknown as PreflightReport;
        const summary = warningSummary([{ stack: null, source: "versions", message: "warning: x 1.0 is past its end of support" }], [
            { stack: "primary", report: report(0) },
            { stack: "secondary", report: report(2) },
        ]);
        assert.strictEqual(summary, "\nWarnings (2):\n  warning: x 1.0 is past its end of support\n  secondary: preflight: 2 violations, listed under the stack; the plan exits 1\n");
        assert.strictEqual(warningSummary([], []), "\nWarnings: none\n");
    });
});

describe("npm run plan: capacity before you deploy", function () {
    this.timeout(120_000);

    const figures = (quotas: Array<{ name: string; atMaximum: number; duringUpgrade: number }> | null) => quotas && Object.fromEntries(quotas.map((q) => [q.name, [q.atMaximum, q.duringUpgrade]]));

    it("each shipped stack's vCPUs per quota at the pools' maximum, in an upgrade surge, and a standby's once promoted", async () => {
        const { code, stdout } = await runMain(main, ["--json"]);
        assert.strictEqual(code, 0);
        const [primary, secondary] = JSON.parse(stdout).stacks.map((s: { capacity: any }) => s.capacity);
        assert.deepStrictEqual(
            [primary.location, figures(primary.vcpuQuotas), primary.promotedVcpuQuotas],
            ["eastus", { standardFSv2Family: [32, 44], standardLSv3Family: [128, 176], cores: [160, 220] }, null],
        );
        assert.deepStrictEqual(
            [secondary.location, figures(secondary.vcpuQuotas), figures(secondary.promotedVcpuQuotas)],
            ["westus", { standardFSv2Family: [20, 28], standardLSv3Family: [64, 88], cores: [84, 116] }, { standardFSv2Family: [32, 44], standardLSv3Family: [128, 176], cores: [160, 220] }],
        );
        const registered = ["Microsoft.Cache", "Microsoft.Compute", "Microsoft.ContainerService", "Microsoft.DBforPostgreSQL", "Microsoft.Insights", "Microsoft.KeyVault", "Microsoft.ManagedIdentity", "Microsoft.Network", "Microsoft.OperationalInsights", "Microsoft.Storage"];
        assert.deepStrictEqual(primary.resourceProviders.register.map((r: { namespace: string }) => r.namespace), registered);
        // The standby hosts the failover function (App Service).
        assert.deepStrictEqual(secondary.resourceProviders.register.map((r: { namespace: string }) => r.namespace), [...registered, "Microsoft.Web"]);
        assert.deepStrictEqual(primary.resourceProviders.registeredByDefault, ["Microsoft.Authorization", "Microsoft.Resources"]);
    });

    it("counts the pools at their maximum, not at the nodes they start with", async () => {
        const primary = await plan("primary");
        const lsv3 = ["kafka", "digest", "ui", "ingest"].map((p) => named(primary, `aks-pool-${p}`).inputs as { vmSize: string; count: number; maxCount: number });
        assert.ok(lsv3.every((p) => p.vmSize === "Standard_L8s_v3"));
        // 11 nodes to start with, 16 at the autoscalers' maximum: 128 vCPUs, not 88.
        assert.deepStrictEqual([lsv3.reduce((n, p) => n + p.count, 0), lsv3.reduce((n, p) => n + p.maxCount, 0)], [11, 16]);
        const { stdout } = await runMain(main, ["--stack", "primary"]);
        assert.match(stdout, /^Capacity \(eastus\): vCPUs the node pools need at their maximum \(az vm list-usage --location eastus\):$/m);
        assert.match(stdout, /^ {2}standardLSv3Family +128 +Standard LSv3 Family vCPUs +\(kafka 5 × Standard_L8s_v3, digest 3 × Standard_L8s_v3, ui 3 × Standard_L8s_v3, ingest 5 × Standard_L8s_v3\)$/m);
        assert.match(stdout, /^ {2}cores +160 +Total Regional vCPUs$/m);
        assert.match(stdout, /^Resource providers to register: Microsoft\.Cache, Microsoft\.Compute, .*Microsoft\.Storage \(registered by default: Microsoft\.Authorization, Microsoft\.Resources\)$/m);
    });
});

describe("npm run plan: --help and usage errors", function () {
    this.timeout(120_000);

    for (const flag of ["--help", "-h"]) {
        it(`${flag}: every option, the -s form for machines and examples on stdout, exit 0`, async () => {
            const { code, stdout, stderr } = await runMain(main, [flag]);
            assert.deepStrictEqual([code, stderr, stdout], [0, "", `${help}\n`]);
            const synopsis = stdout.split("\n")[0];
            assert.deepStrictEqual(
                [...synopsis.matchAll(/\[(--[a-z-]+)/g)].map((m) => m[1]),
                ["--stack", "--config", "--peer-config", "--diff", "--base", "--base-file", "--json", "--out", "--parity", "--help"],
            );
            for (const option of ["--stack", "--config", "--peer-config", "--diff", "--base", "--base-file", "--json", "--out", "--parity", "--help"]) assert.match(stdout, new RegExp(`^ {2}${option}\\b`, "m"), option);
            for (const shown of ["npm run -s plan -- --json", "Examples:", "Exit status"]) assert.ok(stdout.includes(shown), shown);
        });
    }

    const bad: Array<[string[], string | RegExp]> = [
        [["--verbose"], /^unknown argument "--verbose" \(allowed: --stack <primary\|secondary>, --config key=value, --peer-config key=value, --diff key=value, .*--json, --out FILE, --parity, --help\)$/],
        [["--stack"], "--stack needs a value: a stack name (primary, secondary)"],
        [["--stack", "mars"], '--stack: unknown stack "mars" (allowed: primary, secondary)'],
        [["--stack", "primary", "--config", "dr"], '--config expects key=value, got "dr"'],
        [["--config", "dr=active"], "--config, --peer-config and --diff apply to one stack: add --stack <name>"],
        [["--out"], "--out needs a value: a file to write the JSON document to"],
        [["--json", "--parity"], "--parity lists parity keys in the text plan, and --json prints the document instead: use one"],
        [["--stack", "secondary", "--diff", "dr=active", "--out", "plan.json"], "--out shapes the plan, and --diff prints a comparison instead: use one"],
    ];
    for (const [argv, message] of bad) {
        it(`${argv.join(" ")}: one line naming the flag and pointing at --help, exit 2`, async () => {
            const { code, stdout, stderr } = await runMain(main, argv);
            assert.deepStrictEqual([code, stdout], [2, ""]);
            assert.ok(stderr.endsWith(hint) && stderr.split("\n").length === 2, stderr);
            const line = stderr.slice(0, -hint.length);
            if (typeof message === "string") assert.strictEqual(line, message);
            else assert.match(line, message);
        });
    }
});
