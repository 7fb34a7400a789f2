// The recovery net: each policy passes its compliant baseline and catches
// exactly the violation each mutation introduces.
import * as assert from "assert";
import * as rec from "../../policy/recovery";
import { activeStack, assertPasses, ids, mutate, resource, standbyStack, violations } from "./fixtures";

describe("policy: recovery net", () => {
    it("storage-log-account-recovery", async () => {
        await assertPasses(rec.logAccountRecovery, standbyStack());
        const service = (change: (p: any) => void) => mutate(standbyStack(), "logs-blob-service", (r) => change(r.props));
        assert.deepStrictEqual(await violations(rec.logAccountRecovery, service((p) => (p.deleteRetentionPolicy.enabled = false))), ["storage account lsdrseclogs1: blob soft delete (deleteRetentionPolicy) is off."]);
        assert.deepStrictEqual(await violations(rec.logAccountRecovery, service((p) => delete p.containerDeleteRetentionPolicy)), [
            "storage account lsdrseclogs1: container soft delete (containerDeleteRetentionPolicy) is off.",
        ]);
        assert.deepStrictEqual(await violations(rec.logAccountRecovery, service((p) => (p.isVersioningEnabled = false))), ["storage account lsdrseclogs1: blob versioning (isVersioningEnabled) is off."]);
        assert.deepStrictEqual(await violations(rec.logAccountRecovery, service((p) => (p.deleteRetentionPolicy.days = 1))), [
            "storage account lsdrseclogs1: blob soft delete keeps 1 days; at least 7 are required.",
        ]);
        assert.deepStrictEqual(await violations(rec.logAccountRecovery, standbyStack().filter((r) => r.name !== "logs-blob-service")), [
            "storage account lsdrseclogs1 has no blob service properties: no blob or container soft delete, no versioning.",
        ]);
        // Only LogScale's bucket needs the net: the failover function's host account is rebuilt from the package.
        assert.deepStrictEqual(await violations(rec.logAccountRecovery, standbyStack()), []);
    });

    it("storage-log-account-zone-redundant", async () => {
        await assertPasses(rec.logAccountZoneRedundant, standbyStack());
        assert.deepStrictEqual(await violations(rec.logAccountZoneRedundant, mutate(standbyStack(), "logs-account", (r) => (r.props.sku.name = "Standard_LRS"))), [
            "storage account lsdrseclogs1 is Standard_LRS; use a zone- or geo-redundant SKU.",
        ]);
        await assertPasses(rec.logAccountZoneRedundant, mutate(standbyStack(), "logs-account", (r) => (r.props.sku.name = "Standard_RAGZRS")));
    });

    it("storage-log-account-delete-lock", async () => {
        await assertPasses(rec.logAccountLocked, standbyStack());
        const unlocked = standbyStack().filter((r) => r.name !== "logs-account-lock");
        assert.deepStrictEqual(await violations(rec.logAccountLocked, unlocked), ["storage account lsdrseclogs1 has no CanNotDelete lock on it, its resource group or the subscription."]);
        assert.strictEqual((await violations(rec.logAccountLocked, mutate(standbyStack(), "logs-account-lock", (r) => (r.props.level = "NotSpecified")))).length, 1);
        assert.strictEqual((await violations(rec.logAccountLocked, mutate(standbyStack(), "logs-account-lock", (r) => (r.props.scope = `${ids.resourceGroup}/providers/Microsoft.Storage/storageAccounts/other`)))).length, 1);
        // A lock on the resource group or the subscription covers the account too.
        await assertPasses(rec.logAccountLocked, [...unlocked, resource("azure-native:authorization:ManagementLockAtResourceGroupLevel", "region-lock", { resourceGroupName: "lsdr-sec-logscale-westus", level: "CanNotDelete" })]);
        await assertPasses(rec.logAccountLocked, [...unlocked, resource("azure-native:authorization:ManagementLockByScope", "sub-lock", { scope: ids.subscription, level: "ReadOnly" })]);
    });

    it("key-vault-soft-delete-retention", async () => {
        await assertPasses(rec.keyVaultRetention, activeStack());
        assert.deepStrictEqual(await violations(rec.keyVaultRetention, mutate(activeStack(), "vault", (r) => (r.props.properties.softDeleteRetentionInDays = 7))), [
            "properties.softDeleteRetentionInDays is 7; at least 90 are required.",
        ]);
        assert.deepStrictEqual(await violations(rec.keyVaultRetention, mutate(activeStack(), "vault", (r) => (r.props.properties.enableSoftDelete = false))), ["properties.enableSoftDelete is false."]);
        assert.deepStrictEqual(await violations(rec.keyVaultRetention, mutate(activeStack(), "vault", (r) => (r.props.properties.softDeleteRetentionInDays = 30)), { "key-vault-soft-delete-retention": { minDays: 30 } }), []);
    });
});
