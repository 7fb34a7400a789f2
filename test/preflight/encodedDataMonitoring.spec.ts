// Rule family 1 for the data, DNS and monitoring types encoded in
// tools/preflight/encoded/dataMonitoring.ts: each type's compliant baseline
// (inputs like those the program renders) passes, and one mutation per
// constraint kind encoded on it breaks exactly that rule.
import * as assert from "assert";
import { azureRestViolations, coveredTypes } from "../../tools/preflight/azureRest";
import { createOnlyChanges } from "../../tools/preflight/createOnly";
import { createOnlyPaths } from "../../tools/replaceRules";
import { input, mutated, recorded } from "./fixtures";

const ruleIds = (r: Parameters<typeof mutated>[0]) => azureRestViolations(input([r])).map((v) => `${v.ruleId} ${v.property}`);

const rg = "lsdr-logscale-eastus";
const sub = "/subscriptions/00000000-0000-0000-0000-000000000000";
const tags = { app: "logscale", dr: "active" };

/** Compliant registrations, shaped as the program's components render them. */
const baseline = {
    // components/keyVault.ts
    secret: recorded("azure-native:keyvault:Secret", "break-glass-postgres-admin", {
        resourceGroupName: rg,
        vaultName: "lsdrkvab12cd",
        secretName: "postgres-admin-password",
        properties: { value: "s3cret", contentType: "text/plain" },
        tags,
    }),
    // components/storage.ts, components/failoverFunction.ts
    container: recorded("azure-native:storage:BlobContainer", "logs-container", { resourceGroupName: rg, accountName: "lsdrlogsab12cd", containerName: "logscale-data", publicAccess: "None" }),
    // components/postgres.ts
    configuration: recorded("azure-native:dbforpostgresql:Configuration", "postgres-require-secure-transport", {
        resourceGroupName: rg,
        serverName: "lsdr-pg",
        configurationName: "require_secure_transport",
        value: "on",
        source: "user-override",
    }),
    entraAdmin: recorded("azure-native:dbforpostgresql:AdministratorsMicrosoftEntra", "postgres-entra-admin", {
        resourceGroupName: rg,
        serverName: "lsdr-pg",
        objectId: "0b5c1f7e-2f7a-4a36-9a87-6d0c4d2a9e11",
        principalType: "Group",
        principalName: "LogScale PostgreSQL admins",
        tenantId: "11111111-1111-1111-1111-111111111111",
    }),
    // components/trafficManager.ts
    recordSet: recorded("azure-native:dns:RecordSet", "global-dns-cname", { resourceGroupName: "dns", zoneName: "logs.example.com", relativeRecordSetName: "logscale", recordType: "CNAME", ttl: 60, cnameRecord: { cname: "lsdr-global.trafficmanager.net" } }),
    // components/privateDns.ts
    privateZone: recorded("azure-native:privatedns:PrivateZone", "postgres-dns", { resourceGroupName: rg, privateZoneName: "lsdr.private.postgres.database.azure.com", location: "Global", tags }),
    vnetLink: recorded("azure-native:privatedns:VirtualNetworkLink", "postgres-dns-link", {
        resourceGroupName: rg,
        privateZoneName: "lsdr.private.postgres.database.azure.com",
        virtualNetworkLinkName: "region-vnet",
        location: "Global",
        virtualNetwork: { id: `${sub}/resourceGroups/${rg}/providers/Microsoft.Network/virtualNetworks/lsdr-vnet` },
        registrationEnabled: false,
        tags,
    }),
    // components/failoverFunction.ts
    workspace: recorded("azure-native:operationalinsights:Workspace", "failover-logs", { resourceGroupName: rg, location: "eastus", tags, workspaceName: "lsdr-failover-logs", sku: { name: "PerGB2018" }, retentionInDays: 30 }),
    component: recorded("azure-native:applicationinsights:Component", "failover-insights", {
        resourceGroupName: rg,
        location: "eastus",
        tags,
        resourceName: "lsdr-failover",
        kind: "web",
        applicationType: "web",
        workspaceResourceId: `${sub}/resourceGroups/${rg}/providers/Microsoft.OperationalInsights/workspaces/lsdr-failover-logs`,
    }),
};

describe("preflight: Azure REST definitions, encoded data, DNS and monitoring types", () => {
    it("covers each type", () => {
        for (const r of Object.values(baseline)) assert.ok(coveredTypes().includes(r.type), r.type);
    });

    it("every baseline is compliant", () => {
        for (const r of Object.values(baseline)) assert.deepStrictEqual(azureRestViolations(input([r])), [], r.type);
    });

    describe("keyvault:Secret (secrets.json 2024-11-01)", () => {
        it("pattern: vaultName and secretName path parameters", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.secret, "secretName", "postgres_admin")), ["azure.pattern secretName"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.secret, "vaultName", "kv")), ["azure.pattern vaultName"]);
        });
        it("required: properties", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.secret, "properties", undefined)), ["azure.required properties"]);
        });
        it("type: attributes nbf/exp are integers (NotBefore, Expires), enabled a boolean", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.secret, "properties.attributes", { enabled: true, notBefore: 1700000000, expires: 1800000000 })), []);
            assert.deepStrictEqual(ruleIds(mutated(baseline.secret, "properties.attributes.expires", "2030-01-01")), ["azure.type properties.attributes.expires"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.secret, "properties.attributes.enabled", "yes")), ["azure.type properties.attributes.enabled"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.secret, "properties.contentType", 1)), ["azure.type properties.contentType"]);
        });
        it("readOnly and unknown", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.secret, "properties.secretUri", "https://kv/secrets/x")), ["azure.readOnly properties.secretUri"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.secret, "properties.attributes.created", 1)), ["azure.readOnly properties.attributes.created"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.secret, "properties.attributes.nbf", 1)), ["azure.unknown properties.attributes.nbf"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.secret, "properties.content_type", "text/plain")), ["azure.unknown properties.content_type"]);
        });
        it("create-only: only its path parameters", () => {
            assert.ok(["vaultName", "secretName"].every((p) => createOnlyPaths("azure-native:keyvault:Secret").includes(p)));
        });
    });

    describe("storage:BlobContainer (blob.json 2024-01-01)", () => {
        it("minLength and maxLength of containerName; accountName by storage.json's rule", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.container, "containerName", "ab")), ["azure.minLength containerName"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.container, "containerName", "a".repeat(64))), ["azure.maxLength containerName"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.container, "accountName", "Lsdr-Logs")), ["azure.pattern accountName"]);
        });
        it("enum: publicAccess", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.container, "publicAccess", "Private")), ["azure.enum publicAccess"]);
        });
        it("type: metadata values, immutableStorageWithVersioning.enabled", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.container, "metadata", { owner: "logscale" })), []);
            assert.deepStrictEqual(ruleIds(mutated(baseline.container, "metadata", { owner: 1 })), ["azure.type metadata.owner"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.container, "immutableStorageWithVersioning", { enabled: "true" })), ["azure.type immutableStorageWithVersioning.enabled"]);
        });
        it("readOnly and unknown", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.container, "hasLegalHold", true)), ["azure.readOnly hasLegalHold"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.container, "immutableStorageWithVersioning", { timeStamp: "2025-01-01T00:00:00Z" })), ["azure.readOnly immutableStorageWithVersioning.timeStamp"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.container, "immutableStorageWithVersioning", { enable: true })), ["azure.unknown immutableStorageWithVersioning.enable"]);
        });
    });

    describe("dbforpostgresql:Configuration (Configurations.json 2025-08-01)", () => {
        it("pattern and maxLength of configurationName; serverName and resourceGroupName by the shared rules", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.configuration, "configurationName", "require secure transport")), ["azure.pattern configurationName"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.configuration, "configurationName", "a".repeat(257))), ["azure.maxLength configurationName"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.configuration, "serverName", "pg")), ["azure.minLength serverName"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.configuration, "resourceGroupName", "lsdr/logscale")), ["azure.pattern resourceGroupName"]);
        });
        it("type: value and source are strings", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.configuration, "value", true)), ["azure.type value"]);
        });
        it("readOnly", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.configuration, "isReadOnly", false)), ["azure.readOnly isReadOnly"]);
        });
    });

    describe("dbforpostgresql:AdministratorsMicrosoftEntra (AdministratorsMicrosoftEntra.json 2025-08-01)", () => {
        it("enum: principalType", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.entraAdmin, "principalType", "ServicePrincipal")), []);
            assert.deepStrictEqual(ruleIds(mutated(baseline.entraAdmin, "principalType", "SecurityGroup")), ["azure.enum principalType"]);
        });
        it("type: principalName and tenantId are strings", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.entraAdmin, "principalName", ["LogScale PostgreSQL admins"])), ["azure.type principalName"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.entraAdmin, "tenantId", 1)), ["azure.type tenantId"]);
        });
        it("serverName and resourceGroupName by the shared rules; objectId any string; no required body property", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.entraAdmin, "serverName", "pg")), ["azure.minLength serverName"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.entraAdmin, "resourceGroupName", "lsdr/logscale")), ["azure.pattern resourceGroupName"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.entraAdmin, "objectId", "admins")), []);
            assert.deepStrictEqual(ruleIds(mutated(baseline.entraAdmin, "principalName", undefined)), []);
        });
        it("create-only: the object id (the URL's last segment); the principal's name and type and the tenant are updatable", () => {
            const paths = createOnlyPaths(baseline.entraAdmin.type);
            assert.ok(["resourceGroupName", "serverName", "objectId"].every((p) => paths.includes(p)), paths.join(", "));
            assert.ok(!["principalType", "principalName", "tenantId"].some((p) => paths.includes(p)), paths.join(", "));
        });
    });

    describe("dns:RecordSet (dns.json 2023-07-01-preview)", () => {
        it("enum: the recordType path parameter", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.recordSet, "recordType", "ALIAS")), ["azure.enum recordType"]);
        });
        it("required: recordType (not the record set's own name, which azure-native can generate)", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.recordSet, "recordType", undefined)), ["azure.required recordType"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.recordSet, "relativeRecordSetName", undefined)), []);
        });
        it("type: ttl (the REST TTL) is an integer; records are arrays", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.recordSet, "ttl", 60.5)), ["azure.type ttl"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.recordSet, "aRecords", { ipv4Address: "10.0.0.1" })), ["azure.type aRecords"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.recordSet, "aRecords", [{ ipv4Address: "10.0.0.1" }])), []);
        });
        it("readOnly and unknown", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.recordSet, "fqdn", "logscale.logs.example.com.")), ["azure.readOnly fqdn"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.recordSet, "cnameRecord.target", "x")), ["azure.unknown cnameRecord.target"]);
        });
    });

    describe("privatedns:PrivateZone and privatedns:VirtualNetworkLink (privatedns.json 2024-06-01)", () => {
        it("enum: resolutionPolicy", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.vnetLink, "resolutionPolicy", "NxDomainRedirect")), []);
            assert.deepStrictEqual(ruleIds(mutated(baseline.vnetLink, "resolutionPolicy", "Fallback")), ["azure.enum resolutionPolicy"]);
        });
        it("type: registrationEnabled", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.vnetLink, "registrationEnabled", "false")), ["azure.type registrationEnabled"]);
        });
        it("readOnly and unknown", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.vnetLink, "virtualNetworkLinkState", "Completed")), ["azure.readOnly virtualNetworkLinkState"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.vnetLink, "virtualNetwork.resourceId", "x")), ["azure.unknown virtualNetwork.resourceId"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.privateZone, "numberOfRecordSets", 1)), ["azure.readOnly numberOfRecordSets"]);
        });
        it("create-only: location (TrackedResource), also for the plan diff", () => {
            for (const r of [baseline.privateZone, baseline.vnetLink]) {
                assert.ok(createOnlyPaths(r.type).includes("location"), r.type);
                const protectedOne = { ...r, options: { ...r.options, protect: true } };
                const changed = createOnlyChanges([protectedOne], [mutated(protectedOne, "location", "eastus")], "x");
                assert.deepStrictEqual(changed.map((v) => `${v.ruleId} ${v.property}`), ["azure.createOnly location"], r.type);
            }
        });
    });

    describe("operationalinsights:Workspace (Workspaces.json 2023-09-01)", () => {
        it("pattern, minLength and maxLength of workspaceName (common/v1 types.json)", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.workspace, "workspaceName", "-lsdr-logs")), ["azure.pattern workspaceName"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.workspace, "workspaceName", "lsd")), ["azure.minLength workspaceName"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.workspace, "workspaceName", "l".repeat(64))), ["azure.maxLength workspaceName"]);
        });
        it("enum: sku.name, sku.capacityReservationLevel, publicNetworkAccessForIngestion/Query", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.workspace, "sku.name", "PerGB")), ["azure.enum sku.name"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.workspace, "sku", { name: "CapacityReservation", capacityReservationLevel: 150 })), ["azure.enum sku.capacityReservationLevel"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.workspace, "publicNetworkAccessForIngestion", "SecuredByPerimeter")), ["azure.enum publicNetworkAccessForIngestion"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.workspace, "publicNetworkAccessForQuery", "Off")), ["azure.enum publicNetworkAccessForQuery"]);
        });
        it("required: sku.name", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.workspace, "sku", { capacityReservationLevel: 100 })), ["azure.required sku.name"]);
        });
        it("type: retentionInDays an integer, workspaceCapping.dailyQuotaGb a number (no range in the schema)", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.workspace, "retentionInDays", 7)), []);
            assert.deepStrictEqual(ruleIds(mutated(baseline.workspace, "retentionInDays", "30")), ["azure.type retentionInDays"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.workspace, "workspaceCapping", { dailyQuotaGb: 0.5 })), []);
            assert.deepStrictEqual(ruleIds(mutated(baseline.workspace, "workspaceCapping", { dailyQuotaGb: "1" })), ["azure.type workspaceCapping.dailyQuotaGb"]);
        });
        it("readOnly and unknown; features takes extra keys", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.workspace, "workspaceCapping", { dataIngestionStatus: "ForceOn" })), ["azure.readOnly workspaceCapping.dataIngestionStatus"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.workspace, "sku.tier", "Standard")), ["azure.unknown sku.tier"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.workspace, "features", { disableLocalAuth: true, anythingElse: true })), []);
        });
        it("create-only: location (common-types v2 TrackedResource)", () => {
            assert.ok(createOnlyPaths(baseline.workspace.type).includes("location"));
        });
    });

    describe("applicationinsights:Component (components_API.json 2020-02-02)", () => {
        it("enum: applicationType, flowType, requestSource, ingestionMode, publicNetworkAccessForQuery", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.component, "flowType", "Bluefield")), []);
            assert.deepStrictEqual(ruleIds(mutated(baseline.component, "applicationType", "java")), ["azure.enum applicationType"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.component, "flowType", "Redfield")), ["azure.enum flowType"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.component, "requestSource", "IbizaAIExtension")), ["azure.enum requestSource"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.component, "ingestionMode", "Workspace")), ["azure.enum ingestionMode"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.component, "publicNetworkAccessForQuery", "Off")), ["azure.enum publicNetworkAccessForQuery"]);
        });
        it("required: kind and applicationType (Application_Type)", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.component, "kind", undefined)), ["azure.required kind"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.component, "applicationType", undefined)), ["azure.required applicationType"]);
        });
        it("type: disableLocalAuth, retentionInDays, workspaceResourceId", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.component, "disableLocalAuth", "true")), ["azure.type disableLocalAuth"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.component, "retentionInDays", 90.5)), ["azure.type retentionInDays"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.component, "workspaceResourceId", 1)), ["azure.type workspaceResourceId"]);
        });
        it("readOnly", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.component, "connectionString", "InstrumentationKey=x")), ["azure.readOnly connectionString"]);
        });
        it("create-only: applicationType (x-ms-mutability create, read) on a protected component", () => {
            const protectedOne = { ...baseline.component, options: { ...baseline.component.options, protect: true } };
            const changed = createOnlyChanges([protectedOne], [mutated(protectedOne, "applicationType", "other")], "x");
            assert.deepStrictEqual(changed.map((v) => `${v.ruleId} ${v.property}`), ["azure.createOnly applicationType"]);
            assert.match(changed[0].source, /components_API\.json#\/definitions\/ApplicationInsightsComponentProperties\/properties\/Application_Type \(api-version 2020-02-02\)$/);
        });
        it("create-only: applicationType is in the plan diff's replace paths", () => {
            assert.ok(createOnlyPaths(baseline.component.type).includes("applicationType"), createOnlyPaths(baseline.component.type).join(", "));
        });
    });
});
