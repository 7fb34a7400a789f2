// Errors at the cause (issue 14): the reproductions a new user found running
// the offline plan, run through `npm run plan` and `npm run policy` in-process
// over edited copies of the stack files. Each problem names where its value
// comes from; a peer's problems are the peer's, and stop only a stack that
// needs the peer.
import * as assert from "assert";
import { BringUp } from "../../tools/bringUp";
import { main as planMain } from "../../tools/plan";
import { main as policyMain } from "../../tools/policy";
import { named, plan, runMain } from "../helpers";
import { removeStackRoots, StackFileEdits, stackRoot } from "../stackRoot";

const drAllowed = 'allowed: "active", "standby" or "" (no DR)';
const actve = `logscale-dr:dr: "actve" is not allowed; ${drAllowed}`;
const primaryActve: StackFileEdits = { primary: [["logscale-dr:dr: active", "logscale-dr:dr: actve"]] };
const primaryMisspelled: StackFileEdits = { primary: [["logscale-dr:manageGlobalDns: true", "logscale-dr:manageGlobalDNS: true"]] };
const misspelled = 'logscale-dr:manageGlobalDNS: "true" is not allowed; allowed: manageGlobalDns (did you mean it?)';
const secondaryMisspelled: StackFileEdits = { secondary: [["logscale-dr:drUseDedicatedRouting: false", "logscale-dr:drUseDedicatedRoutng: false"]] };
const routingTypo = 'logscale-dr:drUseDedicatedRoutng: "false" is not allowed; allowed: drUseDedicatedRouting (did you mean it?)';

/** `npm run plan` or `npm run policy` over the stack files with `edits`: exit code, stdout, stderr's lines. */
async function run(main: typeof planMain | typeof policyMain, argv: string[], edits: StackFileEdits) {
    const { code, stdout, stderr } = await runMain(main, argv, new BringUp(stackRoot(edits)));
    return { code, stdout, errors: stderr.split("\n").filter((l) => l && !l.startsWith("warning: ")) };
}

describe("errors at the cause", function () {
    this.timeout(120_000);
    after(removeStackRoots);

    describe("dr: actve in the primary's file", () => {
        it("--stack primary names the primary's file", async () => {
            assert.deepStrictEqual(await run(planMain, ["--stack", "primary"], primaryActve), { code: 1, stdout: "", errors: [`Pulumi.primary.yaml: ${actve}`] });
        });
        it("--stack secondary names the primary's file as its peer, which the standby needs", async () => {
            assert.deepStrictEqual(await run(planMain, ["--stack", "secondary"], primaryActve), {
                code: 1,
                stdout: "",
                errors: [`Pulumi.primary.yaml (peer of secondary, which needs its outputs): ${actve}`],
            });
        });
        it("npm run policy -- --stack primary names the primary's file", async () => {
            assert.deepStrictEqual(await run(policyMain, ["--stack", "primary"], primaryActve), { code: 1, stdout: "", errors: [`Pulumi.primary.yaml: ${actve}`] });
        });
        it("an override says so, for the stack and for its peer", async () => {
            const r = await run(planMain, ["--stack", "primary", "--config", "dr=actve"], {});
            assert.deepStrictEqual([r.code, r.errors], [1, [`--config dr=actve: ${actve}`]]);
            const peer = await run(planMain, ["--stack", "secondary", "--peer-config", "dr=actve"], {});
            assert.deepStrictEqual([peer.code, peer.errors], [1, [`--peer-config dr=actve (peer of secondary, which needs its outputs): ${actve}`]]);
        });
    });

    describe("a broken value the command line overrides", () => {
        it("renders: the standby peer is fed the primary as overridden, not the broken file, and nothing is blamed on it", async () => {
            const r = await run(planMain, ["--stack", "primary", "--config", "dr=active"], primaryActve);
            assert.deepStrictEqual([r.code, r.errors], [0, []]);
            assert.match(r.stdout, /^Parity with secondary: /m);
        });
    });

    describe("a misspelled key in the primary's file", () => {
        it("--stack primary and --stack secondary name it in the primary's file", async () => {
            assert.deepStrictEqual((await run(planMain, ["--stack", "primary"], primaryMisspelled)).errors, [`Pulumi.primary.yaml: ${misspelled}`]);
            assert.deepStrictEqual((await run(planMain, ["--stack", "secondary"], primaryMisspelled)).errors, [`Pulumi.primary.yaml (peer of secondary, which needs its outputs): ${misspelled}`]);
        });
    });

    describe("a typo in the secondary's file", () => {
        it("does not block --stack primary: rendered without the secondary's outputs, as first brought up, with a note", async () => {
            const r = await run(planMain, ["--stack", "primary"], secondaryMisspelled);
            assert.deepStrictEqual(r.errors, []);
            assert.match(r.stdout, /^primary: \d+ resources .* · dr=active · routing dedicated pools$/m);
            assert.ok(r.stdout.includes(`\nNote: Pulumi.secondary.yaml (peer of primary, which renders without its outputs): ${routingTypo}\n`), r.stdout);
            assert.doesNotMatch(r.stdout, /^ {2}reverseRecoveryEnvVars:/m, "no reverse recovery variables without a deployed peer");
        });
        it("does not block npm run policy -- --stack primary --config dr=active either: the note is on stderr", async () => {
            const r = await run(policyMain, ["--stack", "primary", "--config", "dr=active"], secondaryMisspelled);
            assert.deepStrictEqual([r.code, r.errors], [0, [`note: Pulumi.secondary.yaml (peer of primary, which renders without its outputs): ${routingTypo}`]]);
            assert.match(r.stdout, /policies × 1 stack\/modes: 0 mandatory/);
        });
        it("stops --stack secondary, naming its own file", async () => {
            assert.deepStrictEqual((await run(planMain, ["--stack", "secondary"], secondaryMisspelled)).errors, [`Pulumi.secondary.yaml: ${routingTypo}`]);
        });
        it("stops npm run policy -- --stack primary, whose standby mode needs the secondary, as the secondary's", async () => {
            assert.deepStrictEqual((await run(policyMain, ["--stack", "primary"], secondaryMisspelled)).errors, [`Pulumi.secondary.yaml (peer of primary, which needs its outputs): ${routingTypo}`]);
        });
        it("with both files broken, a stack's own problems come first, then its peer's", async () => {
            const r = await run(planMain, ["--stack", "secondary"], { ...primaryActve, ...secondaryMisspelled });
            assert.deepStrictEqual(r.errors, [`Pulumi.secondary.yaml: ${routingTypo}`, `Pulumi.primary.yaml (peer of secondary): ${actve}`]);
        });
    });

    describe("one owner of the global name and the Traffic Manager profile", () => {
        const owner =
            "logscale-dr:manageGlobalDns: true is not allowed on both secondary and primary; allowed: true on one stack of the pair only: it owns the Traffic Manager profile and the global name; the other registers its endpoint on that profile";
        const argv = ["--stack", "secondary", "--config", "manageGlobalDns=true", "--config", "dnsZoneResourceGroup=dns-global"];
        it("a standby managing global DNS beside the primary is refused by the plan and by the policy pack", async () => {
            for (const main of [planMain, policyMain]) {
                assert.deepStrictEqual(await run(main, argv, {}), { code: 1, stdout: "", errors: [`--config manageGlobalDns=true and Pulumi.primary.yaml: ${owner}`] });
            }
        });
        it("both stack files saying manageGlobalDns: true are refused, naming both files", async () => {
            const edits: StackFileEdits = { secondary: [["logscale-dr:manageGlobalDns: false", "logscale-dr:manageGlobalDns: true"]] };
            assert.deepStrictEqual((await run(planMain, ["--stack", "secondary"], edits)).errors, [`Pulumi.secondary.yaml and Pulumi.primary.yaml: ${owner}`]);
            assert.deepStrictEqual((await run(planMain, ["--stack", "primary"], edits)).errors, [
                `Pulumi.primary.yaml and Pulumi.secondary.yaml: ${owner.replace("both secondary and primary", "both primary and secondary")}`,
            ]);
            // The policy pack renders the primary as a standby beside the secondary made active: still the pair's problem, not the peer's.
            assert.deepStrictEqual((await run(policyMain, ["--stack", "primary"], edits)).errors, [`Pulumi.secondary.yaml and Pulumi.primary.yaml: ${owner}`]);
        });
    });

    describe("stack files Pulumi would refuse", () => {
        it("a plaintext license, naming the file and never the value", async () => {
            const r = await run(planMain, ["--stack", "primary"], { primary: [["  logscale-dr:namePrefix: lsdr-pri\n", "  logscale-dr:namePrefix: lsdr-pri\n  logscale-dr:logscaleLicense: PLAINTEXT-LICENSE\n"]] });
            assert.deepStrictEqual(r.errors, [
                "Pulumi.primary.yaml: logscale-dr:logscaleLicense: [secret] is not allowed in plain text (Pulumi.yaml declares it secret, and the Pulumi CLI refuses it unencrypted); allowed: an encrypted value, set with pulumi config set --secret logscaleLicense <value> --stack primary",
            ]);
            assert.strictEqual(r.code, 1);
        });
        it("a YAML syntax error, naming the file and the line", async () => {
            const broken: StackFileEdits = { primary: [["  logscale-dr:namePrefix: lsdr-pri", "   logscale-dr:namePrefix: lsdr-pri"]] };
            assert.deepStrictEqual((await run(planMain, ["--stack", "primary"], broken)).errors, ["Pulumi.primary.yaml:9:26: not valid YAML: bad indentation of a mapping entry"]);
            assert.deepStrictEqual((await run(planMain, ["--stack", "secondary"], broken)).errors, ["Pulumi.primary.yaml:9:26 (peer of secondary, which needs its outputs): not valid YAML: bad indentation of a mapping entry"]);
        });
        it("an unknown region in a stack file, in one line", async () => {
            const r = await run(planMain, ["--stack", "secondary"], { secondary: [["azure-native:location: westus", "azure-native:location: eastsu"]] });
            assert.strictEqual(r.errors.length, 1);
            assert.ok(r.errors[0].startsWith('Pulumi.secondary.yaml: azure-native:location: "eastsu" is not allowed (not an Azure region); allowed: a known Azure region: '), r.errors[0]);
        });
    });

    describe("peerStack without an organization", () => {
        it("a bare name resolves in this stack's organization and project, the same stack as its qualified name", async () => {
            const [bare, qualified] = [await plan("secondary"), await plan("secondary", { peerStack: "organization/logscale-dr/primary" })];
            assert.deepStrictEqual(named(bare, "peer").inputs, { name: "organization/logscale-dr/primary" });
            assert.deepStrictEqual(bare.rendering.resources, qualified.rendering.resources);
            assert.strictEqual(bare.peer?.stack, "primary");
        });
    });
});
