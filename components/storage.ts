// LogScale's bucket storage: a locked-down StorageV2 account, its container,
// and the key LogScale encrypts segments with. All three hold data and are
// protected: no config flip may replace them.
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import * as storage from "@pulumi/azure-native/storage";
import type * as inputs from "@pulumi/azure-native/types/input";
import { storageKeyNames, witnessContainer } from "../contract";
import { uniqueName } from "./naming";
import { lockAgainstDeletion } from "./locks";
import { placement, PlacementArgs } from "./placement";

export interface LogStorageArgs extends PlacementArgs {
    /**
     * Subnets with the Microsoft.Storage service endpoint allowed through the firewall: this region's, and the
     * peer region's. A request through a service endpoint carries the subnet's private address, which no IP rule
     * matches; a virtual network rule admits it, from the account's region or its paired region (Microsoft Learn,
     * "Configure Azure Storage firewalls and virtual networks").
     */
    allowedSubnetIds: pulumi.Input<string>[];
    /** Public IPs allowed through the firewall: the peer region's egress IP, for requests that leave through its NAT gateway. */
    allowedIps: string[];
    /** Zone- or geo-redundant, as the region allows (model/zones.ts). */
    sku: string;
    /** Days deleted blobs and containers, and previous blob versions, stay recoverable. */
    recoveryDays: number;
}

export const storageContainerName = "logscale-data";

export const encryptionKeyLength = 64;

/** LogScale writes its objects under this prefix; global snapshots live under `<prefix>globalsnapshots/`. */
export function objectKeyPrefix(namePrefix: string): string {
    return `${namePrefix}/`;
}

export function storageFirewall(subnetIds: pulumi.Input<string>[], ips: string[]): inputs.storage.NetworkRuleSetArgs {
    return {
        defaultAction: "Deny",
        bypass: "AzureServices, Logging, Metrics",
        virtualNetworkRules: subnetIds.map((id) => ({ virtualNetworkResourceId: id, action: "Allow" })),
        ipRules: ips.map((ip) => ({ iPAddressOrRange: ip, action: "Allow" })),
    };
}

/**
 * What lets a deleted or overwritten object come back, whoever deleted it: blob
 * and container soft delete, blob versioning, a lifecycle rule that ends
 * previous versions after the same days (Microsoft Learn, "Soft delete for
 * blobs", "Soft delete for containers", "Blob versioning", "Optimize costs by
 * automatically managing the data lifecycle"), and a CanNotDelete lock on the
 * account. A lock applies to delete requests of the account and of the
 * resource group holding it, so deleting the group in Azure fails too, which
 * Pulumi's protect cannot prevent (Microsoft Learn, "Lock your resources to
 * protect your infrastructure").
 */
function recoveryNet(name: string, accountName: pulumi.Input<string>, args: LogStorageArgs, opts: pulumi.CustomResourceOptions): void {
    const retention = { enabled: true, days: args.recoveryDays };
    new storage.BlobServiceProperties(
        `${name}-blob-service`,
        { resourceGroupName: args.resourceGroupName, accountName, blobServicesName: "default", deleteRetentionPolicy: retention, containerDeleteRetentionPolicy: retention, isVersioningEnabled: true },
        opts,
    );
    new storage.ManagementPolicy(
        `${name}-lifecycle`,
        {
            resourceGroupName: args.resourceGroupName,
            accountName,
            managementPolicyName: "default",
            policy: {
                rules: [
                    {
                        name: "end-previous-versions",
                        enabled: true,
                        type: "Lifecycle",
                        definition: { actions: { version: { delete: { daysAfterCreationGreaterThan: args.recoveryDays } } }, filters: { blobTypes: ["blockBlob"] } },
                    },
                ],
            },
        },
        opts,
    );
}

export class LogStorage extends pulumi.ComponentResource {
    readonly accountId: pulumi.Output<string>;
    readonly accountName: pulumi.Output<string>;
    readonly containerName: pulumi.Output<string>;
    readonly containerId: pulumi.Output<string>;
    readonly witnessContainerId: pulumi.Output<string>;
    readonly blobEndpoint: pulumi.Output<string>;
    readonly objectKeyPrefix: string;
    /** LogScale's own key (key1). */
    readonly accountKey: pulumi.Output<string>;
    /** The key the peer region recovers with (key2), which drctl rotate-recovery-key revokes and renews. */
    readonly recoveryAccountKey: pulumi.Output<string>;
    readonly encryptionKey: pulumi.Output<string>;

    constructor(name: string, args: LogStorageArgs, opts?: pulumi.ComponentResourceOptions) {
        super("logscale-dr:storage:LogStorage", name, {}, opts);
        const data = { parent: this, protect: true };

        const account = new storage.StorageAccount(
            `${name}-account`,
            {
                ...placement(args),
                accountName: uniqueName(name, args.namePrefix, "logs", data),
                kind: "StorageV2",
                sku: { name: args.sku },
                accessTier: "Hot",
                enableHttpsTrafficOnly: true,
                minimumTlsVersion: "TLS1_2",
                allowBlobPublicAccess: false,
                networkRuleSet: storageFirewall(args.allowedSubnetIds, args.allowedIps),
            },
            data,
        );
        const container = new storage.BlobContainer(
            `${name}-container`,
            {
                resourceGroupName: args.resourceGroupName,
                accountName: account.name,
                containerName: storageContainerName,
                publicAccess: "None",
            },
            data,
        );
        const witness = new storage.BlobContainer(
            `${name}-witness`,
            { resourceGroupName: args.resourceGroupName, accountName: account.name, containerName: witnessContainer, publicAccess: "None" },
            data,
        );
        recoveryNet(name, account.name, args, data);
        lockAgainstDeletion(`${name}-account`, account.id, "LogScale's bucket: every log the region holds", data);
        const key = new random.RandomPassword(`${name}-encryption-key`, { length: encryptionKeyLength, special: false }, data);

        this.accountId = account.id;
        this.accountName = account.name;
        this.witnessContainerId = witness.id;
        this.containerName = container.name;
        this.containerId = container.id;
        this.blobEndpoint = account.primaryEndpoints.blob;
        this.objectKeyPrefix = objectKeyPrefix(args.namePrefix);
        const keys = storage.listStorageAccountKeysOutput({ resourceGroupName: args.resourceGroupName, accountName: account.name }, { parent: this }).keys;
        const keyNamed = (keyName: string) => pulumi.secret(keys.apply((ks) => ks.find((k) => k.keyName === keyName)!.value));
        this.accountKey = keyNamed(storageKeyNames.logscale);
        this.recoveryAccountKey = keyNamed(storageKeyNames.recovery);
        this.encryptionKey = pulumi.secret(key.result);
        this.registerOutputs({ accountName: this.accountName, containerName: this.containerName, blobEndpoint: this.blobEndpoint });
    }
}
