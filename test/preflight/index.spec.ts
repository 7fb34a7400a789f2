// The preflight as a whole: every family over one rendering, a name the REST
// definition and a naming rule both reject reported once, and the rule list.
import * as assert from "assert";
import { preflight, preflightRules } from "../../tools/preflight";
import { baseline, input, mutated } from "./fixtures";

describe("preflight: all families", () => {
    it("a compliant rendering has no violations, and is counted", () => {
        const report = preflight(input([baseline.managedCluster, baseline.agentPool, baseline.storageAccount, baseline.subnet, baseline.vault, baseline.redis, baseline.postgres]));
        assert.deepStrictEqual(report.violations, []);
        assert.deepStrictEqual(report.checked, { azureResources: 7, azureRestDefinitions: 7, kubernetesObjects: 0, helmReleases: 0 });
    });

    it("a storage account name the REST definition rejects is reported by it, not again by the naming rule", () => {
        const { violations } = preflight(input([mutated(baseline.storageAccount, "accountName", "Lsdr-Logs")]));
        assert.deepStrictEqual(violations.map((v) => v.ruleId), ["azure.pattern"]);
    });

    it("a Key Vault name only the naming rule rejects is reported by it", () => {
        const { violations } = preflight(input([mutated(baseline.vault, "vaultName", "lsdr--kv")]));
        assert.deepStrictEqual(violations.map((v) => v.ruleId), ["names.keyVault"]);
    });

    it("every rule has an id of its family, a summary and a source", () => {
        assert.strictEqual(new Set(preflightRules.map((r) => r.id)).size, preflightRules.length);
        for (const r of preflightRules) assert.ok(/^(azure|names|arm|k8s|helm|semantic)\.\w+$/.test(r.id) && r.summary && r.source, JSON.stringify(r));
    });
});
