// Rule family 1 for the App Service, managed identity, authorization and
// resource group types encoded in tools/preflight/encoded/appIdentity.ts:
// each type's compliant baseline (inputs like those the program renders)
// passes, and one mutation per constraint kind encoded on it breaks exactly
// that rule.
import * as assert from "assert";
import { azureRestViolations, coveredTypes } from "../../tools/preflight/azureRest";
import { createOnlyPaths } from "../../tools/replaceRules";
import { input, mutated, recorded } from "./fixtures";

const ruleIds = (r: Parameters<typeof mutated>[0]) => azureRestViolations(input([r])).map((v) => `${v.ruleId} ${v.property}`);

const rg = "lsdr-sec-logscale-westus";
const sub = "/subscriptions/00000000-0000-0000-0000-000000000000";
const tags = { app: "logscale", drStack: "secondary", managedBy: "pulumi" };
const identityId = `${sub}/resourceGroups/${rg}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/lsdr-sec-failover`;

/** Compliant registrations, shaped as the program's components render them. */
const baseline = {
    // stacks/region.ts
    resourceGroup: recorded("azure-native:resources:ResourceGroup", "region", { resourceGroupName: rg, location: "westus", tags }),
    // components/aks.ts (a cold standby's agent pool stop)
    deployment: recorded("azure-native:resources:Deployment", "aks-pool-kafka-stop", {
        resourceGroupName: rg,
        deploymentName: "lsdr-sec-aks-kafka-stop",
        properties: {
            mode: "Incremental",
            template: {
                $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                contentVersion: "1.0.0.0",
                resources: [{ apiVersion: "2025-09-01", name: "lsdr-sec-aks/kafka", type: "Microsoft.ContainerService/managedClusters/agentPools", properties: { powerState: { code: "Stopped" } } }],
            },
        },
        tags,
    }),
    // components/workloadIdentity.ts, aks.ts, gateway.ts, appGateway.ts, failoverFunction.ts
    identity: recorded("azure-native:managedidentity:UserAssignedIdentity", "logscale-pods-identity", { resourceGroupName: rg, location: "westus", resourceName: "lsdr-sec-logscale", tags }),
    federation: recorded("azure-native:managedidentity:FederatedIdentityCredential", "logscale-pods-federation", {
        resourceGroupName: rg,
        resourceName: "lsdr-sec-logscale",
        federatedIdentityCredentialResourceName: "logscale-service-account",
        issuer: "https://westus.oic.prod-aks.azure.com/11111111-1111-1111-1111-111111111111/d2584de1-5f18-4656-794c-6e3101da9641/",
        subject: "system:serviceaccount:logging:logscale",
        audiences: ["api://AzureADTokenExchange"],
    }),
    // components/roles.ts
    roleAssignment: recorded("azure-native:authorization:RoleAssignment", "logscale-pods-own-container", {
        scope: `${sub}/resourceGroups/${rg}/providers/Microsoft.Storage/storageAccounts/lsdrseclogsd391da/blobServices/default/containers/logscale-data`,
        principalId: "57d69afe-c698-4058-29fe-a4896415a2c4",
        principalType: "ServicePrincipal",
        roleDefinitionId: `${sub}/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe`,
    }),
    roleDefinition: recorded("azure-native:authorization:RoleDefinition", "failover-endpoint-switch", {
        scope: `${sub}/resourceGroups/lsdr-pri-logscale-eastus`,
        roleName: "lsdr-sec LogScale DR endpoint switch",
        description: "Read and disable the watched primary Traffic Manager endpoint of a LogScale DR pair",
        permissions: [{ actions: ["Microsoft.Network/trafficManagerProfiles/externalEndpoints/read", "Microsoft.Network/trafficManagerProfiles/externalEndpoints/write"] }],
        assignableScopes: [`${sub}/resourceGroups/lsdr-pri-logscale-eastus`],
    }),
    // components/failoverFunction.ts
    plan: recorded("azure-native:web:AppServicePlan", "failover-plan", {
        resourceGroupName: rg,
        location: "westus",
        tags,
        name: "lsdr-sec-failover-plan",
        kind: "elastic",
        reserved: true,
        sku: { name: "EP1", tier: "ElasticPremium" },
        maximumElasticWorkerCount: 1,
    }),
    webApp: recorded("azure-native:web:WebApp", "failover-app", {
        resourceGroupName: rg,
        location: "westus",
        tags,
        name: "lsdr-sec-failover",
        kind: "functionapp,linux",
        reserved: true,
        hyperV: false,
        isXenon: false,
        clientAffinityEnabled: false,
        scmSiteAlsoStopped: false,
        serverFarmId: `${sub}/resourceGroups/${rg}/providers/Microsoft.Web/serverfarms/lsdr-sec-failover-plan`,
        httpsOnly: true,
        identity: { type: "UserAssigned", userAssignedIdentities: [identityId] },
        keyVaultReferenceIdentity: identityId,
        virtualNetworkSubnetId: `${sub}/resourceGroups/${rg}/providers/Microsoft.Network/virtualNetworks/lsdr-sec-vnet/subnets/functions`,
        siteConfig: {
            linuxFxVersion: "Node|22",
            minTlsVersion: "1.2",
            ftpsState: "Disabled",
            http20Enabled: true,
            vnetRouteAllEnabled: true,
            preWarmedInstanceCount: 1,
            ipSecurityRestrictions: [{ name: "azure-monitor-action-groups", tag: "ServiceTag", ipAddress: "ActionGroup", action: "Allow", priority: 100 }],
            ipSecurityRestrictionsDefaultAction: "Deny",
            scmIpSecurityRestrictionsUseMain: false,
            localMySqlEnabled: false,
            netFrameworkVersion: "v4.6",
            appSettings: [
                { name: "FUNCTIONS_EXTENSION_VERSION", value: "~4" },
                { name: "FUNCTIONS_WORKER_RUNTIME", value: "node" },
                { name: "WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID", value: identityId },
            ],
        },
    }),
};

describe("preflight: Azure REST definitions, encoded app, identity, authorization and resource group types", () => {
    it("covers each type", () => {
        for (const r of Object.values(baseline)) assert.ok(coveredTypes().includes(r.type), r.type);
    });

    it("every baseline is compliant", () => {
        for (const r of Object.values(baseline)) assert.deepStrictEqual(azureRestViolations(input([r])), [], r.type);
    });

    describe("web:AppServicePlan (openapi.json 2025-05-01)", () => {
        it("pattern, minLength, maxLength: resourceGroupName (common-types v5)", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.plan, "resourceGroupName", "lsdr/rg")), ["azure.pattern resourceGroupName"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.plan, "resourceGroupName", "a".repeat(91))), ["azure.maxLength resourceGroupName"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.plan, "resourceGroupName", "")), ["azure.pattern resourceGroupName", "azure.minLength resourceGroupName"]);
        });
        it("type", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.plan, "maximumElasticWorkerCount", "1")), ["azure.type maximumElasticWorkerCount"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.plan, "reserved", "true")), ["azure.type reserved"]);
        });
        it("read-only", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.plan, "numberOfSites", 1)), ["azure.readOnly numberOfSites"]);
        });
        it("unknown: a key SkuDescription does not declare", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.plan, "sku.skuName", "EP1")), ["azure.unknown sku.skuName"]);
        });
        it("create-only: reserved, hostingEnvironmentProfile", () => {
            for (const p of ["reserved", "hostingEnvironmentProfile", "isXenon", "hyperV", "name", "resourceGroupName", "location"]) assert.ok(createOnlyPaths("azure-native:web:AppServicePlan").includes(p), p);
        });
    });

    describe("web:WebApp (openapi.json 2025-05-01)", () => {
        it("pattern: resourceGroupName (common-types v5)", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.webApp, "resourceGroupName", "lsdr rg")), ["azure.pattern resourceGroupName"]);
        });
        it("enum: minTlsVersion, ftpsState, ipSecurityRestrictionsDefaultAction, identity type, restriction tag", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.webApp, "siteConfig.minTlsVersion", "1.4")), ["azure.enum siteConfig.minTlsVersion"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.webApp, "siteConfig.ftpsState", "Off")), ["azure.enum siteConfig.ftpsState"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.webApp, "siteConfig.ipSecurityRestrictionsDefaultAction", "Block")), ["azure.enum siteConfig.ipSecurityRestrictionsDefaultAction"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.webApp, "identity.type", "Both")), ["azure.enum identity.type"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.webApp, "siteConfig.ipSecurityRestrictions[0].tag", "Proxy")), ["azure.enum siteConfig.ipSecurityRestrictions[0].tag"]);
        });
        it("enum values are compared without case, as ARM does", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.webApp, "siteConfig.ftpsState", "disabled")), []);
        });
        it("minimum and maximum: preWarmedInstanceCount 0..10", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.webApp, "siteConfig.preWarmedInstanceCount", 11)), ["azure.maximum siteConfig.preWarmedInstanceCount"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.webApp, "siteConfig.preWarmedInstanceCount", -1)), ["azure.minimum siteConfig.preWarmedInstanceCount"]);
        });
        it("type", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.webApp, "httpsOnly", "true")), ["azure.type httpsOnly"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.webApp, "siteConfig.appSettings[0].value", 4)), ["azure.type siteConfig.appSettings[0].value"]);
        });
        it("read-only: defaultHostName, identity.principalId", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.webApp, "defaultHostName", "lsdr-sec-failover.azurewebsites.net")), ["azure.readOnly defaultHostName"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.webApp, "identity.principalId", "x")), ["azure.readOnly identity.principalId"]);
        });
        it("unknown: a misspelt siteConfig key, a key a name/value pair does not have", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.webApp, "siteConfig.linuxFxVerison", "Node|22")), ["azure.unknown siteConfig.linuxFxVerison"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.webApp, "siteConfig.appSettings[0].key", "x")), ["azure.unknown siteConfig.appSettings[0].key"]);
        });
        it("a violation names the definition it comes from", () => {
            const [v] = azureRestViolations(input([mutated(baseline.webApp, "siteConfig.minTlsVersion", "1.4")]));
            assert.match(v.source, /^Azure\/azure-rest-api-specs@033b533 openapi\.json#\/definitions\/SupportedTlsVersions \(api-version 2025-05-01\)$/);
        });
        it("create-only: reserved, cloningInfo, siteConfig.vnetName", () => {
            for (const p of ["reserved", "isXenon", "hyperV", "hostingEnvironmentProfile", "cloningInfo", "siteConfig.vnetName", "name", "resourceGroupName"]) assert.ok(createOnlyPaths("azure-native:web:WebApp").includes(p), p);
            assert.ok(!createOnlyPaths("azure-native:web:WebApp").includes("siteConfig"), "siteConfig is create and update");
        });
    });

    describe("managedidentity:UserAssignedIdentity (ManagedIdentity.json 2023-01-31)", () => {
        it("read-only: the identity's properties are set by Azure", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.identity, "principalId", "x")), ["azure.readOnly principalId"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.identity, "clientId", "x")), ["azure.readOnly clientId"]);
        });
        it("type: tags are strings", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.identity, "tags.tier", 1)), ["azure.type tags.tier"]);
        });
        it("create-only: location (common-types v4 TrackedResource), resourceName", () => {
            for (const p of ["location", "resourceName", "resourceGroupName"]) assert.ok(createOnlyPaths("azure-native:managedidentity:UserAssignedIdentity").includes(p), p);
        });
    });

    describe("managedidentity:FederatedIdentityCredential (ManagedIdentity.json 2023-01-31)", () => {
        it("required: issuer, subject, audiences", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.federation, "issuer", undefined)), ["azure.required issuer"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.federation, "subject", undefined)), ["azure.required subject"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.federation, "audiences", undefined)), ["azure.required audiences"]);
        });
        it("type: audiences is a list", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.federation, "audiences", "api://AzureADTokenExchange")), ["azure.type audiences"]);
        });
        it("pattern: federatedIdentityCredentialResourceName, resourceGroupName (common-types v4)", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.federation, "federatedIdentityCredentialResourceName", "-logscale")), ["azure.pattern federatedIdentityCredentialResourceName"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.federation, "federatedIdentityCredentialResourceName", "ab")), ["azure.pattern federatedIdentityCredentialResourceName"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.federation, "resourceGroupName", "lsdr/rg")), ["azure.pattern resourceGroupName"]);
        });
        it("maxLength: resourceGroupName (common-types v4)", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.federation, "resourceGroupName", "a".repeat(91))), ["azure.maxLength resourceGroupName"]);
        });
        it("create-only: its name and its identity (path parameters)", () => {
            for (const p of ["federatedIdentityCredentialResourceName", "resourceName"]) assert.ok(createOnlyPaths("azure-native:managedidentity:FederatedIdentityCredential").includes(p), p);
        });
    });

    describe("authorization:RoleAssignment (authorization-RoleAssignmentsCalls.json 2022-04-01)", () => {
        it("enum: principalType", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.roleAssignment, "principalType", "ManagedIdentity")), ["azure.enum principalType"]);
        });
        it("required: principalId, roleDefinitionId", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.roleAssignment, "principalId", undefined)), ["azure.required principalId"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.roleAssignment, "roleDefinitionId", undefined)), ["azure.required roleDefinitionId"]);
        });
        it("read-only: createdOn", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.roleAssignment, "createdOn", "2025-01-01T00:00:00Z")), ["azure.readOnly createdOn"]);
        });
        it("type: condition is a string", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.roleAssignment, "condition", true)), ["azure.type condition"]);
        });
        it("create-only: scope and roleAssignmentName (path parameters)", () => {
            for (const p of ["scope", "roleAssignmentName", "principalId"]) assert.ok(createOnlyPaths("azure-native:authorization:RoleAssignment").includes(p), p);
        });
    });

    describe("authorization:RoleDefinition (authorization-RoleDefinitionsCalls.json 2022-05-01-preview)", () => {
        it("unknown: a key a permission does not declare", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.roleDefinition, "permissions[0].action", ["x"])), ["azure.unknown permissions[0].action"]);
        });
        it("type: assignableScopes is a list", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.roleDefinition, "assignableScopes", `${sub}/resourceGroups/x`)), ["azure.type assignableScopes"]);
        });
        it("read-only: createdBy", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.roleDefinition, "createdBy", "x")), ["azure.readOnly createdBy"]);
        });
        it("x-ms-client-name: the role's type is roleType", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.roleDefinition, "roleType", "CustomRole")), []);
        });
        it("create-only: scope and roleDefinitionId (path parameters)", () => {
            for (const p of ["scope", "roleDefinitionId"]) assert.ok(createOnlyPaths("azure-native:authorization:RoleDefinition").includes(p), p);
        });
    });

    describe("resources:ResourceGroup (resources.json 2024-03-01)", () => {
        it("pattern, minLength, maxLength: resourceGroupName", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.resourceGroup, "resourceGroupName", "lsdr/logscale")), ["azure.pattern resourceGroupName"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.resourceGroup, "resourceGroupName", "a".repeat(91))), ["azure.maxLength resourceGroupName"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.resourceGroup, "resourceGroupName", "")), ["azure.pattern resourceGroupName", "azure.minLength resourceGroupName"]);
        });
        it("type: managedBy is a string", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.resourceGroup, "managedBy", 1)), ["azure.type managedBy"]);
        });
        it("create-only: its name (path parameter); location by the tracked-resource rule and azure-native", () => {
            for (const p of ["resourceGroupName", "location"]) assert.ok(createOnlyPaths("azure-native:resources:ResourceGroup").includes(p), p);
        });
    });

    describe("resources:Deployment (deployments.json 2024-03-01)", () => {
        it("enum: properties.mode", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.deployment, "properties.mode", "Partial")), ["azure.enum properties.mode"]);
        });
        it("required: properties, properties.mode", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.deployment, "properties", undefined)), ["azure.required properties"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.deployment, "properties.mode", undefined)), ["azure.required properties.mode"]);
        });
        it("unknown: a key DeploymentProperties does not declare; the template itself is free-form", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.deployment, "properties.templateUri", "https://example.com/t.json")), ["azure.unknown properties.templateUri"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.deployment, "properties.template.outputs", {})), []);
        });
        it("pattern, maxLength: deploymentName", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.deployment, "deploymentName", "stop kafka")), ["azure.pattern deploymentName"]);
            assert.deepStrictEqual(ruleIds(mutated(baseline.deployment, "deploymentName", "d".repeat(65))), ["azure.maxLength deploymentName"]);
        });
        it("pattern: resourceGroupName", () => {
            assert.deepStrictEqual(ruleIds(mutated(baseline.deployment, "resourceGroupName", "lsdr/rg")), ["azure.pattern resourceGroupName"]);
        });
        it("create-only: deploymentName (path parameter)", () => {
            assert.ok(createOnlyPaths("azure-native:resources:Deployment").includes("deploymentName"));
        });
    });
});
