// The pinned versions: the warning rule by date, the docs table generated
// from the data, and the data read from where each version is pinned.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { configKeys } from "../../config/keys";
import { failoverNodeMajor } from "../../contract";
import { projectRoot } from "../../tools/stackFiles";
import { aksEndOfLife, azureApis, azureApiVersion, pinnedVersions, VersionEntry, versionsDoc, versionsTable, versionWarnings, withTable } from "../../tools/versions";

const entry = (component: string, endOfSupport: string | undefined): VersionEntry => ({ component, version: "1.0", endOfSupport, source: "src", why: "why" });

describe("pinned versions", () => {
    it("warns for a version past its end of support on the given day, not for one still supported or one without a date", () => {
        const entries = [entry("past", "2026-07-31"), entry("supported", "2027-02-14"), entry("unknown", undefined)];
        assert.deepStrictEqual(versionWarnings(entries, "2026-12-01"), ["past 1.0 is past its end of support (2026-07-31; src)"]);
        assert.deepStrictEqual(versionWarnings(entries, new Date("2026-12-01T23:00:00Z")), ["past 1.0 is past its end of support (2026-07-31; src)"]);
    });

    it("the end-of-support day itself is still supported", () => {
        assert.deepStrictEqual(versionWarnings([entry("edge", "2026-12-01")], "2026-12-01"), []);
        assert.strictEqual(versionWarnings([entry("edge", "2026-12-01")], "2026-12-02").length, 1);
    });

    it("docs/versions.md shows exactly the data's table", () => {
        const doc = fs.readFileSync(versionsDoc, "utf8");
        assert.strictEqual(doc, withTable(doc, versionsTable(pinnedVersions())), "regenerate with: node -r esbuild-register tools/versions.ts --write");
    });

    it("the regenerate command docs/versions.md shows, run as written: up to date, and the file untouched", function () {
        this.timeout(30_000);
        const command = /`(node -r esbuild-register tools\/versions\.ts --write)`/.exec(fs.readFileSync(versionsDoc, "utf8"))?.[1];
        assert.ok(command, "docs/versions.md shows the command");
        const before = fs.statSync(versionsDoc).mtimeMs;
        assert.strictEqual(execFileSync("sh", ["-e", "-c", command], { cwd: projectRoot, encoding: "utf8" }), "docs/versions.md is up to date\n");
        assert.strictEqual(fs.statSync(versionsDoc).mtimeMs, before);
    });

    it("README links the table", () => {
        assert.match(fs.readFileSync(path.join(projectRoot, "README.md"), "utf8"), /\]\(docs\/versions\.md\)/);
    });

    it("versions come from where they are pinned, and the calendars know the pinned ones", () => {
        const byComponent = Object.fromEntries(pinnedVersions().map((e) => [e.component, e]));
        const k8s = byComponent["AKS Kubernetes (kubernetesVersion default)"];
        assert.strictEqual(k8s.version, configKeys.kubernetesVersion.default);
        assert.ok(k8s.endOfSupport, `no AKS end of life for ${k8s.version} in aksEndOfLife: add it from the AKS release calendar`);
        assert.ok(Object.keys(aksEndOfLife).includes(k8s.version.split(".").slice(0, 2).join(".")));
        const node = byComponent["Azure Functions Node.js (failover function)"];
        assert.deepStrictEqual([node.version, typeof node.endOfSupport], [String(failoverNodeMajor), "string"]);
        const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot, "package.json"), "utf8"));
        assert.strictEqual(byComponent["npm @pulumi/azure-native"].version, pkg.dependencies["@pulumi/azure-native"]);
        for (const e of pinnedVersions()) assert.ok(e.endOfSupport === undefined || /^\d{4}-\d{2}-\d{2}$/.test(e.endOfSupport), `${e.component}: ${e.endOfSupport}`);
    });

    it("each Azure API's types share one REST API version, the one of its excerpt in ../shared/schemas/azure", () => {
        const excerpts = fs.readdirSync(path.resolve(projectRoot, "../shared/schemas/azure"));
        for (const { api, types } of azureApis) {
            const versions = [...new Set(types.map((t) => azureApiVersion(t)))];
            assert.strictEqual(versions.length, 1, `${api}: ${versions.join(", ")}`);
            assert.ok(excerpts.some((f) => f.includes(versions[0])), `${api}: no excerpt at ${versions[0]}`);
        }
    });
});
