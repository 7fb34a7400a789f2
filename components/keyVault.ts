// The region's Key Vault: Azure RBAC instead of access policies, purge
// protection, and a firewall that admits only the cluster's subnets. It holds
// break-glass copies of the secrets the region runs on, so an operator can
// reach them from the portal when Pulumi state or the cluster cannot be used.
import * as pulumi from "@pulumi/pulumi";
import * as keyvault from "@pulumi/azure-native/keyvault";
import { uniqueName } from "./naming";
import { placement, PlacementArgs } from "./placement";

export interface RegionKeyVaultArgs extends PlacementArgs {
    tenantId: pulumi.Input<string>;
    /** Subnets (with the Microsoft.KeyVault service endpoint) the firewall admits. */
    allowedSubnetIds: pulumi.Input<string>[];
    /** Secret name → value. Values stay Pulumi secrets. */
    secrets: Record<string, pulumi.Input<string>>;
}

/** Secret names in the vault (letters, digits and dashes). */
export const breakGlassSecrets = {
    storageAccountKey: "storage-account-key",
    storageEncryptionKey: "storage-encryption-key",
    logscaleAdminPassword: "logscale-admin-password",
    postgresAdminPassword: "postgres-admin-password",
} as const;

/** The certificate an Application Gateway serves, when the operator imports it into the region's vault. */
export const appGatewayCertificateSecret = "logscale-tls";

/**
 * One secret's resource id: the narrowest scope a Key Vault role can be
 * assigned on (Microsoft Learn, "Provide access to Key Vault keys,
 * certificates, and secrets with Azure RBAC", secret scope role assignment:
 * `<vault id>/secrets/<name>`). A certificate imported into a vault is
 * readable as the secret of the same name.
 */
export function keyVaultSecretScope(vaultId: string, secretName: string): string {
    return `${vaultId}/secrets/${secretName}`;
}

export function keyVaultProperties(tenantId: pulumi.Input<string>, allowedSubnetIds: pulumi.Input<string>[]): keyvault.VaultArgs["properties"] {
    return {
        tenantId,
        sku: { family: "A", name: "standard" },
        enableRbacAuthorization: true,
        enableSoftDelete: true,
        softDeleteRetentionInDays: 90,
        enablePurgeProtection: true,
        publicNetworkAccess: "Enabled",
        networkAcls: {
            defaultAction: "Deny",
            bypass: "AzureServices",
            virtualNetworkRules: allowedSubnetIds.map((id) => ({ id })),
        },
    };
}

export class RegionKeyVault extends pulumi.ComponentResource {
    readonly vaultId: pulumi.Output<string>;
    readonly vaultName: pulumi.Output<string>;
    readonly vaultUri: pulumi.Output<string>;

    constructor(name: string, args: RegionKeyVaultArgs, opts?: pulumi.ComponentResourceOptions) {
        super("logscale-dr:keyvault:RegionKeyVault", name, {}, opts);
        const data = { parent: this, protect: true };
        const vault = new keyvault.Vault(
            `${name}-vault`,
            {
                ...placement(args),
                vaultName: uniqueName(name, args.namePrefix, "kv", data),
                properties: keyVaultProperties(args.tenantId, args.allowedSubnetIds),
            },
            data,
        );
        // Secrets are copies that come and go with what they copy (a re-protected PostgreSQL server drops its password);
        // soft delete and purge protection keep a deleted one recoverable for 90 days.
        for (const [secretName, value] of Object.entries(args.secrets)) {
            new keyvault.Secret(
                `${name}-${secretName}`,
                {
                    resourceGroupName: args.resourceGroupName,
                    vaultName: vault.name,
                    secretName,
                    // No expiry: a copy kept for an emergency must stay readable in it, and Key Vault refuses to return
                    // an expired secret (Azure/AzureKeyVault#19). The contentType says what it is, which the policy
                    // pack's key-vault-secrets-expire reads.
                    properties: { value: pulumi.secret(value), contentType: "text/plain; break-glass-copy" },
                    tags: args.tags,
                },
                { parent: this },
            );
        }
        this.vaultId = vault.id;
        this.vaultName = vault.name;
        this.vaultUri = vault.properties.apply((p) => p.vaultUri);
        this.registerOutputs({ vaultName: this.vaultName });
    }
}
