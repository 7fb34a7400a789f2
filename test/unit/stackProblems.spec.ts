// Errors at the cause, without renders: a stack file's YAML and plaintext
// secrets, where a problem's value comes from, the pair rule, which stacks
// need their peer, peerStack's bare and qualified forms, and the region-pair
// check on a region it does not know.
import * as assert from "assert";
import { StackSettings } from "../../config/keys";
import { settingsFromConfig } from "../../config/load";
import { qualifiedStackName } from "../../config/peer";
import { needsPeerOutputs, pairProblems, peerProblems } from "../../config/rules";
import { parseStackSettings } from "../../config/parse";
import { projectRoot, readStackConfig, runtimeConfig, StackFileError } from "../../tools/stackFiles";
import { checkStack, findingLine, whereFrom, wroteProblems } from "../../tools/stackProblems";
import { asArgs, Overrides } from "../helpers";
import { deployedPeer, secondaryRaw } from "./regionFixtures";
import { removeStackRoots, stackRoot } from "../stackRoot";

/** A shipped stack's settings with overrides, as the program parses them. */
function settingsOf(stack: string, overrides: Overrides = {}): StackSettings {
    const config = readStackConfig(stack, asArgs(overrides));
    return settingsFromConfig(runtimeConfig(config.values), { project: "logscale-dr", stack, isSecret: (k) => config.secretKeys.includes(k) });
}

const lines = (root: string, stack: string, overrides: string[] = []) => checkStack(stack, overrides, "--config", root).findings.map(findingLine);

describe("stack files: what the Pulumi CLI would refuse to read", () => {
    after(removeStackRoots);

    it("a YAML syntax error names the file, the line and the column, in one line", () => {
        const root = stackRoot({ primary: [["  logscale-dr:namePrefix: lsdr-pri", "   logscale-dr:namePrefix: lsdr-pri"]] });
        assert.throws(
            () => readStackConfig("primary", [], root),
            (e: unknown) => e instanceof StackFileError && e.problems.length === 1 && /^Pulumi\.primary\.yaml:\d+:\d+$/.test(e.problems[0].where) && e.problems[0].problem === "not valid YAML: bad indentation of a mapping entry",
        );
        const shown = lines(root, "primary");
        assert.strictEqual(shown.length, 1);
        assert.match(shown[0], /^Pulumi\.primary\.yaml:9:\d+: not valid YAML: bad indentation of a mapping entry$/);
    });

    it("a plain value for a key Pulumi.yaml declares secret is refused as the Pulumi CLI refuses it, without the value", () => {
        const root = stackRoot({ primary: [["  logscale-dr:namePrefix: lsdr-pri\n", "  logscale-dr:namePrefix: lsdr-pri\n  logscale-dr:logscaleLicense: PLAINTEXT-LICENSE\n"]] });
        assert.deepStrictEqual(lines(root, "primary"), [
            "Pulumi.primary.yaml: logscale-dr:logscaleLicense: [secret] is not allowed in plain text (Pulumi.yaml declares it secret, and the Pulumi CLI refuses it unencrypted); allowed: an encrypted value, set with pulumi config set --secret logscaleLicense <value> --stack primary",
        ]);
    });

    it("read outside a render (the plan diff's base reads the stack file first), the refusal is written as the plan writes a config problem", () => {
        const root = stackRoot({ primary: [["  logscale-dr:namePrefix: lsdr-pri\n", "  logscale-dr:namePrefix: lsdr-pri\n  logscale-dr:logscaleLicense: PLAINTEXT-LICENSE\n"]] });
        const refusal = (() => {
            try {
                readStackConfig("primary", [], root);
            } catch (e) {
                return e;
            }
            assert.fail("read");
        })();
        let written = "";
        assert.ok(wroteProblems(refusal, { write: (s: string) => (written += s) }));
        assert.deepStrictEqual(written.split("\n"), [...lines(root, "primary"), ""]);
        assert.ok(!wroteProblems(new Error("not a config problem"), { write: () => undefined }));
    });

    it("an encrypted value, or one given with --config (never stored), is taken", () => {
        const root = stackRoot({ primary: [["  logscale-dr:namePrefix: lsdr-pri\n", "  logscale-dr:namePrefix: lsdr-pri\n  logscale-dr:logscaleLicense:\n    secure: AAABAJ0x\n"]] });
        const encrypted = readStackConfig("primary", [], root);
        assert.ok(encrypted.placeholders.includes("logscale-dr:logscaleLicense"));
        assert.strictEqual(readStackConfig("primary", ["logscaleLicense=given-on-the-command-line"]).values["logscale-dr:logscaleLicense"], "given-on-the-command-line");
    });

    it("an unknown region is one line naming the file: eastsu, mars", () => {
        for (const region of ["eastsu", "mars"]) {
            const root = stackRoot({ secondary: [["azure-native:location: westus", `azure-native:location: ${region}`]] });
            const shown = lines(root, "secondary");
            assert.strictEqual(shown.length, 1, shown.join("\n"));
            assert.ok(shown[0].startsWith(`Pulumi.secondary.yaml: azure-native:location: "${region}" is not allowed (not an Azure region); allowed: a known Azure region: australiacentral, `), shown[0]);
        }
    });
});

describe("where a problem's value comes from", () => {
    const checked = { stack: "primary", flag: "--config" as const, overrides: ["dr=actve", "logscaleClusterSize=giant", "dr=stanby", "clusterColour=blue"] };
    it("the last override that set its key, else the stack file", () => {
        assert.strictEqual(whereFrom(checked, 'logscale-dr:dr: "stanby" is not allowed; allowed: …', projectRoot), "--config dr=stanby");
        assert.strictEqual(whereFrom(checked, 'logscale-dr:clusterColour: "blue" is not allowed; allowed: …', projectRoot), "--config clusterColour=blue");
        assert.strictEqual(whereFrom(checked, "logscale-dr:namePrefix: (unset) is not allowed; allowed: …", projectRoot), "Pulumi.primary.yaml");
        assert.strictEqual(whereFrom(checked, 'azure-native:location: "mars" is not allowed; allowed: …', projectRoot), "Pulumi.primary.yaml");
        assert.strictEqual(whereFrom({ ...checked, flag: "--peer-config" }, 'logscale-dr:logscaleClusterSize: "giant" is not allowed', projectRoot), "--peer-config logscaleClusterSize=giant");
    });
});

describe("the pair: one owner of the global name and the Traffic Manager profile", () => {
    const ownerLine =
        "logscale-dr:manageGlobalDns: true is not allowed on both secondary and primary; allowed: true on one stack of the pair only: it owns the Traffic Manager profile and the global name; the other registers its endpoint on that profile";
    it("refuses both stacks managing global DNS, whatever their modes", () => {
        assert.deepStrictEqual(pairProblems(settingsOf("secondary", { manageGlobalDns: true }), settingsOf("primary")), [ownerLine]);
        assert.deepStrictEqual(pairProblems(settingsOf("secondary", { manageGlobalDns: true, dr: "active" }), settingsOf("primary", { dr: "standby" })), [ownerLine]);
    });
    it("takes the shipped pair, and the promoted one: the old primary keeps the profile as a standby beside the promoted secondary (README, Promotion)", () => {
        assert.deepStrictEqual(pairProblems(settingsOf("secondary"), settingsOf("primary")), []);
        const reprotected = settingsOf("primary", { dr: "standby" });
        assert.strictEqual(reprotected.manageGlobalDns, true);
        assert.deepStrictEqual(pairProblems(reprotected, settingsOf("secondary", { dr: "active" })), []);
        assert.deepStrictEqual(pairProblems(settingsOf("secondary", { dr: "active" }), reprotected), []);
    });
});

describe("which stacks need their peer's outputs", () => {
    it("a standby, and a sign-in client; not the stack brought up first", () => {
        assert.strictEqual(needsPeerOutputs(settingsOf("secondary")), true);
        assert.strictEqual(needsPeerOutputs(settingsOf("primary")), false);
        assert.strictEqual(needsPeerOutputs(settingsOf("secondary", { dr: "active" })), true, "its sign-in application is the primary's");
        assert.strictEqual(needsPeerOutputs(settingsOf("secondary", { dr: "active", entraSignIn: false })), false);
        assert.strictEqual(needsPeerOutputs(settingsOf("primary", { peerStack: "" })), false);
    });
});

describe("peerStack: a bare name, or a qualified one", () => {
    const here = {
        organization: () => "contoso",
        project: "logscale-dr",
    };
    it("fills in what it leaves out from this stack's organization and project", () => {
        assert.strictEqual(qualifiedStackName("primary", here), "contoso/logscale-dr/primary");
        assert.strictEqual(qualifiedStackName("acme/primary", here), "acme/logscale-dr/primary");
        assert.strictEqual(qualifiedStackName("acme/other/primary", here), "acme/other/primary");
    });
    it("asks for the organization only where the name leaves it out", () => {
        const none = { organization: (): string => assert.fail("asked for the organization"), project: "logscale-dr" };
        assert.strictEqual(qualifiedStackName("acme/logscale-dr/primary", none), "acme/logscale-dr/primary");
        assert.strictEqual(qualifiedStackName("acme/primary", none), "acme/logscale-dr/primary");
    });
    it("both forms parse; either naming this stack itself is refused", () => {
        for (const peerStack of ["primary", "acme/logscale-dr/primary"]) assert.strictEqual(settingsOf("secondary", { peerStack }).peerStack, peerStack);
        for (const peerStack of ["secondary", "acme/logscale-dr/secondary"]) {
            assert.throws(() => settingsOf("secondary", { peerStack }), new RegExp(`logscale-dr:peerStack: "${peerStack}" is not allowed; allowed: the other region's stack, not this one`));
        }
    });
});

describe("the region pair never skips a region it does not know", () => {
    for (const location of ["westus", "italynorth"]) {
        it(`a stack in ${location} beside a peer in eastsu is refused in one line`, () => {
            const s = parseStackSettings(secondaryRaw, { project: "logscale-dr", stack: "secondary", location });
            const problems = peerProblems(s, deployedPeer(s, { location: "eastsu" })).filter((p) => p.startsWith("azure-native:location"));
            assert.deepStrictEqual(problems, [
                `azure-native:location: "${location}" is not allowed with a peer in eastsu; allowed: a peer in a known Azure region (eastsu is not one: config/regions.ts lists them)`,
            ]);
        });
    }
});
