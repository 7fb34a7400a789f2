// Every version the program pins, with its end of support and where that
// date is published: docs/versions.md shows them (a test keeps the two the
// same), and `npm run plan` warns about each one past its end of support.
// Each version is read from where it is pinned, never copied here.
//
// node -r esbuild-register tools/versions.ts --write   rewrites the table in docs/versions.md
import { printOrWrite, withSection } from "./generatedSection";
import { signInSecretLifetime, signInSecretValidDays } from "../model/signIn";
import * as fs from "fs";
import * as path from "path";
import { failoverNodeMajor, kafkaVersion, strimziChartVersion } from "../contract";
import { configKeys } from "../config/keys";
import { aksEndOfLife } from "../config/kubernetesVersions";
import { functionsExtensionVersion } from "../components/failoverFunction";
import { certManagerChartVersion, envoyGatewayChartVersion, gatewayApiVersion } from "../components/gateway";
import { humioOperatorChartVersion } from "../components/humioOperator";
import { projectRoot } from "./stackFiles";

export interface VersionEntry {
    component: string;
    version: string;
    /** ISO date (YYYY-MM-DD) after which the version is unsupported; undefined where none is published. */
    endOfSupport: string | undefined;
    /** Where the date (or its absence) is published. */
    source: string;
    /** Why this version. */
    why: string;
}

/** One line per pinned version past its end of support on `today` (an ISO date, or a Date taken in UTC). */
export function versionWarnings(entries: VersionEntry[], today: string | Date): string[] {
    const day = typeof today === "string" ? today : today.toISOString().slice(0, 10);
    return entries
        .filter((e) => e.endOfSupport !== undefined && e.endOfSupport < day)
        .map((e) => `${e.component} ${e.version} is past its end of support (${e.endOfSupport}; ${e.source})`);
}

// ---------------------------------------------------------------- published calendars

export { aksEndOfLife }; // the AKS calendar lives in config/, where kubernetesVersion is checked against it

/**
 * cert-manager: each minor is supported until the release of the minor two
 * after it (cert-manager.io/docs/releases, "Supported Releases"): 1.17 until
 * 1.19 (Oct 07, 2025), 1.18 until 1.20 (Mar 10, 2026), 1.19 until 1.21
 * (Jul 08, 2026); 1.20 and 1.21 end with releases not yet dated.
 */
export const certManagerEndOfLife: Record<string, string> = { "1.17": "2025-10-07", "1.18": "2026-03-10", "1.19": "2026-07-08" };

/**
 * Node.js majors: the community end of life (nodejs/Release schedule), which
 * Azure Functions follows (Microsoft Learn, "Language runtime support policy",
 * "Supported languages in Azure Functions": Node.js 20 until April 30, 2026,
 * Node.js 22 until April 30, 2027; Azure Updates, "Support for Node 22 LTS
 * ends on April 30, 2027").
 */
export const nodeEndOfLife: Record<string, string> = { "20": "2026-04-30", "22": "2027-04-30" };

/**
 * Azure Database for PostgreSQL flexible server, standard support end per
 * major: Microsoft Learn, "Azure Database for PostgreSQL version policy".
 */
export const postgresEndOfSupport: Record<string, string> = { "13": "2026-07-31", "14": "2026-12-11", "15": "2027-11-11", "16": "2028-11-09", "17": "2029-11-08" };

const minorOf = (v: string) => v.replace(/^v/, "").split(".").slice(0, 2).join(".");

// ---------------------------------------------------------------- where versions are pinned

const projectPackage = JSON.parse(fs.readFileSync(path.join(projectRoot, "package.json"), "utf8")) as { engines: { node: string }; dependencies: Record<string, string> };

/** The Azure REST API version azure-native's SDK deploys a type with (its declaration says "Uses Azure REST API version …"). */
export function azureApiVersion(type: string, sdkDir = path.dirname(require.resolve("@pulumi/azure-native/package.json"))): string {
    const [, module, resource] = type.split(":");
    const file = path.join(sdkDir, module, `${resource.charAt(0).toLowerCase()}${resource.slice(1)}.d.ts`);
    const version = /Uses Azure REST API version (\S+?)\./.exec(fs.readFileSync(file, "utf8"))?.[1];
    if (!version) throw new Error(`${file} names no Azure REST API version`);
    return version;
}

/** The Azure APIs this program's Azure resources are deployed through, by provider: the types of ../shared/schemas/azure/SOURCES.md. */
export const azureApis: Array<{ api: string; types: string[] }> = [
    { api: "Microsoft.ContainerService (AKS)", types: ["azure-native:containerservice:ManagedCluster", "azure-native:containerservice:AgentPool", "azure-native:containerservice:MaintenanceConfiguration"] },
    { api: "Microsoft.DBforPostgreSQL flexibleServers", types: ["azure-native:dbforpostgresql:Server"] },
    { api: "Microsoft.Cache redis", types: ["azure-native:redis:Redis", "azure-native:redis:LinkedServer"] },
    { api: "Microsoft.Network trafficmanagerprofiles", types: ["azure-native:trafficmanager:Profile", "azure-native:trafficmanager:Endpoint"] },
    { api: "Microsoft.KeyVault vaults", types: ["azure-native:keyvault:Vault"] },
    { api: "Microsoft.Storage storageAccounts", types: ["azure-native:storage:StorageAccount"] },
    { api: "Microsoft.Insights metricAlerts", types: ["azure-native:monitor:MetricAlert"] },
    { api: "Microsoft.Insights actionGroups", types: ["azure-native:monitor:ActionGroup"] },
];

const noDate = (where: string) => `no end-of-support date found (${where})`;

export function pinnedVersions(): VersionEntry[] {
    const kubernetes = configKeys.kubernetesVersion.default as string;
    const postgres = configKeys.postgresVersion.default as string;
    const nodeMinimum = /\d+/.exec(projectPackage.engines.node)?.[0] ?? projectPackage.engines.node;
    const npm = (name: string, why: string): VersionEntry => ({
        component: `npm ${name}`,
        version: projectPackage.dependencies[name],
        endOfSupport: undefined,
        source: noDate("Pulumi's releases and docs name none per SDK or provider release"),
        why,
    });
    const signIn = signInSecretLifetime();
    return [
        {
            component: "Entra ID sign-in client secrets (rotation day)",
            version: signIn.rotatedOn,
            endOfSupport: signIn.endDate.slice(0, 10),
            source: `model/signIn.ts: ${signInSecretValidDays} days after the rotation day, the secret's endDate`,
            why: 'Rotate before this date (docs/operations.md, "Entra ID sign-in"): after it, nobody signs in.',
        },
        {
            component: "AKS Kubernetes (kubernetesVersion default)",
            version: kubernetes,
            endOfSupport: aksEndOfLife[minorOf(kubernetes)],
            source: 'Microsoft Learn, "Supported Kubernetes versions in AKS", release calendar',
            why: "The default both stacks run; parity keeps the pair on one minor.",
        },
        {
            component: "cert-manager chart",
            version: certManagerChartVersion,
            endOfSupport: certManagerEndOfLife[minorOf(certManagerChartVersion)],
            source: 'cert-manager.io/docs/releases, "Supported Releases": supported until the release of 1.23, not yet dated',
            why: "Newest release; the vendor reference's v1.17 ended with 1.19.",
        },
        {
            component: "Envoy Gateway chart",
            version: envoyGatewayChartVersion,
            endOfSupport: "2027-02-14",
            source: "gateway.envoyproxy.io, Compatibility Matrix (v1.9: Kubernetes 1.33-1.36, Gateway API v1.6.1)",
            why: "Gateway API controller replacing ingress-nginx, retired in March 2026.",
        },
        {
            component: "Gateway API CRDs (standard channel)",
            version: gatewayApiVersion,
            endOfSupport: undefined,
            source: noDate("gateway-api.sigs.k8s.io, Versioning"),
            why: "The bundle Envoy Gateway v1.9 is built against.",
        },
        {
            component: "humio-operator chart",
            version: humioOperatorChartVersion,
            endOfSupport: undefined,
            source: noDate("humio/humio-operator releases"),
            why: "Newest release; the vendor reference's version.",
        },
        {
            component: "Strimzi operator chart",
            version: strimziChartVersion,
            endOfSupport: undefined,
            source: noDate("strimzi/governance RELEASES.md: a 1-2 month release cycle, no support window"),
            why: "The vendor reference's version; Strimzi 1.x supports Kafka 4.2+ only (kafka-versions.yaml), so Kafka moves first.",
        },
        {
            component: "Apache Kafka",
            version: kafkaVersion,
            endOfSupport: undefined,
            source: noDate("Apache Kafka's time-based release plan: bug-fix releases for the last three minors, no dates"),
            why: "The vendor reference's version; supported by Strimzi 0.47 (kafka-versions.yaml).",
        },
        {
            component: "Azure Functions Node.js (failover function)",
            version: String(failoverNodeMajor),
            endOfSupport: nodeEndOfLife[String(failoverNodeMajor)],
            source: 'Microsoft Learn, "Supported languages in Azure Functions"; nodejs/Release',
            why: "Node 20 left support on 2026-04-30; 22 is the Linux default (linuxFxVersion Node|22).",
        },
        {
            component: "Azure Functions host (FUNCTIONS_EXTENSION_VERSION)",
            version: functionsExtensionVersion,
            endOfSupport: undefined,
            source: noDate('Microsoft Learn, "Azure Functions runtime versions overview": 4.x is GA, only 1.x has an end date'),
            why: "The only host version that runs Node.js 22.",
        },
        {
            component: "Node.js for the program and builds (package.json engines)",
            version: projectPackage.engines.node,
            endOfSupport: nodeEndOfLife[nodeMinimum],
            source: "nodejs/Release schedule: Node.js 20 end of life 2026-04-30",
            why: "The oldest Node.js the program, the plan and the bundler accept.",
        },
        {
            component: "PostgreSQL (postgresVersion default)",
            version: postgres,
            endOfSupport: postgresEndOfSupport[postgres],
            source: 'Microsoft Learn, "Azure Database for PostgreSQL version policy"',
            why: "The default major; a read replica runs the same major as its source, so both regions move together.",
        },
        {
            component: "LogScale image (logscaleImage default)",
            version: String(configKeys.logscaleImage.default),
            endOfSupport: undefined,
            source: noDate("no LogScale release support calendar in the sources searched"),
            why: "The vendor reference's image.",
        },
        ...azureApis.map(
            ({ api, types }): VersionEntry => ({
                component: `Azure REST API ${api}`,
                version: azureApiVersion(types[0]),
                endOfSupport: undefined,
                source: noDate("Microsoft retires ARM API versions by announcement; none found for this one"),
                why: "What @pulumi/azure-native 3.28.0 deploys these types with (its SDK declarations).",
            }),
        ),
        npm("@pulumi/pulumi", "The SDK the program and the offline plan run on."),
        npm("@pulumi/azure-native", "Fixes the Azure REST API versions above."),
        npm("@pulumi/kubernetes", "Deploys the charts and Kubernetes objects."),
    ];
}

// ---------------------------------------------------------------- the docs table

const cell = (s: string) => s.replace(/\|/g, "\\|");

export function versionsTable(entries: VersionEntry[]): string {
    const rows = entries.map((e) => `| ${[e.component, `\`${e.version}\``, e.endOfSupport ?? "no date", e.source, e.why].map(cell).join(" | ")} |`);
    return ["| component | version | end of support | source | why |", "|---|---|---|---|---|", ...rows].join("\n");
}

export const versionsDoc = path.join(projectRoot, "docs/versions.md");

const versionsSection = { doc: versionsDoc, name: "docs/versions.md", start: "<!-- versions table: generated from tools/versions.ts -->", end: "<!-- end of versions table -->" };

/** `doc` with the text between the table markers replaced by `table`. */
export const withTable = (doc: string, table: string): string => withSection(versionsSection, doc, table);

if (require.main === module) printOrWrite(versionsSection, versionsTable(pinnedVersions()), process.argv);
