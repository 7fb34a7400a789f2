// The recovery net under the data: what brings back a deleted or overwritten
// log segment, a deleted account, a lost zone, or a deleted vault secret —
// whoever deleted it and however (Pulumi's protect stops only Pulumi).
import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { configOf, logAccounts, moreTypes, types } from "./facts";

/**
 * Blob soft delete, container soft delete and versioning are the account's
 * blob service properties (deleteRetentionPolicy,
 * containerDeleteRetentionPolicy, isVersioningEnabled; Microsoft Learn, "Soft
 * delete for blobs", "Soft delete for containers", "Blob versioning").
 */
export const logAccountRecovery: StackValidationPolicy = {
    name: "storage-log-account-recovery",
    description:
        "LogScale's bucket accounts keep deleted blobs and containers for at least minDays (7) and version overwritten blobs, so a mistaken or malicious delete of the logs can be undone.",
    enforcementLevel: "advisory",
    configSchema: { properties: { minDays: { type: "integer", default: 7, description: "Fewest days deleted blobs and containers are kept." } } },
    validateStack: (args, report) => {
        const accounts = logAccounts(args.resources);
        if (!accounts.length) args.notApplicable("no storage accounts");
        const { minDays } = configOf(args, { minDays: 7 });
        for (const a of accounts) {
            const service = args.resources.find((r) => r.type === moreTypes.blobServiceProperties && r.props.accountName === a.props.accountName)?.props;
            const where = `storage account ${a.props.accountName}`;
            if (!service) {
                report(`${where} has no blob service properties: no blob or container soft delete, no versioning.`, a.urn);
                continue;
            }
            for (const [key, what] of [
                ["deleteRetentionPolicy", "blob soft delete"],
                ["containerDeleteRetentionPolicy", "container soft delete"],
            ] as const) {
                const policy = service[key] ?? {};
                if (policy.enabled !== true) report(`${where}: ${what} (${key}) is off.`, a.urn);
                else if (!(policy.days >= minDays)) report(`${where}: ${what} keeps ${policy.days} days; at least ${minDays} are required.`, a.urn);
            }
            if (service.isVersioningEnabled !== true) report(`${where}: blob versioning (isVersioningEnabled) is off.`, a.urn);
        }
    },
};

// LRS keeps three copies in one datacentre; ZRS spreads them over the
// region's availability zones, GRS/GZRS also to the paired region (Microsoft
// Learn, "Azure Storage redundancy"; source not found in the search index).
export const logAccountZoneRedundant: StackValidationPolicy = {
    name: "storage-log-account-zone-redundant",
    description: "LogScale's bucket accounts survive the loss of a datacentre: their SKU is zone- or geo-redundant (ZRS, GRS, GZRS, RA-…), not LRS, which keeps every copy in one building.",
    enforcementLevel: "advisory",
    validateStack: (args, report) => {
        const accounts = logAccounts(args.resources);
        if (!accounts.length) args.notApplicable("no storage accounts");
        for (const a of accounts) {
            const sku = String(a.props.sku?.name ?? "");
            if (!/_(ZRS|GRS|GZRS|RAGRS|RAGZRS)$/.test(sku)) report(`storage account ${a.props.accountName} is ${sku || "of no SKU"}; use a zone- or geo-redundant SKU.`, a.urn);
        }
    },
};

const lockTypes = new Set<string>([moreTypes.lockByScope, moreTypes.lockAtResourceGroup, moreTypes.lockAtResource, moreTypes.lockAtSubscription]);

/** Whether a lock (any level) keeps `account` from being deleted: on the account, its resource group or the subscription. */
function lockCovers(lock: PolicyResource, account: PolicyResource): boolean {
    const p = lock.props;
    if (!["CanNotDelete", "ReadOnly"].includes(p.level)) return false;
    const rg = String(account.props.resourceGroupName ?? "").toLowerCase();
    const name = String(account.props.accountName ?? "").toLowerCase();
    switch (lock.type) {
        case moreTypes.lockAtSubscription:
            return true;
        case moreTypes.lockAtResourceGroup:
            return String(p.resourceGroupName ?? "").toLowerCase() === rg;
        case moreTypes.lockAtResource:
            return String(p.resourceName ?? "").toLowerCase() === name && /storageAccounts$/i.test(String(p.resourceType ?? ""));
        default: {
            const scope = String(p.scope ?? "").replace(/\/+$/, "").toLowerCase();
            const id = String(account.props.id ?? "").toLowerCase();
            return (
                (id !== "" && scope === id) ||
                scope.endsWith(`/providers/microsoft.storage/storageaccounts/${name}`) ||
                scope.endsWith(`/resourcegroups/${rg}`) ||
                /^\/subscriptions\/[^/]+$/.test(scope)
            );
        }
    }
}

/**
 * A CanNotDelete lock refuses every delete of the resource — and of the
 * resource group around it — from the portal, CLI or a script; Pulumi's
 * protect stops only Pulumi. Locks at a parent scope apply below it, and only
 * Owner or User Access Administrator can remove one (AzureRMR, "Management
 * locks"; Microsoft Learn, "Lock your resources to protect your
 * infrastructure").
 */
export const logAccountLocked: StackValidationPolicy = {
    name: "storage-log-account-delete-lock",
    description:
        "A CanNotDelete (or ReadOnly) management lock covers each LogScale bucket account — on the account, its resource group or the subscription — so neither the account nor the resource group holding it can be deleted in Azure, which ignores Pulumi's protect.",
    enforcementLevel: "advisory",
    validateStack: (args, report) => {
        const accounts = logAccounts(args.resources);
        if (!accounts.length) args.notApplicable("no storage accounts");
        const locks = args.resources.filter((r) => lockTypes.has(r.type));
        for (const a of accounts) {
            if (!locks.some((l) => lockCovers(l, a))) report(`storage account ${a.props.accountName} has no CanNotDelete lock on it, its resource group or the subscription.`, a.urn);
        }
    },
};

// "Once a secret, key, certificate, or key vault is deleted, it remains
// recoverable for a configurable period of 7 to 90 calendar days", 90 by
// default (Microsoft Learn, "Azure Key Vault soft-delete overview").
export const keyVaultRetention: ResourceValidationPolicy = {
    name: "key-vault-soft-delete-retention",
    description:
        "Key Vaults keep soft delete on and deleted secrets recoverable for at least minDays (90, Azure's default and maximum), so a deleted storage or encryption key is noticed and restored in time; the retention is fixed when the vault is created.",
    enforcementLevel: "advisory",
    configSchema: { properties: { minDays: { type: "integer", default: 90, description: "Fewest days a deleted vault or secret stays recoverable." } } },
    validateResource: (args, report) => {
        if (args.type !== types.keyVault) args.notApplicable("applies to Key Vaults");
        const { minDays } = configOf(args, { minDays: 90 });
        const p = args.props.properties ?? {};
        if (p.enableSoftDelete === false) report("properties.enableSoftDelete is false.");
        const days = p.softDeleteRetentionInDays ?? 90;
        if (days < minDays) report(`properties.softDeleteRetentionInDays is ${days}; at least ${minDays} are required.`);
    },
};

export const recoveryPolicies = [logAccountRecovery, logAccountZoneRedundant, logAccountLocked, keyVaultRetention];
