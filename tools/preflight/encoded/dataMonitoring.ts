// Data, DNS and monitoring types: keyvault:Secret, storage:BlobContainer,
// dbforpostgresql:Configuration, dbforpostgresql:AdministratorsMicrosoftEntra,
// dns:RecordSet, privatedns:PrivateZone,
// privatedns:VirtualNetworkLink, operationalinsights:Workspace and
// applicationinsights:Component, encoded by hand from Microsoft's REST API
// definitions (Azure/azure-rest-api-specs) at the API version azure-native
// 3.28.0 uses for each (its declarations' "Uses Azure REST API version" line).
// Where a file was stored at several commits, the one read is the one whose
// writable properties match the SDK's Args (dns.json with
// trafficManagementProfile, privatedns.json with resolutionPolicy,
// components_API.json with a writable RetentionInDays).
//
// One excerpt per upstream file. The small common-types excerpts carry only
// what these resources' `$ref`s reach; DNS's RecordSet refers to common-types
// v3, which ../shared/schemas/azure already excerpts, and BlobContainer's path
// parameters are storage.json's, also excerpted there.
//
// Deliberately not encoded (not in the files read): a pattern on blob
// container names (blob.json gives 3-63 characters and describes the allowed
// characters only in prose), a range for Log Analytics retentionInDays or
// dailyQuotaGb (WorkspaceProperties and WorkspaceCapping state none), and
// DNS record-set name rules (../azureNames.ts names.dnsRecord has them).
// Nor a GUID pattern or a required body property on a PostgreSQL Entra
// administrator: AdministratorsMicrosoftEntra.json types objectId as a plain
// string and lists no `required` for principalType, principalName or tenantId
// (the program sets all three; config/keys.ts checks the group's GUID).
import { Excerpt } from "../restExcerpt";
import { commonTypesFile } from "./commonTypes";

const repo = "Azure/azure-rest-api-specs";
const sharedCommon = "common-types-v3.excerpt.json";

/** A string dictionary (`tags`, `metadata`). */
const stringMap = { type: "object", additionalProperties: { type: "string" } };

// ---------------------------------------------------------------- common types reached by $ref

const commonV1 = commonTypesFile("v1");
const commonV2 = commonTypesFile("v2");
const commonV6 = commonTypesFile("v6");
const logAnalyticsCommon = "operationalinsights-common-v1.dataMonitoring.encoded";

const logAnalyticsTypes: Record<string, Excerpt> = {
    [logAnalyticsCommon]: {
        source: { repo, path: "specification/operationalinsights/resource-manager/common/v1/types.json", commit: "186661d0fab465b7c146635af004b720ab5c70fd" },
        parameters: {
            // #/parameters/WorkspaceNameParameter
            WorkspaceNameParameter: { name: "workspaceName", in: "path", required: true, type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9-]+[A-Za-z0-9]$", minLength: 4, maxLength: 63 },
        },
    },
};

// ---------------------------------------------------------------- keyvault:Secret

const secrets: Excerpt = {
    source: { repo, path: "specification/keyvault/resource-manager/Microsoft.KeyVault/stable/2024-11-01/secrets.json", commit: "315e54b7359504c9af7e9783946a6b62f4434eb0", apiVersion: "2024-11-01" },
    resources: {
        "azure-native:keyvault:Secret": {
            path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.KeyVault/vaults/{vaultName}/secrets/{secretName}",
            // #/paths/…/secrets/{secretName}/put/parameters (Secrets_CreateOrUpdate): inline, in path order
            parameters: [
                { name: "resourceGroupName", in: "path", required: true, type: "string" },
                { name: "vaultName", in: "path", required: true, type: "string", pattern: "^[a-zA-Z0-9-]{3,24}$" },
                { name: "secretName", in: "path", required: true, type: "string", pattern: "^[a-zA-Z0-9-]{1,127}$" },
            ],
            body: "#/definitions/SecretCreateOrUpdateParameters",
        },
    },
    definitions: {
        // #/definitions/SecretCreateOrUpdateParameters (properties is not client-flattened: the SDK takes `properties: {...}`)
        SecretCreateOrUpdateParameters: {
            properties: {
                tags: stringMap,
                properties: { $ref: "#/definitions/SecretProperties" },
            },
            required: ["properties"],
            type: "object",
        },
        // #/definitions/SecretProperties
        SecretProperties: {
            properties: {
                value: { type: "string" },
                contentType: { type: "string" },
                attributes: { $ref: "#/definitions/SecretAttributes" },
                secretUri: { type: "string", readOnly: true },
                secretUriWithVersion: { type: "string", readOnly: true },
            },
            type: "object",
        },
        // #/definitions/SecretAttributes
        SecretAttributes: { allOf: [{ $ref: "#/definitions/Attributes" }], type: "object" },
        // #/definitions/Attributes: nbf and exp are NotBefore and Expires in the SDK (x-ms-client-name)
        Attributes: {
            properties: {
                enabled: { type: "boolean" },
                nbf: { "x-ms-client-name": "NotBefore", type: "integer", format: "unixtime" },
                exp: { "x-ms-client-name": "Expires", type: "integer", format: "unixtime" },
                created: { type: "integer", format: "unixtime", readOnly: true },
                updated: { type: "integer", format: "unixtime", readOnly: true },
            },
            type: "object",
        },
    },
};

// ---------------------------------------------------------------- storage:BlobContainer

const storageShared = "storage-2024-01-01.excerpt.json";

const blob: Excerpt = {
    source: { repo, path: "specification/storage/resource-manager/Microsoft.Storage/stable/2024-01-01/blob.json", commit: "bb756a3644f7488f33d30643244dc51a9ba72577", apiVersion: "2024-01-01" },
    resources: {
        "azure-native:storage:BlobContainer": {
            path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Storage/storageAccounts/{accountName}/blobServices/default/containers/{containerName}",
            // #/paths/…/containers/{containerName}/put/parameters (BlobContainers_Create): ./storage.json's two, then ContainerName
            parameters: [{ $ref: `${storageShared}#/parameters/ResourceGroupName` }, { $ref: `${storageShared}#/parameters/StorageAccountName` }, { $ref: "#/parameters/ContainerName" }],
            body: "#/definitions/BlobContainer",
        },
    },
    definitions: {
        // #/definitions/BlobContainer
        BlobContainer: {
            "x-excerpt-note": "allOf common-types v1 AzureEntityResource (id, name, type, etag) not read",
            properties: {
                properties: { $ref: "#/definitions/ContainerProperties", "x-ms-client-flatten": true, "x-ms-client-name": "ContainerProperties" },
            },
        },
        // #/definitions/ContainerProperties
        ContainerProperties: {
            properties: {
                version: { type: "string", readOnly: true },
                deleted: { type: "boolean", readOnly: true },
                deletedTime: { type: "string", format: "date-time", readOnly: true },
                remainingRetentionDays: { type: "integer", readOnly: true },
                defaultEncryptionScope: { type: "string" },
                denyEncryptionScopeOverride: { type: "boolean" },
                // #/definitions/ContainerProperties/properties/publicAccess
                publicAccess: { type: "string", enum: ["Container", "Blob", "None"], "x-ms-enum": { name: "PublicAccess", modelAsString: false } },
                lastModifiedTime: { type: "string", format: "date-time", readOnly: true },
                leaseStatus: { type: "string", readOnly: true, enum: ["Locked", "Unlocked"] },
                leaseState: { type: "string", readOnly: true, enum: ["Available", "Leased", "Expired", "Breaking", "Broken"] },
                leaseDuration: { type: "string", readOnly: true, enum: ["Infinite", "Fixed"] },
                metadata: stringMap,
                immutabilityPolicy: { readOnly: true, type: "object", "x-ms-client-name": "ImmutabilityPolicy", "x-excerpt-note": "ImmutabilityPolicyProperties: read-only here, not expanded" },
                legalHold: { readOnly: true, type: "object", "x-excerpt-note": "LegalHoldProperties: read-only here, not expanded" },
                hasLegalHold: { type: "boolean", readOnly: true },
                hasImmutabilityPolicy: { type: "boolean", readOnly: true },
                immutableStorageWithVersioning: { $ref: "#/definitions/ImmutableStorageWithVersioning" },
                enableNfsV3RootSquash: { type: "boolean" },
                enableNfsV3AllSquash: { type: "boolean" },
            },
        },
        // #/definitions/ImmutableStorageWithVersioning
        ImmutableStorageWithVersioning: {
            properties: {
                enabled: { type: "boolean" },
                timeStamp: { type: "string", format: "date-time", readOnly: true },
                migrationState: { type: "string", readOnly: true, enum: ["InProgress", "Completed"] },
            },
        },
    },
    parameters: {
        // #/parameters/ContainerName: the description gives the characters allowed, the schema only the length
        ContainerName: { name: "containerName", in: "path", required: true, type: "string", maxLength: 63, minLength: 3, "x-ms-parameter-location": "method" },
    },
};

// ---------------------------------------------------------------- dbforpostgresql:Configuration

const postgresShared = "postgresql-2025-08-01.excerpt.json";
/** A flexible server's child resource: its resource group and server path parameters (common-types v6, then the shared excerpt's). */
const postgresServerParameters = [{ $ref: `${commonV6}#/parameters/ResourceGroupNameParameter` }, { $ref: `${postgresShared}#/parameters/ServerNameParameter` }];

const postgresConfigurations: Excerpt = {
    source: { repo, path: "specification/postgresql/resource-manager/Microsoft.DBforPostgreSQL/stable/2025-08-01/Configurations.json", commit: "8e0dc9428c62ee7d615db6fff2f70148e7e98a77", apiVersion: "2025-08-01" },
    resources: {
        "azure-native:dbforpostgresql:Configuration": {
            path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/configurations/{configurationName}",
            // #/paths/…/configurations/{configurationName}/put/parameters (Configurations_Put): common-types v6, ../../../types/common-types.json (excerpted in the shared postgresql excerpt), then the local one
            parameters: [...postgresServerParameters, { $ref: "#/parameters/ConfigurationNameParameter" }],
            // The PUT's body is ConfigurationForUpdate
            body: "#/definitions/ConfigurationForUpdate",
        },
    },
    definitions: {
        // #/definitions/ConfigurationForUpdate
        ConfigurationForUpdate: {
            type: "object",
            properties: { properties: { $ref: "#/definitions/ConfigurationProperties", "x-ms-client-flatten": true } },
        },
        // #/definitions/ConfigurationProperties: value and source are free strings ("Required to update the value")
        ConfigurationProperties: {
            type: "object",
            properties: {
                value: { type: "string" },
                description: { type: "string", readOnly: true },
                defaultValue: { type: "string", readOnly: true },
                dataType: { type: "string", readOnly: true, enum: ["Boolean", "Numeric", "Integer", "Enumeration", "String", "Set"] },
                allowedValues: { type: "string", readOnly: true },
                source: { type: "string" },
                isDynamicConfig: { type: "boolean", readOnly: true },
                isReadOnly: { type: "boolean", readOnly: true },
                isConfigPendingRestart: { type: "boolean", readOnly: true },
                unit: { type: "string", readOnly: true },
                documentationLink: { type: "string", readOnly: true },
            },
        },
    },
    parameters: {
        // #/parameters/ConfigurationNameParameter
        ConfigurationNameParameter: { name: "configurationName", in: "path", required: true, type: "string", minLength: 1, pattern: "^[-\\w\\._]+$", maxLength: 256, "x-ms-parameter-location": "method" },
    },
};

// ---------------------------------------------------------------- dbforpostgresql:AdministratorsMicrosoftEntra

const postgresEntraAdministrators: Excerpt = {
    source: { repo, path: "specification/postgresql/resource-manager/Microsoft.DBforPostgreSQL/stable/2025-08-01/AdministratorsMicrosoftEntra.json", commit: "480ebea66966939441afb75f10fdf4fc51746dc1", apiVersion: "2025-08-01" },
    resources: {
        "azure-native:dbforpostgresql:AdministratorsMicrosoftEntra": {
            path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.DBforPostgreSQL/flexibleServers/{serverName}/administrators/{objectId}",
            // #/paths/…/administrators/{objectId}/put/parameters (AdministratorsMicrosoftEntra_CreateOrUpdate): common-types v6,
            // ../../../types/common-types.json (excerpted in the shared postgresql excerpt), then the local one
            parameters: [...postgresServerParameters, { $ref: "#/parameters/ObjectIdParameter" }],
            body: "#/definitions/AdministratorMicrosoftEntraAdd",
        },
    },
    definitions: {
        // #/definitions/AdministratorMicrosoftEntraAdd
        AdministratorMicrosoftEntraAdd: {
            type: "object",
            properties: { properties: { $ref: "#/definitions/AdministratorMicrosoftEntraPropertiesForAdd", "x-ms-client-flatten": true } },
        },
        // #/definitions/AdministratorMicrosoftEntraPropertiesForAdd: no `required`
        AdministratorMicrosoftEntraPropertiesForAdd: {
            type: "object",
            properties: {
                // …/properties/principalType
                principalType: { type: "string", enum: ["Unknown", "User", "Group", "ServicePrincipal"], "x-ms-enum": { name: "PrincipalType", modelAsString: true }, "x-ms-mutability": ["create", "update", "read"] },
                principalName: { type: "string", "x-ms-mutability": ["create", "update", "read"] },
                tenantId: { type: "string", "x-ms-mutability": ["create", "update"] },
            },
        },
    },
    parameters: {
        // #/parameters/ObjectIdParameter: any string
        ObjectIdParameter: { name: "objectId", in: "path", required: true, type: "string", "x-ms-parameter-location": "method" },
    },
};

// ---------------------------------------------------------------- dns:RecordSet

/** A record's definition: every property a plain one of this type. */
const record = (properties: Record<string, string>) => ({ type: "object", properties: Object.fromEntries(Object.entries(properties).map(([k, type]) => [k, { type }])) });
const recordList = (definition: string, clientName?: string) => ({ type: "array", items: { $ref: `#/definitions/${definition}` }, ...(clientName ? { "x-ms-client-name": clientName } : {}) });

const dns: Excerpt = {
    source: { repo, path: "specification/dns/resource-manager/Microsoft.Network/preview/2023-07-01-preview/dns.json", commit: "db596d23d430350617646708d69a2fac1f672bab", apiVersion: "2023-07-01-preview" },
    resources: {
        "azure-native:dns:RecordSet": {
            path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/dnsZones/{zoneName}/{recordType}/{relativeRecordSetName}",
            // #/paths/…/{recordType}/{relativeRecordSetName}/put/parameters (RecordSets_CreateOrUpdate), in path order
            // (the file lists relativeRecordSetName before recordType; the URL ends with the record set's name)
            parameters: [
                { $ref: `${sharedCommon}#/parameters/ResourceGroupNameParameter` },
                { name: "zoneName", in: "path", required: true, type: "string" },
                // …/put/parameters/5: the record type
                { name: "recordType", in: "path", required: true, type: "string", enum: ["A", "AAAA", "CAA", "CNAME", "MX", "NS", "PTR", "SOA", "SRV", "TXT", "TLSA", "DS", "NAPTR"], "x-ms-enum": { name: "RecordType", modelAsString: false } },
                { name: "relativeRecordSetName", in: "path", required: true, type: "string", "x-ms-skip-url-encoding": true },
            ],
            body: "#/definitions/RecordSet",
        },
    },
    definitions: {
        // #/definitions/RecordSet
        RecordSet: {
            type: "object",
            properties: {
                etag: { type: "string" },
                properties: { $ref: "#/definitions/RecordSetProperties", "x-ms-client-flatten": true },
            },
            allOf: [{ $ref: `${sharedCommon}#/definitions/ProxyResource` }],
        },
        // #/definitions/RecordSetProperties
        RecordSetProperties: {
            type: "object",
            properties: {
                metadata: stringMap,
                // #/definitions/RecordSetProperties/properties/TTL (azure-native: ttl)
                TTL: { type: "integer", format: "int64" },
                fqdn: { type: "string", readOnly: true },
                provisioningState: { type: "string", readOnly: true },
                targetResource: { $ref: "#/definitions/SubResource" },
                trafficManagementProfile: { $ref: "#/definitions/SubResource" },
                ARecords: recordList("ARecord"),
                AAAARecords: recordList("AaaaRecord", "AaaaRecords"),
                MXRecords: recordList("MxRecord", "MxRecords"),
                NSRecords: recordList("NsRecord", "NsRecords"),
                PTRRecords: recordList("PtrRecord", "PtrRecords"),
                SRVRecords: recordList("SrvRecord", "SrvRecords"),
                TXTRecords: recordList("TxtRecord", "TxtRecords"),
                CNAMERecord: { $ref: "#/definitions/CnameRecord", "x-ms-client-name": "CnameRecord" },
                SOARecord: { $ref: "#/definitions/SoaRecord", "x-ms-client-name": "SoaRecord" },
                caaRecords: recordList("CaaRecord", "CaaRecords"),
                DSRecords: recordList("DsRecord", "DsRecords"),
                TLSARecords: recordList("TlsaRecord", "TlsaRecords"),
                NAPTRRecords: recordList("NaptrRecord", "NaptrRecords"),
            },
        },
        // #/definitions/ARecord … #/definitions/TxtRecord
        ARecord: record({ ipv4Address: "string" }),
        AaaaRecord: record({ ipv6Address: "string" }),
        CaaRecord: record({ flags: "integer", tag: "string", value: "string" }),
        // #/definitions/CnameRecord
        CnameRecord: record({ cname: "string" }),
        Digest: record({ algorithmType: "integer", value: "string" }),
        DsRecord: { type: "object", properties: { keyTag: { type: "integer" }, algorithm: { type: "integer" }, digest: { $ref: "#/definitions/Digest" } } },
        MxRecord: record({ preference: "integer", exchange: "string" }),
        NaptrRecord: record({ order: "integer", preference: "integer", flags: "string", services: "string", regexp: "string", replacement: "string" }),
        NsRecord: record({ nsdname: "string" }),
        PtrRecord: record({ ptrdname: "string" }),
        SoaRecord: {
            type: "object",
            properties: {
                ...record({ host: "string", email: "string", serialNumber: "integer", refreshTime: "integer", retryTime: "integer", expireTime: "integer" }).properties,
                minimumTTL: { type: "integer", format: "int64", "x-ms-client-name": "minimumTtl" },
            },
        },
        SrvRecord: record({ priority: "integer", weight: "integer", port: "integer", target: "string" }),
        SubResource: record({ id: "string" }),
        TlsaRecord: record({ usage: "integer", selector: "integer", matchingType: "integer", certAssociationData: "string" }),
        TxtRecord: { type: "object", properties: { value: { type: "array", items: { type: "string" } } } },
    },
};

// ---------------------------------------------------------------- privatedns:PrivateZone, privatedns:VirtualNetworkLink

const provisioningState = { type: "string", readOnly: true, enum: ["Creating", "Updating", "Deleting", "Succeeded", "Failed", "Canceled"] };

const privateDns: Excerpt = {
    source: { repo, path: "specification/privatedns/resource-manager/Microsoft.Network/stable/2024-06-01/privatedns.json", commit: "e6eec14c0ec09830fb1cb25dcfc8b31f765215f0", apiVersion: "2024-06-01" },
    resources: {
        "azure-native:privatedns:PrivateZone": {
            path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/privateDnsZones/{privateZoneName}",
            // #/paths/…/privateDnsZones/{privateZoneName}/put/parameters (PrivateZones_CreateOrUpdate): inline, unconstrained
            parameters: [
                { name: "resourceGroupName", in: "path", required: true, type: "string" },
                { name: "privateZoneName", in: "path", required: true, type: "string" },
            ],
            body: "#/definitions/PrivateZone",
        },
        "azure-native:privatedns:VirtualNetworkLink": {
            path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/privateDnsZones/{privateZoneName}/virtualNetworkLinks/{virtualNetworkLinkName}",
            // #/paths/…/virtualNetworkLinks/{virtualNetworkLinkName}/put/parameters (VirtualNetworkLinks_CreateOrUpdate)
            parameters: [
                { name: "resourceGroupName", in: "path", required: true, type: "string" },
                { name: "privateZoneName", in: "path", required: true, type: "string" },
                { name: "virtualNetworkLinkName", in: "path", required: true, type: "string" },
            ],
            body: "#/definitions/VirtualNetworkLink",
        },
    },
    definitions: {
        // #/definitions/PrivateZoneProperties: every property read-only
        PrivateZoneProperties: {
            properties: {
                maxNumberOfRecordSets: { type: "integer", readOnly: true },
                numberOfRecordSets: { type: "integer", readOnly: true },
                maxNumberOfVirtualNetworkLinks: { type: "integer", readOnly: true },
                numberOfVirtualNetworkLinks: { type: "integer", readOnly: true },
                maxNumberOfVirtualNetworkLinksWithRegistration: { type: "integer", readOnly: true },
                numberOfVirtualNetworkLinksWithRegistration: { type: "integer", readOnly: true },
                provisioningState,
                internalId: { type: "string", readOnly: true },
            },
        },
        // #/definitions/PrivateZone
        PrivateZone: {
            properties: {
                etag: { type: "string" },
                properties: { "x-ms-client-flatten": true, $ref: "#/definitions/PrivateZoneProperties" },
            },
            allOf: [{ $ref: "#/definitions/TrackedResource" }],
        },
        // #/definitions/VirtualNetworkLinkProperties
        VirtualNetworkLinkProperties: {
            properties: {
                virtualNetwork: { $ref: "#/definitions/SubResource" },
                registrationEnabled: { type: "boolean" },
                // #/definitions/VirtualNetworkLinkProperties/properties/resolutionPolicy
                resolutionPolicy: { type: "string", enum: ["Default", "NxDomainRedirect"], "x-ms-enum": { name: "resolutionPolicy", modelAsString: true } },
                virtualNetworkLinkState: { type: "string", enum: ["InProgress", "Completed"], readOnly: true },
                provisioningState,
            },
        },
        // #/definitions/VirtualNetworkLink
        VirtualNetworkLink: {
            properties: {
                etag: { type: "string" },
                properties: { "x-ms-client-flatten": true, $ref: "#/definitions/VirtualNetworkLinkProperties" },
            },
            allOf: [{ $ref: "#/definitions/TrackedResource" }],
        },
        // #/definitions/Resource
        Resource: {
            properties: {
                id: { type: "string", readOnly: true },
                name: { type: "string", readOnly: true },
                type: { type: "string", readOnly: true },
            },
            "x-ms-azure-resource": true,
        },
        // #/definitions/TrackedResource: location is create-only and, in this file, not required
        TrackedResource: {
            properties: {
                tags: { ...stringMap, "x-ms-mutability": ["read", "create", "update"] },
                location: { type: "string", "x-ms-mutability": ["read", "create"] },
            },
            allOf: [{ $ref: "#/definitions/Resource" }],
        },
        // #/definitions/SubResource
        SubResource: { properties: { id: { type: "string" } }, "x-ms-azure-resource": true },
    },
};

// ---------------------------------------------------------------- operationalinsights:Workspace

const publicNetworkAccessType = { type: "string", enum: ["Enabled", "Disabled"], "x-ms-enum": { name: "PublicNetworkAccessType", modelAsString: true } };

const workspaces: Excerpt = {
    source: { repo, path: "specification/operationalinsights/resource-manager/Microsoft.OperationalInsights/stable/2023-09-01/Workspaces.json", commit: "0dcfa37f9e6838328ebfae44ceb216b6ee066949", apiVersion: "2023-09-01" },
    resources: {
        "azure-native:operationalinsights:Workspace": {
            path: "/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/providers/Microsoft.OperationalInsights/workspaces/{workspaceName}",
            // #/paths/…/workspaces/{workspaceName}/put/parameters (Workspaces_CreateOrUpdate): common-types v2, ../../../common/v1/types.json
            parameters: [{ $ref: `${commonV2}#/parameters/ResourceGroupNameParameter` }, { $ref: `${logAnalyticsCommon}#/parameters/WorkspaceNameParameter` }],
            body: "#/definitions/Workspace",
        },
    },
    definitions: {
        // #/definitions/WorkspaceSku
        WorkspaceSku: {
            properties: {
                // #/definitions/WorkspaceSku/properties/name
                name: { type: "string", enum: ["Free", "Standard", "Premium", "PerNode", "PerGB2018", "Standalone", "CapacityReservation", "LACluster"], "x-ms-enum": { name: "WorkspaceSkuNameEnum", modelAsString: true } },
                // #/definitions/WorkspaceSku/properties/capacityReservationLevel
                capacityReservationLevel: { type: "integer", format: "int32", enum: [100, 200, 300, 400, 500, 1000, 2000, 5000, 10000, 25000, 50000] },
                lastSkuUpdate: { type: "string", readOnly: true },
            },
            required: ["name"],
        },
        // #/definitions/WorkspaceCapping: no range on dailyQuotaGb
        WorkspaceCapping: {
            properties: {
                dailyQuotaGb: { type: "number", format: "double" },
                quotaNextResetTime: { type: "string", readOnly: true },
                dataIngestionStatus: { type: "string", readOnly: true, enum: ["RespectQuota", "ForceOn", "ForceOff", "OverQuota", "SubscriptionSuspended", "ApproachingQuota"] },
            },
        },
        // #/definitions/WorkspaceProperties
        WorkspaceProperties: {
            properties: {
                provisioningState: { type: "string", readOnly: true, enum: ["Creating", "Succeeded", "Failed", "Canceled", "Deleting", "ProvisioningAccount", "Updating"] },
                customerId: { type: "string", readOnly: true },
                sku: { $ref: "#/definitions/WorkspaceSku" },
                // #/definitions/WorkspaceProperties/properties/retentionInDays: "Allowed values are per pricing plan", no range in the schema
                retentionInDays: { type: "integer", format: "int32", "x-nullable": true },
                workspaceCapping: { $ref: "#/definitions/WorkspaceCapping" },
                createdDate: { type: "string", readOnly: true },
                modifiedDate: { type: "string", readOnly: true },
                publicNetworkAccessForIngestion: { $ref: "#/definitions/PublicNetworkAccessType" },
                publicNetworkAccessForQuery: { $ref: "#/definitions/PublicNetworkAccessType" },
                forceCmkForQuery: { type: "boolean" },
                privateLinkScopedResources: { readOnly: true, type: "array", items: { type: "object" } },
                features: { $ref: "#/definitions/WorkspaceFeatures" },
                defaultDataCollectionRuleResourceId: { type: "string" },
            },
        },
        // #/definitions/WorkspaceFeatures: additionalProperties true, so open
        WorkspaceFeatures: {
            properties: {
                enableDataExport: { type: "boolean", "x-nullable": true },
                immediatePurgeDataOn30Days: { type: "boolean", "x-nullable": true },
                enableLogAccessUsingOnlyResourcePermissions: { type: "boolean", "x-nullable": true },
                clusterResourceId: { type: "string", "x-nullable": true },
                disableLocalAuth: { type: "boolean", "x-nullable": true },
                unifiedSentinelBillingOnly: { type: "boolean", "x-nullable": true, readOnly: true },
            },
            additionalProperties: true,
        },
        // #/definitions/Identity
        Identity: {
            properties: {
                principalId: { readOnly: true, type: "string" },
                tenantId: { readOnly: true, type: "string" },
                type: { type: "string", enum: ["SystemAssigned", "UserAssigned", "None"], "x-ms-enum": { name: "IdentityType", modelAsString: false } },
                userAssignedIdentities: { type: "object", additionalProperties: { $ref: "#/definitions/UserIdentityProperties" } },
            },
            required: ["type"],
            type: "object",
        },
        // #/definitions/UserIdentityProperties
        UserIdentityProperties: {
            type: "object",
            properties: { principalId: { readOnly: true, type: "string" }, clientId: { readOnly: true, type: "string" } },
        },
        // #/definitions/Workspace
        Workspace: {
            properties: {
                properties: { "x-ms-client-flatten": true, $ref: "#/definitions/WorkspaceProperties" },
                identity: { $ref: "#/definitions/Identity" },
                systemData: { readOnly: true, type: "object" },
                etag: { type: "string" },
            },
            allOf: [{ $ref: `${commonV2}#/definitions/TrackedResource` }],
        },
        // #/definitions/PublicNetworkAccessType
        PublicNetworkAccessType: publicNetworkAccessType,
    },
};

// ---------------------------------------------------------------- applicationinsights:Component

const components: Excerpt = {
    source: { repo, path: "specification/applicationinsights/resource-manager/Microsoft.Insights/stable/2020-02-02/components_API.json", commit: "1d62310f76fe82c5bb093503d688ba3205c42753", apiVersion: "2020-02-02" },
    resources: {
        "azure-native:applicationinsights:Component": {
            path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Insights/components/{resourceName}",
            // #/paths/…/components/{resourceName}/put/parameters (Components_CreateOrUpdate): common-types v1, then the local one
            parameters: [{ $ref: `${commonV1}#/parameters/ResourceGroupNameParameter` }, { $ref: "#/parameters/ResourceNameParameter" }],
            body: "#/definitions/ApplicationInsightsComponent",
        },
    },
    definitions: {
        // #/definitions/ComponentsResource: location create-only and required
        ComponentsResource: {
            properties: {
                id: { type: "string", readOnly: true },
                name: { type: "string", readOnly: true },
                type: { type: "string", readOnly: true },
                location: { type: "string", "x-ms-mutability": ["create", "read"] },
                tags: { additionalProperties: { type: "string" } },
            },
            required: ["location"],
            "x-ms-azure-resource": true,
        },
        // #/definitions/ApplicationInsightsComponent: kind is required and free-form ("typically one of web, ios, other, store, java, phone")
        ApplicationInsightsComponent: {
            properties: {
                kind: { type: "string" },
                etag: { type: "string" },
                properties: { "x-ms-client-flatten": true, $ref: "#/definitions/ApplicationInsightsComponentProperties" },
            },
            allOf: [{ $ref: "#/definitions/ComponentsResource" }],
            required: ["kind"],
        },
        // #/definitions/ApplicationInsightsComponentProperties: azure-native names them in lowerCamelCase
        // (Application_Type → applicationType, WorkspaceResourceId → workspaceResourceId)
        ApplicationInsightsComponentProperties: {
            properties: {
                ApplicationId: { type: "string", readOnly: true },
                AppId: { type: "string", readOnly: true },
                Name: { type: "string", readOnly: true },
                // #/definitions/ApplicationInsightsComponentProperties/properties/Application_Type
                Application_Type: { type: "string", enum: ["web", "other"], "x-ms-enum": { name: "ApplicationType", modelAsString: true }, "x-ms-mutability": ["create", "read"] },
                // …/Flow_Type
                Flow_Type: { type: "string", enum: ["Bluefield"], "x-ms-enum": { name: "FlowType", modelAsString: true } },
                // …/Request_Source
                Request_Source: { type: "string", enum: ["rest"], "x-ms-enum": { name: "RequestSource", modelAsString: true } },
                InstrumentationKey: { type: "string", readOnly: true },
                CreationDate: { type: "string", readOnly: true, format: "date-time" },
                TenantId: { type: "string", readOnly: true },
                HockeyAppId: { type: "string" },
                HockeyAppToken: { type: "string", readOnly: true },
                provisioningState: { type: "string", readOnly: true },
                SamplingPercentage: { type: "number", format: "double" },
                ConnectionString: { type: "string", readOnly: true },
                RetentionInDays: { type: "integer" },
                DisableIpMasking: { type: "boolean" },
                ImmediatePurgeDataOn30Days: { type: "boolean" },
                WorkspaceResourceId: { type: "string" },
                LaMigrationDate: { type: "string", readOnly: true, format: "date-time" },
                PrivateLinkScopedResources: { readOnly: true, type: "array", items: { type: "object" } },
                publicNetworkAccessForIngestion: { $ref: "#/definitions/PublicNetworkAccessType" },
                publicNetworkAccessForQuery: { $ref: "#/definitions/PublicNetworkAccessType" },
                // …/IngestionMode
                IngestionMode: { type: "string", enum: ["ApplicationInsights", "ApplicationInsightsWithDiagnosticSettings", "LogAnalytics"], "x-ms-enum": { name: "IngestionMode", modelAsString: true } },
                DisableLocalAuth: { type: "boolean" },
                ForceCustomerStorageForProfiler: { type: "boolean" },
            },
            required: ["Application_Type"],
        },
        // #/definitions/PublicNetworkAccessType
        PublicNetworkAccessType: publicNetworkAccessType,
    },
    parameters: {
        // #/parameters/ResourceNameParameter: unconstrained
        ResourceNameParameter: { name: "resourceName", in: "path", required: true, type: "string", "x-ms-parameter-location": "method" },
    },
};

export const excerpts: Record<string, Excerpt> = {
    ...logAnalyticsTypes,
    "keyvault-secrets-2024-11-01.encoded": secrets,
    "storage-blob-2024-01-01.encoded": blob,
    "postgresql-configurations-2025-08-01.encoded": postgresConfigurations,
    "postgresql-administrators-microsoft-entra-2025-08-01.encoded": postgresEntraAdministrators,
    "dns-2023-07-01-preview.encoded": dns,
    "privatedns-2024-06-01.encoded": privateDns,
    "operationalinsights-workspaces-2023-09-01.encoded": workspaces,
    "applicationinsights-components-2020-02-02.encoded": components,
};
