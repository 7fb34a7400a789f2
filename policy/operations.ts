// Operations (advisory): tags that make both regions auditable as one pair,
// a budget for how long an automatic failover may take, and people told of it.
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { configOf, types } from "./facts";

/** azure-native resources that cannot carry tags (sub-resources and authorization objects). */
export const untaggableTypes = new Set([
    "azure-native:network:Subnet",
    "azure-native:storage:BlobContainer",
    "azure-native:storage:Blob",
    "azure-native:authorization:RoleAssignment",
    "azure-native:authorization:RoleDefinition",
    "azure-native:containerservice:MaintenanceConfiguration",
    "azure-native:trafficmanager:Endpoint",
    "azure-native:dns:RecordSet",
    "azure-native:dbforpostgresql:Configuration",
    "azure-native:dbforpostgresql:Database",
    "azure-native:dbforpostgresql:FirewallRule",
    "azure-native:dbforpostgresql:AdministratorsMicrosoftEntra",
    "azure-native:redis:LinkedServer",
    "azure-native:network:PrivateDnsZoneGroup",
    "azure-native:managedidentity:FederatedIdentityCredential",
    "azure-native:authorization:ManagementLockByScope",
    "azure-native:authorization:ManagementLockAtResourceGroupLevel",
    "azure-native:authorization:ManagementLockAtResourceLevel",
    "azure-native:authorization:ManagementLockAtSubscriptionLevel",
    "azure-native:storage:BlobServiceProperties",
    "azure-native:storage:ManagementPolicy",
    "azure-native:monitor:DiagnosticSetting",
]);

const requiredTagsDefault = ["app", "environment", "drStack", "drPair", "managedBy"];

export const requiredTags: ResourceValidationPolicy = {
    name: "required-tags",
    description: "Every taggable Azure resource carries app, environment, drStack, drPair and managedBy, so cost, audits and both regions of the pair can be read as one.",
    enforcementLevel: "advisory",
    configSchema: { properties: { tags: { type: "array", items: { type: "string" }, default: requiredTagsDefault, description: "Tag keys every taggable resource must have." } } },
    validateResource: (args, report) => {
        if (!args.type.startsWith("azure-native:") || untaggableTypes.has(args.type)) args.notApplicable("not a taggable Azure resource");
        const { tags } = configOf(args, { tags: requiredTagsDefault });
        const missing = tags.filter((t) => !args.props.tags?.[t]);
        if (missing.length) report(`missing tags: ${missing.join(", ")}.`);
    },
};

/** Stages of the failoverTimeline output that follow the total rather than add to it (a cold standby's pools start beside LogScale's recovery). */
const outsideTotal = ["totalSeconds", "agentPoolStartSeconds"];

export const failoverTimelineBudget: StackValidationPolicy = {
    name: "failover-timeline-budget",
    description:
        "The worst case from the primary failing to the standby's operator scaling (the failoverTimeline stack output) stays within a budget, so probe and confirmation settings cannot quietly add up to a long outage.",
    enforcementLevel: "advisory",
    configSchema: { properties: { maxSeconds: { type: "integer", default: 240, description: "Longest acceptable worst case, in seconds (the automatic-failover target)." } } },
    validateStack: (args, report) => {
        const timeline = args.resources.find((r) => r.type === types.stack)?.props.failoverTimeline;
        if (!timeline) args.notApplicable("no failoverTimeline: not a standby");
        const { maxSeconds } = configOf(args, { maxSeconds: 240 });
        if (timeline.totalSeconds > maxSeconds) {
            const stages = Object.entries(timeline).filter(([k]) => !outsideTotal.includes(k)).map(([k, v]) => `${k} ${v}`).join(", ");
            report(`the failover takes up to ${timeline.totalSeconds} s (${stages}); the budget is ${maxSeconds} s.`);
        }
    },
};

export const failoverNotifiesPeople: ResourceValidationPolicy = {
    name: "failover-notifies-people",
    description: "The failover alert's action group tells people (an e-mail or webhook receiver) as well as calling the function, so an outage and a failover never pass unnoticed.",
    enforcementLevel: "advisory",
    validateResource: (args, report) => {
        if (args.type !== types.actionGroup || !args.props.azureFunctionReceivers) args.notApplicable("not the failover alert's action group");
        if (!args.props.emailReceivers?.length && !args.props.webhookReceivers?.length) report("nobody is told when the failover alert fires: set failoverNotificationEmails or failoverNotificationWebhook on the standby.");
    },
};

export const operations = [requiredTags, failoverTimelineBudget, failoverNotifiesPeople];
