// The standby's automatic failover: a Function App in this region evaluates
// the pair on a timer and when a metric alert on the primary's Traffic Manager
// endpoint calls it, and on a confirmed outage scales the humio-operator to 1
// and disables the primary endpoint (functions/failover). Present only while
// dr=standby; promotion removes all of it and nothing else.
import * as pulumi from "@pulumi/pulumi";
import * as applicationinsights from "@pulumi/azure-native/applicationinsights";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as monitor from "@pulumi/azure-native/monitor";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import * as storage from "@pulumi/azure-native/storage";
import * as web from "@pulumi/azure-native/web";
import * as rbac from "@pulumi/kubernetes/rbac/v1";
import { alertRuleName, failoverFunctions, failoverNodeMajor, failoverSettingNames as names, logscaleNamespace, operatorDeploymentName, witnessBlob, witnessContainer } from "../contract";
import { uniqueName } from "./naming";
import { storageFirewall } from "./storage";
import { customRole, roleGranter } from "./roles";
import { placement, PlacementArgs } from "./placement";
import { PackageBlob, packageBlobUrl } from "./packageBlob";

/** What a cold standby's function may do to agent pools: read and start them, nothing else. */
export const agentPoolStarterActions = ["Microsoft.ContainerService/managedClusters/agentPools/read", "Microsoft.ContainerService/managedClusters/agentPools/write"];

/** What the function may do to the watched endpoint: read its monitor status and disable it (Microsoft Learn, "Azure permissions for Networking"). */
export const endpointSwitchActions = ["Microsoft.Network/trafficManagerProfiles/externalEndpoints/read", "Microsoft.Network/trafficManagerProfiles/externalEndpoints/write"];

/** The endpoint the alert watches and the function disables: the active peer's. */
export interface WatchedEndpoint {
    profileId: pulumi.Input<string>;
    endpointName: string;
    /** The peer's own health URL, probed directly before failing over. */
    healthUrl: string;
}

/** How the function decides: fail over or only report, once this many failed direct probes in a row span this many seconds. */
export interface FailoverPolicy {
    mode: "automatic" | "manual";
    confirmationProbes: number;
    confirmationSeconds: number;
}

/** Who the alert's action group tells, beside calling the function. */
export interface FailoverNotification {
    emails: string[];
    /** An https URL posted the common alert schema; absent, none. */
    webhookUrl?: string;
}

export interface FailoverFunctionArgs extends PlacementArgs {
    subnetId: pulumi.Input<string>;
    /** The witness container in this region's storage account. */
    witness: { containerId: pulumi.Input<string>; blobEndpoint: pulumi.Input<string> };
    clusterId: pulumi.Input<string>;
    /** Started by the function before it scales the operator (a cold standby's stopped pools). */
    coldAgentPoolIds: pulumi.Input<string>[];
    /**
     * The operator's namespace as created on the cluster: the function's Role
     * and RoleBinding go there, with the Kubernetes provider the component is given.
     */
    operatorNamespace: pulumi.Input<string>;
    watched: WatchedEndpoint;
    policy: FailoverPolicy;
    /** The metric alert's evaluation frequency and window (ISO 8601). */
    alert: { frequency: string; window: string };
    notification: FailoverNotification;
    /** Who may upload the package through the host storage's firewall. */
    deployerIpRanges: string[];
    /**
     * The function's deployment package: its version and the folder `npm run build`
     * (functions/failover/bundle.ts) builds it into, relative to the project root.
     */
    package: { version: string; dir: string };
}

/** The Functions host version the app runs (FUNCTIONS_EXTENSION_VERSION): 4.x is the only one for Node.js (Microsoft Learn, "Azure Functions runtime versions overview"). */
export const functionsExtensionVersion = "~4";

/** The function's environment (functions/failover/src/settings.ts reads these names). */
export function failoverAppSettings(a: {
    namePrefix: string;
    policy: FailoverPolicy;
    clusterId: pulumi.Input<string>;
    witnessBlobUrl: pulumi.Input<string>;
    endpointId: pulumi.Input<string>;
    healthUrl: string;
    coldAgentPoolIds: pulumi.Input<string>[];
}): Record<string, pulumi.Input<string>> {
    return {
        [names.aksClusterId]: a.clusterId,
        [names.witnessBlobUrl]: a.witnessBlobUrl,
        [names.primaryHealthUrl]: a.healthUrl,
        [names.primaryEndpointId]: a.endpointId,
        [names.alertRuleName]: alertRuleName(a.namePrefix),
        [names.confirmationProbes]: String(a.policy.confirmationProbes),
        [names.confirmationSeconds]: String(a.policy.confirmationSeconds),
        [names.mode]: a.policy.mode,
        [names.operatorNamespace]: logscaleNamespace,
        [names.operatorDeployment]: operatorDeploymentName,
        [names.coldAgentPoolIds]: pulumi.all(a.coldAgentPoolIds).apply((ids) => ids.join(",")),
    };
}

/** The component's type: resources under it live and die with the standby's failover path. */
export const failoverFunctionType = "logscale-dr:failover:FailoverFunction";

export class FailoverFunction extends pulumi.ComponentResource {
    readonly appName: pulumi.Output<string>;
    readonly alertName: pulumi.Output<string>;

    constructor(name: string, args: FailoverFunctionArgs, opts?: pulumi.ComponentResourceOptions) {
        super(failoverFunctionType, name, {}, opts);
        const child = { parent: this };
        const common = placement(args);
        const prefix = args.namePrefix;

        const identity = new managedidentity.UserAssignedIdentity(`${name}-identity`, { ...common, resourceName: `${prefix}-failover` }, child);
        const grant = roleGranter(name, identity.principalId, this);

        const logs = new operationalinsights.Workspace(
            `${name}-logs`,
            { ...common, workspaceName: `${prefix}-failover-logs`, sku: { name: "PerGB2018" }, retentionInDays: 30 },
            child,
        );
        const insights = new applicationinsights.Component(
            `${name}-insights`,
            { ...common, resourceName: `${prefix}-failover`, kind: "web", applicationType: "web", workspaceResourceId: logs.id },
            child,
        );

        // The host's own storage: identity-only access, reachable from the function's subnet and from whoever uploads the package.
        const host = new storage.StorageAccount(
            `${name}-host`,
            {
                ...common,
                accountName: uniqueName(name, prefix, "fn", child),
                kind: "StorageV2",
                sku: { name: "Standard_LRS" },
                enableHttpsTrafficOnly: true,
                minimumTlsVersion: "TLS1_2",
                allowBlobPublicAccess: false,
                allowSharedKeyAccess: false,
                networkRuleSet: storageFirewall([args.subnetId], args.deployerIpRanges),
            },
            child,
        );
        const hostAccess = grant("host-storage", host.id, "storageBlobDataOwner");
        const packages = new storage.BlobContainer(`${name}-packages`, { resourceGroupName: args.resourceGroupName, accountName: host.name, containerName: "packages", publicAccess: "None" }, child);
        // With shared keys off, the package reaches the app by identity both ways (Microsoft Learn, "Storage considerations for
        // Azure Functions", "Create an app without Azure Files"): the deploying principal uploads it to this private container with
        // its own Entra ID token, and the app fetches it with its user-assigned identity (WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID),
        // which holds Storage Blob Data Owner on the account (hostAccess). The deployer's data role is granted outside the program:
        // azure-native's RoleAssignment sends principalType "User" when none is given, ARM refuses a type that does not match
        // (UnmatchedPrincipalType), and getClientConfig does not tell a user from a service principal.
        const blobName = `failover-${args.package.version}.zip`;
        const pkg = new PackageBlob(
            `${name}-package`,
            { blobEndpoint: host.primaryEndpoints.blob, containerName: packages.name, blobName, packageDir: args.package.dir },
            child,
        );
        const pkgUrl = pulumi.all([host.primaryEndpoints.blob, packages.name]).apply(([blobEndpoint, containerName]) => packageBlobUrl({ blobEndpoint, containerName, blobName }));

        const witnessAccess = grant("witness", args.witness.containerId, "storageBlobDataContributor");
        const endpointId = pulumi.interpolate`${args.watched.profileId}/externalEndpoints/${args.watched.endpointName}`;
        const endpointSwitch = customRole(
            `${name}-endpoint-switch`,
            { roleName: `${prefix} LogScale DR endpoint switch`, description: "Read and disable the watched primary Traffic Manager endpoint of a LogScale DR pair", actions: endpointSwitchActions, resourceId: endpointId },
            this,
        );
        const endpointAccess = grant("endpoint-switch", endpointId, endpointSwitch.id);
        // listClusterUserCredential only; what it may do inside the cluster is the Role below.
        const clusterUser = grant("aks-user", args.clusterId, "aksClusterUser");
        const grants: pulumi.Resource[] = [hostAccess, witnessAccess, endpointAccess, clusterUser, ...this.operatorScaler(name, args.operatorNamespace, identity.principalId)];
        if (args.coldAgentPoolIds.length) {
            const starter = customRole(
                `${name}-pool-starter`,
                { roleName: `${prefix} LogScale DR agent pool starter`, description: "Start the stopped agent pools of a cold LogScale standby", actions: agentPoolStarterActions, resourceId: args.clusterId },
                this,
            );
            grants.push(grant("pool-starter", args.clusterId, starter.id));
        }

        const plan = new web.AppServicePlan(
            `${name}-plan`,
            // Elastic Premium: VNet integration (the witness sits behind a firewall) and always-warm instances, so a failover starts at once.
            { ...common, name: `${prefix}-failover-plan`, kind: "elastic", reserved: true, sku: { name: "EP1", tier: "ElasticPremium" }, maximumElasticWorkerCount: 1 },
            child,
        );
        const witnessBlobUrl = pulumi.interpolate`${args.witness.blobEndpoint}${witnessContainer}/${witnessBlob}`;
        const appSettings = {
            FUNCTIONS_EXTENSION_VERSION: functionsExtensionVersion,
            FUNCTIONS_WORKER_RUNTIME: "node",
            AzureWebJobsStorage__accountName: host.name,
            AzureWebJobsStorage__credential: "managedidentity",
            AzureWebJobsStorage__clientId: identity.clientId,
            WEBSITE_RUN_FROM_PACKAGE: pkgUrl,
            WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID: identity.id,
            APPLICATIONINSIGHTS_CONNECTION_STRING: insights.connectionString,
            AZURE_CLIENT_ID: identity.clientId,
            ...failoverAppSettings({ namePrefix: prefix, policy: args.policy, clusterId: args.clusterId, witnessBlobUrl, endpointId, healthUrl: args.watched.healthUrl, coldAgentPoolIds: args.coldAgentPoolIds }),
        };
        const app = new web.WebApp(
            `${name}-app`,
            {
                ...common,
                name: `${prefix}-failover`,
                kind: "functionapp,linux",
                reserved: true,
                serverFarmId: plan.id,
                httpsOnly: true,
                identity: { type: "UserAssigned", userAssignedIdentities: [identity.id] },
                keyVaultReferenceIdentity: identity.id,
                virtualNetworkSubnetId: args.subnetId,
                siteConfig: {
                    linuxFxVersion: `Node|${failoverNodeMajor}`,
                    minTlsVersion: "1.2",
                    ftpsState: "Disabled",
                    http20Enabled: true,
                    vnetRouteAllEnabled: true,
                    preWarmedInstanceCount: 1,
                    // Only Azure Monitor's action groups reach the trigger (Microsoft Learn, "App Service access restrictions":
                    // service tags are allowed in rules; "Virtual network service tags": ActionGroup, inbound). The timer needs no inbound
                    // path. The SCM site keeps its own rules.
                    ipSecurityRestrictions: [{ name: "azure-monitor-action-groups", tag: "ServiceTag", ipAddress: "ActionGroup", action: "Allow", priority: 100 }],
                    ipSecurityRestrictionsDefaultAction: "Deny",
                    scmIpSecurityRestrictionsUseMain: false,
                    appSettings: Object.entries(appSettings).map(([n, value]) => ({ name: n, value })),
                },
            },
            { ...child, dependsOn: [...grants, pkg] },
        );

        // The action group stores the trigger's URL with its function key (Microsoft Learn, "Action groups": …/api/httptrigger?code=<access_key>).
        // A changed key needs the action re-created: the next pulumi up reads the key again and rewrites the receiver.
        const alertKeys = web.listWebAppFunctionKeysOutput({ resourceGroupName: args.resourceGroupName, name: app.name, functionName: failoverFunctions.alert }, child);
        const triggerUrl = pulumi.secret(pulumi.interpolate`https://${app.defaultHostName}/api/${failoverFunctions.alert}?code=${alertKeys.properties.default}`);
        // The function evaluates; people are told.
        const actions = new monitor.ActionGroup(
            `${name}-actions`,
            {
                resourceGroupName: args.resourceGroupName,
                actionGroupName: `${prefix}-failover`,
                groupShortName: "lsdrfailovr",
                location: "Global",
                enabled: true,
                azureFunctionReceivers: [
                    {
                        name: "failover-function",
                        functionAppResourceId: app.id,
                        functionName: failoverFunctions.alert,
                        httpTriggerUrl: triggerUrl,
                        useCommonAlertSchema: true,
                    },
                ],
                emailReceivers: args.notification.emails.map((emailAddress, i) => ({ name: `email-${i + 1}`, emailAddress, useCommonAlertSchema: true })),
                webhookReceivers: args.notification.webhookUrl ? [{ name: "webhook", serviceUri: args.notification.webhookUrl, useCommonAlertSchema: true }] : [],
                tags: args.tags,
            },
            child,
        );
        const alert = new monitor.MetricAlert(
            `${name}-alert`,
            {
                resourceGroupName: args.resourceGroupName,
                ruleName: alertRuleName(prefix),
                description: `The primary Traffic Manager endpoint ${args.watched.endpointName} is down: the failover function evaluates at once, and people are told.`,
                location: "global",
                severity: 1,
                enabled: true,
                scopes: [args.watched.profileId],
                evaluationFrequency: args.alert.frequency,
                windowSize: args.alert.window,
                // The people told of the outage are told when it ends.
                autoMitigate: true,
                criteria: {
                    odataType: "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria",
                    allOf: [
                        {
                            criterionType: "StaticThresholdCriterion",
                            name: "primary-endpoint-down",
                            metricNamespace: "Microsoft.Network/trafficManagerProfiles",
                            metricName: "ProbeAgentCurrentEndpointStateByProfileResourceId",
                            dimensions: [{ name: "EndpointName", operator: "Include", values: [args.watched.endpointName] }],
                            operator: "LessThan",
                            threshold: 1,
                            timeAggregation: "Maximum",
                        },
                    ],
                },
                actions: [{ actionGroupId: actions.id }],
                tags: args.tags,
            },
            child,
        );

        this.appName = app.name;
        this.alertName = alert.name;
        this.registerOutputs({ appName: this.appName, alertName: this.alertName });
    }

    /**
     * Kubernetes RBAC for the identity: get and patch the humio-operator
     * Deployment, nothing else (no Secrets). With Azure RBAC for Kubernetes,
     * Kubernetes RBAC still authorizes Entra identities (Microsoft Learn, AKS
     * "Access and identity concepts"); a managed identity is bound as a User
     * by its object ID (Azure/kubelogin, docs/book/src/topics/sp.md).
     */
    private operatorScaler(name: string, namespace: pulumi.Input<string>, principalId: pulumi.Input<string>): pulumi.Resource[] {
        const metadata = { name: "logscale-dr-failover-function", namespace };
        const role = new rbac.Role(
            `${name}-operator-scaler`,
            { metadata, rules: [{ apiGroups: ["apps"], resources: ["deployments"], resourceNames: [operatorDeploymentName], verbs: ["get", "patch"] }] },
            { parent: this },
        );
        const binding = new rbac.RoleBinding(
            `${name}-operator-scaler`,
            {
                metadata,
                roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: role.metadata.name },
                subjects: [{ kind: "User", name: principalId, apiGroup: "rbac.authorization.k8s.io" }],
            },
            { parent: this },
        );
        return [role, binding];
    }
}
