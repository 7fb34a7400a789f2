// Rule family 1, naming rules the REST excerpts do not state: each rule's
// compliant baseline passes, and each mutation breaks that rule.
import * as assert from "assert";
import { azureNameViolations } from "../../tools/preflight/azureNames";
import { baseline, input, mutated } from "./fixtures";

const found = (r: Parameters<typeof mutated>[0]) => azureNameViolations(input([r])).map((v) => `${v.ruleId} ${v.property}`);

describe("preflight: Azure naming rules", () => {
    it("the baselines' names are allowed", () => {
        for (const r of [baseline.storageAccount, baseline.vault, baseline.redis, baseline.postgres, baseline.webApp, baseline.recordSet, baseline.agentPool, baseline.managedCluster]) assert.deepStrictEqual(found(r), [], r.type);
    });

    it("storage accounts: 3-24 lowercase letters and digits", () => {
        assert.deepStrictEqual(found(mutated(baseline.storageAccount, "accountName", "lsdr-logs")), ["names.storageAccount accountName"]);
        assert.deepStrictEqual(found(mutated(baseline.storageAccount, "accountName", "a".repeat(25))), ["names.storageAccount accountName"]);
    });

    it("Key Vaults: start with a letter, end with a letter or digit, no consecutive hyphens", () => {
        for (const name of ["1lsdrkv", "lsdr-kv-", "lsdr--kv", "kv"]) assert.deepStrictEqual(found(mutated(baseline.vault, "vaultName", name)), ["names.keyVault vaultName"], name);
        assert.deepStrictEqual(found(mutated(baseline.vault, "vaultName", "lsdr-kv-1")), []);
    });

    it("Redis caches: start and end alphanumeric, no consecutive hyphens", () => {
        for (const name of ["-lsdr", "lsdr-", "ls--dr", "a".repeat(64)]) assert.deepStrictEqual(found(mutated(baseline.redis, "name", name)), ["names.redis name"], name);
    });

    it("PostgreSQL flexible servers: lowercase, 3-63, no hyphen at either end", () => {
        for (const name of ["Lsdr-pg", "lsdr-pg-", "pg"]) assert.deepStrictEqual(found(mutated(baseline.postgres, "serverName", name)), ["names.postgres serverName"], name);
    });

    it("Function Apps: 2-60, no hyphen at either end", () => {
        for (const name of ["-lsdr", "x", "lsdr_failover"]) assert.deepStrictEqual(found(mutated(baseline.webApp, "name", name)), ["names.site name"], name);
    });

    it("DNS record sets: labels of 1-63, no CNAME at the apex", () => {
        assert.deepStrictEqual(found(mutated(baseline.recordSet, "relativeRecordSetName", "a".repeat(64))), ["names.dnsRecord relativeRecordSetName"]);
        assert.deepStrictEqual(found(mutated(baseline.recordSet, "relativeRecordSetName", "log scale")), ["names.dnsRecord relativeRecordSetName"]);
        assert.deepStrictEqual(found(mutated(baseline.recordSet, "relativeRecordSetName", "@")), ["names.dnsRecord relativeRecordSetName"]);
        assert.deepStrictEqual(found(mutated(mutated(baseline.recordSet, "relativeRecordSetName", "@"), "recordType", "A")), []);
    });

    it("AKS pools: at most 12 lowercase alphanumerics (6 for Windows), starting with a letter, inline or as AgentPool", () => {
        assert.deepStrictEqual(found(mutated(baseline.agentPool, "agentPoolName", "kafkabrokers01")), ["names.aksPool agentPoolName"]);
        assert.deepStrictEqual(found(mutated(mutated(baseline.agentPool, "agentPoolName", "windows1"), "osType", "Windows")), ["names.aksPool agentPoolName"]);
        assert.deepStrictEqual(found(mutated(baseline.managedCluster, "agentPoolProfiles[0].name", "1system")), ["names.aksPool agentPoolProfiles[0].name"]);
    });
});
