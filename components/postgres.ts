// PostgreSQL flexible server for applications beside LogScale: created here,
// or a read replica of the peer's, promoted in place by one explicit update
// (model/postgres.ts decides which, and when).
import * as pulumi from "@pulumi/pulumi";
import * as azuread from "@pulumi/azuread";
import * as random from "@pulumi/random";
import * as dbforpostgresql from "@pulumi/azure-native/dbforpostgresql";
import { linkedPrivateZone } from "./privateDns";
import { placement, PlacementArgs } from "./placement";

export const postgresAdminLogin = "pgadmin";

/** Server parameters that keep every connection on TLS 1.2 or newer. */
export const postgresTlsParameters = { require_secure_transport: "on", ssl_min_protocol_version: "TLSv1.2" } as const;

export interface PostgresServerPlan {
    serverName: string;
    createMode: "Create" | "Replica";
    sourceServerResourceId?: string;
    /** The promote request: only in the one update that promotes an existing replica (update-only fields; model/postgres.ts). */
    promote?: { promoteMode: "Standalone"; promoteOption: "Planned" | "Forced" };
    /** The Entra ID group made the server's Microsoft Entra administrator: only where the server is created (a replica takes its source's; model/postgres.ts). */
    entraAdminGroupObjectId?: string;
    protect: boolean;
}

/** The compute tier a SKU belongs to. */
export function postgresTier(sku: string): "Burstable" | "GeneralPurpose" | "MemoryOptimized" {
    const family = sku.replace(/^Standard_/, "")[0];
    return family === "B" ? "Burstable" : family === "E" ? "MemoryOptimized" : "GeneralPurpose";
}

export interface PostgresArgs extends PlacementArgs {
    tenantId: pulumi.Input<string>;
    server: PostgresServerPlan;
    sku: string;
    storageGb: number;
    version: string;
    subnetId: pulumi.Input<string>;
    vnetId: pulumi.Input<string>;
}

export class Postgres extends pulumi.ComponentResource {
    readonly serverId: pulumi.Output<string>;
    readonly fqdn: pulumi.Output<string>;
    /** Present where this region created the server; a replica uses its source's credentials. */
    readonly adminPassword?: pulumi.Output<string>;

    constructor(name: string, args: PostgresArgs, opts?: pulumi.ComponentResourceOptions) {
        super("logscale-dr:postgres:Postgres", name, {}, opts);
        const child = { parent: this };
        const plan = args.server;
        const zone = linkedPrivateZone(
            `${name}-dns`,
            { resourceGroupName: args.resourceGroupName, zoneName: `${args.namePrefix}.private.postgres.database.azure.com`, vnetId: args.vnetId, tags: args.tags },
            this,
        );
        const common = {
            ...placement(args),
            serverName: plan.serverName,
            version: args.version,
            sku: { name: args.sku, tier: postgresTier(args.sku) },
            storage: { storageSizeGB: args.storageGb, autoGrow: "Enabled" },
            network: { delegatedSubnetResourceId: args.subnetId, privateDnsZoneArmResourceId: zone.id, publicNetworkAccess: "Disabled" },
            authConfig: { passwordAuth: "Enabled", activeDirectoryAuth: "Enabled", tenantId: args.tenantId },
        };
        let serverArgs: dbforpostgresql.ServerArgs;
        if (plan.createMode === "Create") {
            const password = new random.RandomPassword(`${name}-admin-password`, { length: 32, special: false, minLower: 1, minUpper: 1, minNumeric: 1 }, child);
            this.adminPassword = pulumi.secret(password.result);
            serverArgs = {
                ...common,
                createMode: "Create",
                administratorLogin: postgresAdminLogin,
                administratorLoginPassword: this.adminPassword,
                backup: { backupRetentionDays: 35, geoRedundantBackup: "Enabled" },
            };
        } else {
            // Geo-redundant backup and administrator credentials come from the source and cannot be set on a replica.
            // `replica` is update-only: sent only with the plan's promote request, never when the replica is created.
            serverArgs = { ...common, createMode: "Replica", sourceServerResourceId: plan.sourceServerResourceId, replica: plan.promote };
        }
        const server = new dbforpostgresql.Server(`${name}-server`, serverArgs, { ...child, protect: plan.protect });
        if (plan.entraAdminGroupObjectId) {
            // A group, so people come and go in Entra ID without touching the server (Microsoft Learn, "Microsoft Entra
            // authentication with Azure Database for PostgreSQL"). Members sign in as the group's display name, which must
            // match it exactly ("Use Microsoft Entra ID authentication ...": case-sensitive), so it is read from Entra ID.
            // AdministratorsMicrosoftEntra.json at 2025-08-01: the object id is the URL's last segment; principalType,
            // principalName and tenantId are the body.
            const group = azuread.getGroupOutput({ objectId: plan.entraAdminGroupObjectId }, { parent: this });
            new dbforpostgresql.AdministratorsMicrosoftEntra(
                `${name}-entra-admin`,
                {
                    resourceGroupName: args.resourceGroupName,
                    serverName: plan.serverName,
                    objectId: plan.entraAdminGroupObjectId,
                    principalType: "Group",
                    principalName: group.displayName,
                    tenantId: args.tenantId,
                },
                { ...child, dependsOn: [server] },
            );
        }
        for (const [configurationName, value] of Object.entries(postgresTlsParameters)) {
            new dbforpostgresql.Configuration(
                `${name}-${configurationName.replace(/_/g, "-")}`,
                { resourceGroupName: args.resourceGroupName, serverName: server.name, configurationName, value, source: "user-override" },
                child,
            );
        }
        this.serverId = server.id;
        this.fqdn = server.fullyQualifiedDomainName.apply((f) => f ?? "");
        this.registerOutputs({ serverId: this.serverId });
    }
}
