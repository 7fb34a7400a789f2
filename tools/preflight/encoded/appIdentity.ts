// App Service, managed identity, authorization and resource group types,
// encoded by hand from Microsoft's REST API definitions (Azure/azure-rest-api-specs)
// at the API version @pulumi/azure-native 3.28.0 uses for each:
//
//   web:AppServicePlan, web:WebApp                          2025-05-01 (AppService/stable/2025-05-01/openapi.json)
//   managedidentity:UserAssignedIdentity, ...:FederatedIdentityCredential   2023-01-31
//   authorization:RoleAssignment                            2022-04-01
//   authorization:RoleDefinition                            2022-05-01-preview
//   resources:ResourceGroup, resources:Deployment           2024-03-01
//
// One excerpt per upstream file; `$ref`s between them name the excerpt. A
// comment beside each rule says where it is in that file. Definitions the
// program does not set are condensed to `x-excerpt-unread` (nothing below
// them is checked); a definition that lists only part of its properties
// carries `x-excerpt-note` (open). Every other definition lists all the
// properties its file declares, so a key it does not know is reported.
//
// The App Service types come from the TypeSpec-generated openapi.json, the
// file azure-native 3.28.0's SDK matches (AppServicePlanArgs has
// planDefaultIdentity, installScripts, storageMounts..., which the
// hand-written Microsoft.Web/stable/2025-05-01 files do not declare).
import { Excerpt } from "../restExcerpt";
import { commonTypesFile } from "./commonTypes";

const repo = "Azure/azure-rest-api-specs";

/** A definition the program does not set: not encoded, nothing below it checked. */
const notEncoded = (what: string) => ({ type: "object", "x-excerpt-unread": `${what}: the program does not set it, so its properties were not encoded` });
/** An enum whose values were not read: only the JSON type is checked. */
const enumNotRead = { type: "string", "x-excerpt-note": "an enum definition of the file whose values were not read: only the type is checked" };

const v5 = commonTypesFile("v5");
const v4 = commonTypesFile("v4");
const web = "web-AppService-2025-05-01.encoded";
const msi = "msi-ManagedIdentity-2023-01-31.encoded";
const authzCommon0401 = "authorization-common-types-2022-04-01.encoded";
const authzCommonPreview = "authorization-common-types-2022-05-01-preview.encoded";

export const excerpts: Record<string, Excerpt> = {
    // ------------------------------------------------------------------ web (App Service), 2025-05-01
    [web]: {
        source: { repo, path: "specification/web/resource-manager/Microsoft.Web/AppService/stable/2025-05-01/openapi.json", commit: "033b5330ede5005e1f1eaacdb6959d42c4d342d2", apiVersion: "2025-05-01" },
        resources: {
            // #/paths/~1subscriptions~1{subscriptionId}~1resourceGroups~1{resourceGroupName}~1providers~1Microsoft.Web~1serverfarms~1{name}/put (AppServicePlans_CreateOrUpdate)
            "azure-native:web:AppServicePlan": {
                path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Web/serverfarms/{name}",
                parameters: [{ $ref: `${v5}#/parameters/ResourceGroupNameParameter` }, { name: "name", in: "path", required: true, type: "string" }],
                body: "#/definitions/AppServicePlan",
            },
            // #/paths/~1subscriptions~1{subscriptionId}~1resourceGroups~1{resourceGroupName}~1providers~1Microsoft.Web~1sites~1{name}/put (WebApps_CreateOrUpdate)
            "azure-native:web:WebApp": {
                path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Web/sites/{name}",
                parameters: [{ $ref: `${v5}#/parameters/ResourceGroupNameParameter` }, { name: "name", in: "path", required: true, type: "string" }],
                body: "#/definitions/Site",
            },
        },
        definitions: {
            // #/definitions/AppServicePlan
            AppServicePlan: {
                type: "object",
                properties: {
                    properties: { $ref: "#/definitions/AppServicePlanProperties", "x-ms-client-flatten": true },
                    sku: { $ref: "#/definitions/SkuDescription" },
                    extendedLocation: { $ref: "#/definitions/ExtendedLocation" },
                    kind: { type: "string" },
                    identity: { $ref: "#/definitions/ManagedServiceIdentity" },
                },
                allOf: [{ $ref: `${v5}#/definitions/TrackedResource` }],
            },
            // #/definitions/AppServicePlanProperties
            AppServicePlanProperties: {
                type: "object",
                properties: {
                    workerTierName: { type: "string" },
                    status: { $ref: "#/definitions/StatusOptions", readOnly: true },
                    subscription: { type: "string", readOnly: true },
                    hostingEnvironmentProfile: { $ref: "#/definitions/HostingEnvironmentProfile", "x-ms-mutability": ["read", "create"] },
                    maximumNumberOfWorkers: { type: "integer", readOnly: true },
                    numberOfWorkers: { type: "integer", readOnly: true },
                    geoRegion: { type: "string", readOnly: true },
                    perSiteScaling: { type: "boolean" },
                    elasticScaleEnabled: { type: "boolean" },
                    maximumElasticWorkerCount: { type: "integer" },
                    numberOfSites: { type: "integer", readOnly: true },
                    isSpot: { type: "boolean" },
                    spotExpirationTime: { type: "string" },
                    freeOfferExpirationTime: { type: "string" },
                    resourceGroup: { type: "string", readOnly: true },
                    reserved: { type: "boolean", "x-ms-mutability": ["read", "create"] },
                    isXenon: { type: "boolean", "x-ms-mutability": ["read", "create"] },
                    hyperV: { type: "boolean", "x-ms-mutability": ["read", "create"] },
                    targetWorkerCount: { type: "integer" },
                    targetWorkerSizeId: { type: "integer" },
                    provisioningState: { $ref: "#/definitions/ProvisioningState", readOnly: true },
                    kubeEnvironmentProfile: { $ref: "#/definitions/KubeEnvironmentProfile" },
                    zoneRedundant: { type: "boolean" },
                    asyncScalingEnabled: { type: "boolean" },
                    planDefaultIdentity: { $ref: "#/definitions/DefaultIdentity" },
                    isCustomMode: { type: "boolean" },
                    registryAdapters: { type: "array", items: { $ref: "#/definitions/RegistryAdapter" } },
                    installScripts: { type: "array", items: { $ref: "#/definitions/InstallScript" } },
                    network: { $ref: "#/definitions/ServerFarmNetworkSettings" },
                    storageMounts: { type: "array", items: { $ref: "#/definitions/StorageMount" } },
                    rdpEnabled: { type: "boolean" },
                },
            },
            // #/definitions/SkuDescription
            SkuDescription: {
                type: "object",
                properties: {
                    name: { type: "string" },
                    tier: { type: "string" },
                    size: { type: "string" },
                    family: { type: "string" },
                    capacity: { type: "integer" },
                    skuCapacity: { $ref: "#/definitions/SkuCapacity" },
                    locations: { type: "array", items: { type: "string" } },
                    capabilities: { type: "array", items: { $ref: "#/definitions/Capability" } },
                },
            },
            // #/definitions/SkuCapacity
            SkuCapacity: {
                type: "object",
                properties: {
                    minimum: { type: "integer" },
                    maximum: { type: "integer" },
                    elasticMaximum: { type: "integer" },
                    default: { type: "integer" },
                    scaleType: { type: "string" },
                },
            },
            // #/definitions/Site
            Site: {
                type: "object",
                properties: {
                    properties: { $ref: "#/definitions/SiteProperties", "x-ms-client-flatten": true },
                    identity: { $ref: "#/definitions/ManagedServiceIdentity" },
                    extendedLocation: { $ref: "#/definitions/ExtendedLocation" },
                    kind: { type: "string" },
                },
                allOf: [{ $ref: `${v5}#/definitions/TrackedResource` }],
            },
            // #/definitions/SiteProperties
            SiteProperties: {
                type: "object",
                properties: {
                    state: { type: "string", readOnly: true },
                    hostNames: { type: "array", items: { type: "string" }, readOnly: true },
                    repositorySiteName: { type: "string", readOnly: true },
                    usageState: { $ref: "#/definitions/UsageState", readOnly: true },
                    enabled: { type: "boolean" },
                    enabledHostNames: { type: "array", items: { type: "string" }, readOnly: true },
                    availabilityState: { $ref: "#/definitions/SiteAvailabilityState", readOnly: true },
                    hostNameSslStates: { type: "array", items: { $ref: "#/definitions/HostNameSslState" } },
                    serverFarmId: { type: "string" },
                    reserved: { type: "boolean", "x-ms-mutability": ["read", "create"] },
                    isXenon: { type: "boolean", "x-ms-mutability": ["read", "create"] },
                    hyperV: { type: "boolean", "x-ms-mutability": ["read", "create"] },
                    lastModifiedTimeUtc: { type: "string", readOnly: true },
                    dnsConfiguration: { $ref: "#/definitions/SiteDnsConfig" },
                    outboundVnetRouting: { $ref: "#/definitions/OutboundVnetRouting" },
                    siteConfig: { $ref: "#/definitions/SiteConfig", "x-ms-mutability": ["update", "create"] },
                    functionAppConfig: { $ref: "#/definitions/FunctionAppConfig" },
                    daprConfig: { $ref: "#/definitions/DaprConfig" },
                    workloadProfileName: { type: "string" },
                    resourceConfig: { $ref: "#/definitions/ResourceConfig" },
                    trafficManagerHostNames: { type: "array", items: { type: "string" }, readOnly: true },
                    scmSiteAlsoStopped: { type: "boolean" },
                    targetSwapSlot: { type: "string", readOnly: true },
                    hostingEnvironmentProfile: { $ref: "#/definitions/HostingEnvironmentProfile", "x-ms-mutability": ["read", "create"] },
                    clientAffinityEnabled: { type: "boolean" },
                    clientAffinityPartitioningEnabled: { type: "boolean" },
                    clientAffinityProxyEnabled: { type: "boolean" },
                    clientCertEnabled: { type: "boolean" },
                    clientCertMode: { $ref: "#/definitions/ClientCertMode" },
                    clientCertExclusionPaths: { type: "string" },
                    ipMode: { $ref: "#/definitions/IPMode" },
                    endToEndEncryptionEnabled: { type: "boolean" },
                    sshEnabled: { type: "boolean" },
                    hostNamesDisabled: { type: "boolean" },
                    customDomainVerificationId: { type: "string" },
                    outboundIpAddresses: { type: "string", readOnly: true },
                    possibleOutboundIpAddresses: { type: "string", readOnly: true },
                    containerSize: { type: "integer" },
                    dailyMemoryTimeQuota: { type: "integer" },
                    suspendedTill: { type: "string", readOnly: true },
                    maxNumberOfWorkers: { type: "integer", readOnly: true },
                    cloningInfo: { $ref: "#/definitions/CloningInfo", "x-ms-mutability": ["create"] },
                    resourceGroup: { type: "string", readOnly: true },
                    isDefaultContainer: { type: "boolean", readOnly: true },
                    defaultHostName: { type: "string", readOnly: true },
                    slotSwapStatus: { $ref: "#/definitions/SlotSwapStatus", readOnly: true },
                    httpsOnly: { type: "boolean" },
                    redundancyMode: { $ref: "#/definitions/RedundancyMode" },
                    inProgressOperationId: { type: "string", readOnly: true },
                    publicNetworkAccess: { type: "string" },
                    storageAccountRequired: { type: "boolean" },
                    keyVaultReferenceIdentity: { type: "string" },
                    autoGeneratedDomainNameLabelScope: { $ref: "#/definitions/AutoGeneratedDomainNameLabelScope" },
                    virtualNetworkSubnetId: { type: "string" },
                    managedEnvironmentId: { type: "string" },
                    sku: { type: "string", readOnly: true },
                },
            },
            // #/definitions/SiteConfig (all its properties: a key it does not declare is reported)
            SiteConfig: {
                type: "object",
                properties: {
                    numberOfWorkers: { type: "integer" },
                    defaultDocuments: { type: "array", items: { type: "string" } },
                    netFrameworkVersion: { type: "string" },
                    phpVersion: { type: "string" },
                    pythonVersion: { type: "string" },
                    nodeVersion: { type: "string" },
                    powerShellVersion: { type: "string" },
                    linuxFxVersion: { type: "string" },
                    windowsFxVersion: { type: "string" },
                    requestTracingEnabled: { type: "boolean" },
                    requestTracingExpirationTime: { type: "string" },
                    remoteDebuggingEnabled: { type: "boolean" },
                    remoteDebuggingVersion: { type: "string" },
                    httpLoggingEnabled: { type: "boolean" },
                    acrUseManagedIdentityCreds: { type: "boolean" },
                    acrUserManagedIdentityID: { type: "string" },
                    logsDirectorySizeLimit: { type: "integer" },
                    detailedErrorLoggingEnabled: { type: "boolean" },
                    publishingUsername: { type: "string" },
                    appSettings: { type: "array", items: { $ref: "#/definitions/NameValuePair" }, "x-ms-mutability": ["update", "create"] },
                    metadata: { type: "array", items: { $ref: "#/definitions/NameValuePair" }, "x-ms-mutability": ["update", "create"] },
                    connectionStrings: { type: "array", items: { $ref: "#/definitions/ConnStringInfo" }, "x-ms-mutability": ["update", "create"] },
                    machineKey: { $ref: "#/definitions/SiteMachineKey", readOnly: true },
                    handlerMappings: { type: "array", items: { $ref: "#/definitions/HandlerMapping" } },
                    documentRoot: { type: "string" },
                    scmType: { $ref: "#/definitions/ScmType" },
                    use32BitWorkerProcess: { type: "boolean" },
                    webSocketsEnabled: { type: "boolean" },
                    alwaysOn: { type: "boolean" },
                    javaVersion: { type: "string" },
                    javaContainer: { type: "string" },
                    javaContainerVersion: { type: "string" },
                    appCommandLine: { type: "string" },
                    managedPipelineMode: { $ref: "#/definitions/ManagedPipelineMode" },
                    virtualApplications: { type: "array", items: { $ref: "#/definitions/VirtualApplication" } },
                    loadBalancing: { $ref: "#/definitions/SiteLoadBalancing" },
                    experiments: { $ref: "#/definitions/Experiments" },
                    limits: { $ref: "#/definitions/SiteLimits" },
                    autoHealEnabled: { type: "boolean" },
                    autoHealRules: { $ref: "#/definitions/AutoHealRules" },
                    tracingOptions: { type: "string" },
                    vnetName: { type: "string", "x-ms-mutability": ["read", "create"] },
                    vnetRouteAllEnabled: { type: "boolean" },
                    vnetPrivatePortsCount: { type: "integer" },
                    cors: { $ref: "#/definitions/CorsSettings" },
                    push: { $ref: "#/definitions/PushSettings" },
                    apiDefinition: { $ref: "#/definitions/ApiDefinitionInfo" },
                    apiManagementConfig: { $ref: "#/definitions/ApiManagementConfig" },
                    autoSwapSlotName: { type: "string" },
                    localMySqlEnabled: { type: "boolean" },
                    managedServiceIdentityId: { type: "integer" },
                    xManagedServiceIdentityId: { type: "integer" },
                    keyVaultReferenceIdentity: { type: "string" },
                    ipSecurityRestrictions: { type: "array", items: { $ref: "#/definitions/IpSecurityRestriction" } },
                    ipSecurityRestrictionsDefaultAction: { $ref: "#/definitions/DefaultAction" },
                    scmIpSecurityRestrictions: { type: "array", items: { $ref: "#/definitions/IpSecurityRestriction" } },
                    scmIpSecurityRestrictionsDefaultAction: { $ref: "#/definitions/DefaultAction" },
                    scmIpSecurityRestrictionsUseMain: { type: "boolean" },
                    http20Enabled: { type: "boolean" },
                    http20ProxyFlag: { type: "integer" },
                    minTlsVersion: { $ref: "#/definitions/SupportedTlsVersions" },
                    minTlsCipherSuite: { $ref: "#/definitions/TlsCipherSuites" },
                    scmMinTlsVersion: { $ref: "#/definitions/SupportedTlsVersions" },
                    ftpsState: { $ref: "#/definitions/FtpsState" },
                    preWarmedInstanceCount: { type: "integer", minimum: 0, maximum: 10 },
                    functionAppScaleLimit: { type: "integer", minimum: 0 },
                    elasticWebAppScaleLimit: { type: "integer", minimum: 0 },
                    healthCheckPath: { type: "string" },
                    functionsRuntimeScaleMonitoringEnabled: { type: "boolean" },
                    websiteTimeZone: { type: "string" },
                    minimumElasticInstanceCount: { type: "integer", minimum: 0, maximum: 20 },
                    azureStorageAccounts: { type: "object", additionalProperties: { $ref: "#/definitions/AzureStorageInfoValue" } },
                    publicNetworkAccess: { type: "string" },
                },
            },
            // #/definitions/NameValuePair
            NameValuePair: { type: "object", properties: { name: { type: "string" }, value: { type: "string" } } },
            // #/definitions/IpSecurityRestriction
            IpSecurityRestriction: {
                type: "object",
                properties: {
                    ipAddress: { type: "string" },
                    subnetMask: { type: "string" },
                    vnetSubnetResourceId: { type: "string" },
                    vnetTrafficTag: { type: "integer" },
                    subnetTrafficTag: { type: "integer" },
                    action: { type: "string" },
                    tag: { $ref: "#/definitions/IpFilterTag" },
                    priority: { type: "integer" },
                    name: { type: "string" },
                    description: { type: "string" },
                    headers: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
                },
            },
            // #/definitions/ManagedServiceIdentity
            ManagedServiceIdentity: {
                type: "object",
                properties: {
                    type: { $ref: "#/definitions/ManagedServiceIdentityType" },
                    tenantId: { type: "string", readOnly: true },
                    principalId: { type: "string", readOnly: true },
                    userAssignedIdentities: { type: "object", additionalProperties: { $ref: "#/definitions/UserAssignedIdentity" } },
                },
            },
            // #/definitions/UserAssignedIdentity
            UserAssignedIdentity: { type: "object", properties: { principalId: { type: "string", readOnly: true }, clientId: { type: "string", readOnly: true } } },
            // #/definitions/ManagedServiceIdentityType
            ManagedServiceIdentityType: { type: "string", enum: ["SystemAssigned", "UserAssigned", "SystemAssigned, UserAssigned", "None"] },
            // #/definitions/IpFilterTag
            IpFilterTag: { type: "string", enum: ["Default", "XffProxy", "ServiceTag"] },
            // #/definitions/DefaultAction
            DefaultAction: { type: "string", enum: ["Allow", "Deny"] },
            // #/definitions/SupportedTlsVersions
            SupportedTlsVersions: { type: "string", enum: ["1.0", "1.1", "1.2", "1.3"] },
            // #/definitions/FtpsState
            FtpsState: { type: "string", enum: ["AllAllowed", "FtpsOnly", "Disabled"] },
            // #/definitions/ManagedPipelineMode
            ManagedPipelineMode: { type: "string", enum: ["Integrated", "Classic"] },
            // #/definitions/ClientCertMode
            ClientCertMode: { type: "string", enum: ["Required", "Optional", "OptionalInteractiveUser"] },
            // #/definitions/TlsCipherSuites
            TlsCipherSuites: {
                type: "string",
                enum: [
                    "TLS_AES_256_GCM_SHA384",
                    "TLS_AES_128_GCM_SHA256",
                    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                    "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
                    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                    "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
                    "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
                    "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
                    "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
                    "TLS_RSA_WITH_AES_256_GCM_SHA384",
                    "TLS_RSA_WITH_AES_128_GCM_SHA256",
                    "TLS_RSA_WITH_AES_256_CBC_SHA256",
                    "TLS_RSA_WITH_AES_128_CBC_SHA256",
                    "TLS_RSA_WITH_AES_256_CBC_SHA",
                    "TLS_RSA_WITH_AES_128_CBC_SHA",
                ],
            },
            // #/definitions/UsageState (read-only here)
            UsageState: { type: "string", enum: ["Normal", "Exceeded"] },
            // Enum definitions of the file whose values were not read.
            ScmType: enumNotRead,
            SiteLoadBalancing: enumNotRead,
            IPMode: enumNotRead,
            RedundancyMode: enumNotRead,
            AutoGeneratedDomainNameLabelScope: enumNotRead,
            SiteAvailabilityState: enumNotRead,
            StatusOptions: enumNotRead,
            ProvisioningState: enumNotRead,
            // Definitions the program does not set.
            ExtendedLocation: notEncoded("#/definitions/ExtendedLocation"),
            HostingEnvironmentProfile: notEncoded("#/definitions/HostingEnvironmentProfile"),
            KubeEnvironmentProfile: notEncoded("#/definitions/KubeEnvironmentProfile"),
            DefaultIdentity: notEncoded("#/definitions/DefaultIdentity"),
            RegistryAdapter: notEncoded("#/definitions/RegistryAdapter"),
            InstallScript: notEncoded("#/definitions/InstallScript"),
            ServerFarmNetworkSettings: notEncoded("#/definitions/ServerFarmNetworkSettings"),
            StorageMount: notEncoded("#/definitions/StorageMount"),
            Capability: notEncoded("#/definitions/Capability"),
            HostNameSslState: notEncoded("#/definitions/HostNameSslState"),
            SiteDnsConfig: notEncoded("#/definitions/SiteDnsConfig"),
            OutboundVnetRouting: notEncoded("#/definitions/OutboundVnetRouting"),
            FunctionAppConfig: notEncoded("#/definitions/FunctionAppConfig"),
            DaprConfig: notEncoded("#/definitions/DaprConfig"),
            ResourceConfig: notEncoded("#/definitions/ResourceConfig"),
            CloningInfo: notEncoded("#/definitions/CloningInfo"),
            SlotSwapStatus: notEncoded("#/definitions/SlotSwapStatus"),
            ConnStringInfo: notEncoded("#/definitions/ConnStringInfo"),
            SiteMachineKey: notEncoded("#/definitions/SiteMachineKey"),
            HandlerMapping: notEncoded("#/definitions/HandlerMapping"),
            VirtualApplication: notEncoded("#/definitions/VirtualApplication"),
            Experiments: notEncoded("#/definitions/Experiments"),
            SiteLimits: notEncoded("#/definitions/SiteLimits"),
            AutoHealRules: notEncoded("#/definitions/AutoHealRules"),
            CorsSettings: notEncoded("#/definitions/CorsSettings"),
            PushSettings: notEncoded("#/definitions/PushSettings"),
            ApiDefinitionInfo: notEncoded("#/definitions/ApiDefinitionInfo"),
            ApiManagementConfig: notEncoded("#/definitions/ApiManagementConfig"),
            AzureStorageInfoValue: notEncoded("#/definitions/AzureStorageInfoValue"),
        },
    },

    // ------------------------------------------------------------------ managed identity, 2023-01-31
    [msi]: {
        source: { repo, path: "specification/msi/resource-manager/Microsoft.ManagedIdentity/stable/2023-01-31/ManagedIdentity.json", commit: "16c9ca7681ac3c81b41c6159d60e8bfabb32bc65", apiVersion: "2023-01-31" },
        resources: {
            // #/paths/.../userAssignedIdentities~1{resourceName}/put (UserAssignedIdentities_CreateOrUpdate)
            "azure-native:managedidentity:UserAssignedIdentity": {
                path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{resourceName}",
                parameters: [{ $ref: "#/parameters/ResourceGroupNameParameter" }, { $ref: "#/parameters/ResourceNameParameter" }],
                body: "#/definitions/Identity",
            },
            // #/paths/.../federatedIdentityCredentials~1{federatedIdentityCredentialResourceName}/put (FederatedIdentityCredentials_CreateOrUpdate)
            "azure-native:managedidentity:FederatedIdentityCredential": {
                path: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{resourceName}/federatedIdentityCredentials/{federatedIdentityCredentialResourceName}",
                parameters: [{ $ref: `${v4}#/parameters/ResourceGroupNameParameter` }, { $ref: "#/parameters/ResourceNameParameter" }, { $ref: "#/parameters/FederatedIdentityCredentialResourceNameParameter" }],
                body: "#/definitions/FederatedIdentityCredential",
            },
        },
        definitions: {
            // #/definitions/Identity: its properties are all read-only
            Identity: {
                properties: { properties: { $ref: "#/definitions/UserAssignedIdentityProperties", "x-ms-client-flatten": true, readOnly: true } },
                allOf: [{ $ref: `${v4}#/definitions/TrackedResource` }],
            },
            // #/definitions/UserAssignedIdentityProperties
            UserAssignedIdentityProperties: {
                type: "object",
                properties: {
                    tenantId: { type: "string", readOnly: true },
                    principalId: { type: "string", readOnly: true },
                    clientId: { type: "string", readOnly: true },
                },
            },
            // #/definitions/FederatedIdentityCredential
            FederatedIdentityCredential: {
                type: "object",
                properties: { properties: { $ref: "#/definitions/FederatedIdentityCredentialProperties", "x-ms-client-flatten": true } },
                allOf: [{ $ref: `${v4}#/definitions/ProxyResource` }],
            },
            // #/definitions/FederatedIdentityCredentialProperties
            FederatedIdentityCredentialProperties: {
                type: "object",
                required: ["issuer", "subject", "audiences"],
                properties: {
                    issuer: { type: "string" },
                    subject: { type: "string" },
                    audiences: { type: "array", items: { type: "string" } },
                },
            },
        },
        parameters: {
            // #/parameters/ResourceGroupNameParameter (this file's own, without constraints)
            ResourceGroupNameParameter: { name: "resourceGroupName", in: "path", required: true, type: "string" },
            // #/parameters/ResourceNameParameter
            ResourceNameParameter: { name: "resourceName", in: "path", required: true, type: "string" },
            // #/parameters/FederatedIdentityCredentialResourceNameParameter
            FederatedIdentityCredentialResourceNameParameter: { name: "federatedIdentityCredentialResourceName", in: "path", required: true, type: "string", pattern: "^[a-zA-Z0-9]{1}[a-zA-Z0-9-_]{2,119}$" },
        },
    },

    // ------------------------------------------------------------------ authorization
    [authzCommon0401]: {
        source: { repo, path: "specification/authorization/resource-manager/Microsoft.Authorization/stable/2022-04-01/common-types.json", commit: "8cfbb5f3f32f88e73d0e4735a7af45057777833a", apiVersion: "2022-04-01" },
        parameters: {
            // #/parameters/ScopeParameter
            ScopeParameter: { name: "scope", in: "path", required: true, type: "string" },
        },
    },
    "authorization-RoleAssignmentsCalls-2022-04-01.encoded": {
        source: { repo, path: "specification/authorization/resource-manager/Microsoft.Authorization/stable/2022-04-01/authorization-RoleAssignmentsCalls.json", commit: "007a51db374076edb902fd44eb8299eea6336335", apiVersion: "2022-04-01" },
        resources: {
            // #/paths/~1{scope}~1providers~1Microsoft.Authorization~1roleAssignments~1{roleAssignmentName}/put (RoleAssignments_Create)
            "azure-native:authorization:RoleAssignment": {
                path: "/{scope}/providers/Microsoft.Authorization/roleAssignments/{roleAssignmentName}",
                parameters: [{ $ref: `${authzCommon0401}#/parameters/ScopeParameter` }, { $ref: "#/parameters/RoleAssignmentNameParameter" }],
                body: "#/definitions/RoleAssignmentCreateParameters",
            },
        },
        definitions: {
            // #/definitions/RoleAssignmentCreateParameters
            RoleAssignmentCreateParameters: {
                type: "object",
                properties: { properties: { $ref: "#/definitions/RoleAssignmentProperties", "x-ms-client-flatten": true } },
                required: ["properties"],
            },
            // #/definitions/RoleAssignmentProperties
            RoleAssignmentProperties: {
                type: "object",
                required: ["roleDefinitionId", "principalId"],
                properties: {
                    scope: { type: "string", readOnly: true },
                    roleDefinitionId: { type: "string" },
                    principalId: { type: "string" },
                    principalType: { type: "string", enum: ["User", "Group", "ServicePrincipal", "ForeignGroup"] },
                    description: { type: "string" },
                    condition: { type: "string" },
                    conditionVersion: { type: "string" },
                    createdOn: { type: "string", readOnly: true },
                    updatedOn: { type: "string", readOnly: true },
                    createdBy: { type: "string", readOnly: true },
                    updatedBy: { type: "string", readOnly: true },
                    delegatedManagedIdentityResourceId: { type: "string" },
                },
            },
        },
        parameters: {
            // #/parameters/RoleAssignmentNameParameter
            RoleAssignmentNameParameter: { name: "roleAssignmentName", in: "path", required: true, type: "string" },
        },
    },
    [authzCommonPreview]: {
        source: { repo, path: "specification/authorization/resource-manager/Microsoft.Authorization/preview/2022-05-01-preview/common-types.json", commit: "2e94f576810c67c6fa16b44acc78e17e5674bdc9", apiVersion: "2022-05-01-preview" },
        definitions: {
            // #/definitions/Permission
            Permission: {
                type: "object",
                properties: {
                    actions: { type: "array", items: { type: "string" } },
                    notActions: { type: "array", items: { type: "string" } },
                    dataActions: { type: "array", items: { type: "string" } },
                    notDataActions: { type: "array", items: { type: "string" } },
                },
            },
        },
        parameters: {
            // #/parameters/ScopeParameter
            ScopeParameter: { name: "scope", in: "path", required: true, type: "string" },
        },
    },
    "authorization-RoleDefinitionsCalls-2022-05-01-preview.encoded": {
        source: { repo, path: "specification/authorization/resource-manager/Microsoft.Authorization/preview/2022-05-01-preview/authorization-RoleDefinitionsCalls.json", commit: "000a33a70abf0ba1090efdb5056217eac2d89d1b", apiVersion: "2022-05-01-preview" },
        resources: {
            // #/paths/~1{scope}~1providers~1Microsoft.Authorization~1roleDefinitions~1{roleDefinitionId}/put (RoleDefinitions_CreateOrUpdate)
            "azure-native:authorization:RoleDefinition": {
                path: "/{scope}/providers/Microsoft.Authorization/roleDefinitions/{roleDefinitionId}",
                parameters: [{ $ref: `${authzCommonPreview}#/parameters/ScopeParameter` }, { name: "roleDefinitionId", in: "path", required: true, type: "string" }],
                body: "#/definitions/RoleDefinition",
            },
        },
        definitions: {
            // #/definitions/RoleDefinition
            RoleDefinition: {
                type: "object",
                properties: {
                    id: { type: "string", readOnly: true },
                    name: { type: "string", readOnly: true },
                    type: { type: "string", readOnly: true },
                    properties: { $ref: "#/definitions/RoleDefinitionProperties", "x-ms-client-flatten": true },
                },
            },
            // #/definitions/RoleDefinitionProperties
            RoleDefinitionProperties: {
                type: "object",
                properties: {
                    roleName: { type: "string" },
                    description: { type: "string" },
                    type: { type: "string", "x-ms-client-name": "roleType" },
                    permissions: { type: "array", items: { $ref: `${authzCommonPreview}#/definitions/Permission` } },
                    assignableScopes: { type: "array", items: { type: "string" } },
                    createdOn: { type: "string", readOnly: true },
                    updatedOn: { type: "string", readOnly: true },
                    createdBy: { type: "string", readOnly: true },
                    updatedBy: { type: "string", readOnly: true },
                },
            },
        },
    },

    // ------------------------------------------------------------------ resources, 2024-03-01
    "resources-2024-03-01.encoded": {
        source: { repo, path: "specification/resources/resource-manager/Microsoft.Resources/resources/stable/2024-03-01/resources.json", commit: "cfc781db243d9f427e8979b6c35d8125d36a1e6e", apiVersion: "2024-03-01" },
        resources: {
            // #/paths/~1subscriptions~1{subscriptionId}~1resourcegroups~1{resourceGroupName}/put (ResourceGroups_CreateOrUpdate)
            "azure-native:resources:ResourceGroup": {
                path: "/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}",
                // .../put/parameters/0 (inline)
                parameters: [{ name: "resourceGroupName", in: "path", required: true, type: "string", pattern: "^[-\\w\\._\\(\\)]+$", minLength: 1, maxLength: 90 }],
                body: "#/definitions/ResourceGroup",
            },
        },
        definitions: {
            // #/definitions/ResourceGroup (location: no x-ms-mutability here; its description says it cannot be changed)
            ResourceGroup: {
                required: ["location"],
                properties: {
                    id: { type: "string", readOnly: true },
                    name: { type: "string", readOnly: true },
                    type: { type: "string", readOnly: true },
                    properties: { $ref: "#/definitions/ResourceGroupProperties" },
                    location: { type: "string" },
                    managedBy: { type: "string" },
                    tags: { type: "object", additionalProperties: { type: "string" } },
                },
            },
            // #/definitions/ResourceGroupProperties
            ResourceGroupProperties: { properties: { provisioningState: { type: "string", readOnly: true } } },
        },
    },
    "resources-deployments-2024-03-01.encoded": {
        source: { repo, path: "specification/resources/resource-manager/Microsoft.Resources/deployments/stable/2024-03-01/deployments.json", commit: "b2f7419737799f321a271e9327d0b18417eed538", apiVersion: "2024-03-01" },
        resources: {
            // #/paths/~1subscriptions~1{subscriptionId}~1resourcegroups~1{resourceGroupName}~1providers~1Microsoft.Resources~1deployments~1{deploymentName}/put (Deployments_CreateOrUpdate)
            "azure-native:resources:Deployment": {
                path: "/subscriptions/{subscriptionId}/resourcegroups/{resourceGroupName}/providers/Microsoft.Resources/deployments/{deploymentName}",
                // .../put/parameters/0 (inline), then #/parameters/DeploymentNameParameter
                parameters: [{ name: "resourceGroupName", in: "path", required: true, type: "string", pattern: "^[-\\w\\._\\(\\)]+$", minLength: 1, maxLength: 90 }, { $ref: "#/parameters/DeploymentNameParameter" }],
                body: "#/definitions/Deployment",
            },
        },
        definitions: {
            // #/definitions/Deployment
            Deployment: {
                required: ["properties"],
                properties: {
                    location: { type: "string" },
                    properties: { $ref: "#/definitions/DeploymentProperties" },
                    tags: { type: "object", additionalProperties: { type: "string" } },
                },
            },
            // #/definitions/DeploymentProperties
            DeploymentProperties: {
                required: ["mode"],
                properties: {
                    template: { type: "object" },
                    templateLink: { $ref: "#/definitions/TemplateLink" },
                    parameters: { type: "object", additionalProperties: { $ref: "#/definitions/DeploymentParameter" } },
                    parametersLink: { $ref: "#/definitions/ParametersLink" },
                    mode: { type: "string", enum: ["Incremental", "Complete"] },
                    debugSetting: { $ref: "#/definitions/DebugSetting" },
                    onErrorDeployment: { $ref: "#/definitions/OnErrorDeployment" },
                    expressionEvaluationOptions: { $ref: "#/definitions/ExpressionEvaluationOptions" },
                },
            },
            // #/definitions/TemplateLink
            TemplateLink: {
                properties: {
                    uri: { type: "string" },
                    id: { type: "string" },
                    relativePath: { type: "string" },
                    contentVersion: { type: "string" },
                    queryString: { type: "string" },
                },
            },
            // #/definitions/ParametersLink
            ParametersLink: { required: ["uri"], properties: { uri: { type: "string" }, contentVersion: { type: "string" } } },
            // #/definitions/DeploymentParameter (value: any JSON)
            DeploymentParameter: { type: "object", properties: { value: {}, reference: { $ref: "#/definitions/KeyVaultParameterReference" } } },
            // #/definitions/KeyVaultParameterReference
            KeyVaultParameterReference: {
                type: "object",
                required: ["keyVault", "secretName"],
                properties: { keyVault: { $ref: "#/definitions/KeyVaultReference" }, secretName: { type: "string" }, secretVersion: { type: "string" } },
            },
            // #/definitions/KeyVaultReference
            KeyVaultReference: { type: "object", required: ["id"], properties: { id: { type: "string" } } },
            // #/definitions/DebugSetting
            DebugSetting: { properties: { detailLevel: { type: "string" } } },
            // #/definitions/OnErrorDeployment
            OnErrorDeployment: { properties: { type: { type: "string", enum: ["LastSuccessful", "SpecificDeployment"] }, deploymentName: { type: "string" } } },
            // #/definitions/ExpressionEvaluationOptions
            ExpressionEvaluationOptions: { properties: { scope: { type: "string", enum: ["NotSpecified", "Outer", "Inner"] } } },
        },
        parameters: {
            // #/parameters/DeploymentNameParameter
            DeploymentNameParameter: { name: "deploymentName", in: "path", required: true, type: "string", pattern: "^[-\\w\\._\\(\\)]+$", minLength: 1, maxLength: 64 },
        },
    },
};
