// docs/security.md's role table is the plans' own: every Azure role
// assignment of the shipped stacks, none wider than the resource it is for.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import { withSection } from "../../tools/generatedSection";
import { roleRows, roleSection, roleTable, scopeName, securityDoc, securityPlans } from "../../tools/securityModel";
import { projectRoot } from "../../tools/stackFiles";
import { session } from "../helpers";

describe("security model", () => {
    it("docs/security.md shows exactly the plans' role table", async () => {
        const doc = fs.readFileSync(securityDoc, "utf8");
        assert.strictEqual(doc, withSection(roleSection, doc, roleTable(await securityPlans(session))), "regenerate with: node -r esbuild-register tools/securityModel.ts --write");
    });

    it("the regenerate command the document shows, run as written: up to date, and the file untouched", function () {
        this.timeout(60_000);
        const command = /`(node -r esbuild-register tools\/securityModel\.ts --write)`/.exec(fs.readFileSync(securityDoc, "utf8"))?.[1];
        assert.ok(command, "docs/security.md shows the command");
        const before = fs.statSync(securityDoc).mtimeMs;
        assert.strictEqual(execFileSync("sh", ["-e", "-c", command], { cwd: projectRoot, encoding: "utf8" }), "docs/security.md is up to date\n");
        assert.strictEqual(fs.statSync(securityDoc).mtimeMs, before);
    });

    it("every assignment names a principal the plan created, on a resource, never a resource group or the subscription", async () => {
        for (const { where, plan } of await securityPlans(session)) {
            for (const row of roleRows(where, plan)) {
                assert.doesNotMatch(row.principal, /^unknown/, `${where}: ${JSON.stringify(row)}`);
                assert.doesNotMatch(row.scope, /^(resource group|the subscription)/, `${where}: ${JSON.stringify(row)}`);
            }
        }
    });

    it("names scopes as a reader would", () => {
        assert.strictEqual(scopeName("/subscriptions/s"), "the subscription");
        assert.strictEqual(scopeName("/subscriptions/s/resourceGroups/rg"), "resource group rg");
        assert.strictEqual(scopeName("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/a/blobServices/default/containers/c"), "storageAccounts/a/containers/c");
    });
});
