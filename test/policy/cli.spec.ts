// `npm run policy` as a command: --json for machines, --help for people, and a
// one-line error naming the flag for anything else.
import * as assert from "assert";
import { main, packPolicies, PolicyReport, usage } from "../../tools/policy";
import { runMain } from "../helpers";

describe("npm run policy: --json, --help and bad flags", function () {
    this.timeout(120_000);

    it("--json: per stack/mode and policy, its level, status and violations, and a summary", async () => {
        const { code, stdout, stderr } = await runMain(main, ["--stack", "secondary", "--json"]);
        assert.strictEqual(stderr, "");
        const report = JSON.parse(stdout) as PolicyReport;
        assert.deepStrictEqual(
            report.targets.map((t) => [t.label, t.stack, t.mode]),
            [
                ["secondary/active", "secondary", "active"],
                ["secondary/standby", "secondary", "standby"],
                ["secondary/none", "secondary", "none"],
            ],
        );
        assert.deepStrictEqual(
            report.policies.map((p) => [p.name, p.level]),
            packPolicies.map((p) => [p.name, p.enforcementLevel]),
        );
        let mandatory = 0;
        let advisory = 0;
        for (const target of report.targets) {
            assert.deepStrictEqual(
                target.policies.map((p) => p.name),
                packPolicies.map((p) => p.name),
            );
            for (const p of target.policies) {
                assert.ok(["pass", "fail", "warn", "n/a"].includes(p.status), `${p.name}: ${p.status}`);
                assert.strictEqual(p.violations.length > 0, p.status === "fail" || p.status === "warn", `${target.label} ${p.name}`);
                assert.strictEqual(p.status === "fail", p.violations.length > 0 && p.level === "mandatory");
                for (const v of p.violations) assert.ok(typeof v.message === "string" && (v.urn === null || v.urn.startsWith("urn:pulumi:secondary::")));
                if (p.level === "mandatory") mandatory += p.violations.length;
                else advisory += p.violations.length;
            }
        }
        assert.deepStrictEqual(report.summary, { policies: packPolicies.length, targets: 3, mandatory, advisory, passed: mandatory === 0 });
        assert.strictEqual(code, mandatory ? 1 : 0);
        assert.ok(report.targets.every((t) => t.policies.some((p) => p.status === "pass")));
    });

    it("--json reports a mandatory violation with its message and URN, and exits 1", async () => {
        const { code, stdout } = await runMain(main, ["--stack", "primary", "--config", "trafficManagerTtlSeconds=300", "--json"]);
        assert.strictEqual(code, 1);
        const report = JSON.parse(stdout) as PolicyReport;
        assert.deepStrictEqual(
            report.targets.map((t) => t.label),
            ["primary/active"],
        );
        const ttl = report.targets[0].policies.find((p) => p.name === "traffic-manager-priority-profile")!;
        assert.deepStrictEqual([ttl.level, ttl.status, ttl.violations.map((v) => v.message)], ["mandatory", "fail", ["dnsConfig.ttl is 300; it must be at most 60."]]);
        assert.match(ttl.violations[0].urn!, /^urn:pulumi:primary::logscale-dr::.*::global-dns-profile$/);
        assert.strictEqual(report.summary.passed, false);
    });

    for (const flag of ["--help", "-h"]) {
        it(`${flag}: usage on stdout, exit 0`, async () => {
            const { code, stdout, stderr } = await runMain(main, [flag]);
            assert.deepStrictEqual([code, stderr], [0, ""]);
            assert.strictEqual(stdout, `${usage}\n`);
            assert.match(stdout, /^usage: npm run policy -- \[--stack <primary\|secondary>\] \[--config key=value\]\.\.\. \[--peer-config key=value\]\.\.\. \[--json\] \[--help\]\n/);
            for (const documented of ["--stack", "--config", "--peer-config", "--json", "--help", "Exit status", "npm run -s policy -- --json", "Examples:"]) assert.ok(stdout.includes(documented), documented);
        });
    }

    const bad: Array<[string[], string]> = [
        [["--verbose"], 'unknown argument "--verbose" (allowed: --stack <name>, --config key=value, --peer-config key=value, --json, --help)'],
        [["--json", "stack"], 'unknown argument "stack" (allowed: --stack <name>, --config key=value, --peer-config key=value, --json, --help)'],
        [["--stack"], "--stack needs a value: a stack name (primary, secondary)"],
        [["--stack", "mars"], '--stack: unknown stack "mars" (allowed: primary, secondary)'],
        [["--stack", "primary", "--config"], "--config needs a value: key=value"],
        [["--stack", "primary", "--config", "dr"], '--config expects key=value, got "dr"'],
        [["--peer-config", "dr=active"], "--config and --peer-config apply to one stack: add --stack <name>"],
    ];
    for (const [argv, message] of bad) {
        it(`${argv.join(" ")}: one line naming the flag and pointing at --help, exit 2`, async () => {
            const { code, stdout, stderr } = await runMain(main, argv);
            assert.deepStrictEqual({ code, stdout, stderr }, { code: 2, stdout: "", stderr: `${message}; see npm run policy -- --help\n` });
        });
    }
});
