// The Helm charts the program installs, by chart name and version, mapped to
// their upstream files in ../shared/schemas (see its SOURCES.md): the chart's
// values.yaml, its values.schema.json where it has one, and the CRDs it
// installs. Kubernetes objects of those CRDs are checked against them
// (kubernetes.ts), and each release's values against the chart (helmValues.ts).
import { sharedExists, sharedFiles, sharedText } from "./sharedSchemas";
import { RecordedResource } from "../offline/engine";

export interface ChartFiles {
    name: string;
    version: string;
    values?: string;
    valuesSchema?: string;
    crds: string[];
}

const inDir = (dir: string, match: RegExp) => sharedFiles(dir).filter((f) => match.test(f)).map((f) => `${dir}/${f}`);
const ifExists = (file: string) => (sharedExists(file) ? file : undefined);

/** Each chart's files at a version (the version as the chart publishes it). */
const layouts: Record<string, (version: string) => Omit<ChartFiles, "name" | "version"> | undefined> = {
    "cert-manager": (v) => (sharedExists(`cert-manager/${v}`) ? { values: `cert-manager/${v}/values.yaml`, valuesSchema: ifExists(`cert-manager/${v}/values.schema.json`), crds: inDir(`cert-manager/${v}`, /^(crd-|cert-manager\.io_).*\.yaml$/) } : undefined),
    "strimzi-kafka-operator": (v) => (sharedExists(`strimzi/${v}`) ? { values: `strimzi/${v}/values.yaml`, crds: inDir(`strimzi/${v}`, /-Crd-.*\.yaml$/) } : undefined),
    "humio-operator": (v) => (sharedExists(`humio-operator/values-${v}.yaml`) ? { values: `humio-operator/values-${v}.yaml`, crds: [ifExists(`humio-operator/humiocluster-crd-${v}.yaml`)].filter((f): f is string => !!f) } : undefined),
    "ingress-nginx": (v) => (sharedExists(`ingress-nginx/values-${v}.yaml`) ? { values: `ingress-nginx/values-${v}.yaml`, crds: [] } : undefined),
    // gateway-helm's CRDs are left to the two installs below (components/gateway.ts, crds.enabled=false).
    "gateway-helm": (v) => (sharedExists(`envoy-gateway/${v}/values.tmpl.yaml`) ? { values: `envoy-gateway/${v}/values.tmpl.yaml`, crds: [] } : undefined),
    // Envoy Gateway's own CRDs (its values file is not among the upstream copies).
    "gateway-crds-helm": (v) => (sharedExists(`envoy-gateway/${v}`) ? { crds: inDir(`envoy-gateway/${v}`, /^gateway\.envoyproxy\.io_.*\.yaml$/) } : undefined),
};

/** A release's chart name (an OCI or repository path ends in the name) and version. */
export function releaseChart(release: Pick<RecordedResource, "inputs">): { name: string; version: string } {
    const inputs = release.inputs as Record<string, unknown>;
    return { name: String(inputs.chart ?? "").split("/").pop() ?? "", version: String(inputs.version ?? "") };
}

/** The upstream files of a chart at a version; versions match with or without a leading "v". */
export function chartFiles(name: string, version: string): ChartFiles | undefined {
    const layout = layouts[name];
    if (!layout) return undefined;
    for (const v of [version, version.startsWith("v") ? version.slice(1) : `v${version}`]) {
        const files = layout(v);
        if (files) return { name, version: v, ...files };
    }
    return undefined;
}

/** Helm v3 Releases (a resource) and v4 Charts (a component whose objects Pulumi renders and applies). */
const chartTypes = ["kubernetes:helm.sh/v3:Release", "kubernetes:helm.sh/v4:Chart"];

/** The charts a rendering installs. */
export function releases(resources: readonly RecordedResource[]): RecordedResource[] {
    return resources.filter((r) => !r.read && chartTypes.includes(r.type));
}

/**
 * A Gateway API release bundle applied from its download URL (a
 * yaml/v2:ConfigFile of kubernetes-sigs/gateway-api's standard-install.yaml):
 * the standard-channel CRDs of that version.
 */
function gatewayApiBundle(r: RecordedResource): string[] {
    const version = /\/kubernetes-sigs\/gateway-api\/releases\/download\/(v[\d.]+)\/standard-install\.yaml$/.exec(String((r.inputs as any).file ?? ""))?.[1];
    return version ? inDir(`gateway-api/${version}`, /\.yaml$/) : [];
}

export interface CrdLocation {
    file: string;
    /** What installs it: a chart and version, or a release bundle. */
    installedBy: string;
}

const crdKeys = new Map<string, string | undefined>();

/** A CRD file's group and kind, from its head: one CRD per file, parsed in full only when an object needs it. */
function crdKey(file: string): string | undefined {
    if (!crdKeys.has(file)) {
        const head = sharedText(file).slice(0, 4000);
        const group = /^ {2}group: (\S+)$/m.exec(head)?.[1];
        const kind = /^ {2}names:\n(?: {4}[^\n]*\n)*? {4}kind: (\S+)$/m.exec(head)?.[1];
        crdKeys.set(file, group && kind ? `${group}/${kind}` : undefined);
    }
    return crdKeys.get(file);
}

/** The CRDs the rendering installs (its charts, and Gateway API bundles), by group/kind. */
export function installedCrds(resources: readonly RecordedResource[]): Map<string, CrdLocation> {
    const out = new Map<string, CrdLocation>();
    const add = (files: string[], installedBy: string) => {
        for (const file of files) {
            const key = crdKey(file);
            if (key) out.set(key, { file, installedBy });
        }
    };
    for (const release of releases(resources)) {
        const { name, version } = releaseChart(release);
        const chart = chartFiles(name, version);
        if (chart) add(chart.crds, `${chart.name} ${chart.version}`);
    }
    for (const bundle of resources.filter((r) => r.type === "kubernetes:yaml/v2:ConfigFile")) add(gatewayApiBundle(bundle), String((bundle.inputs as any).file));
    return out;
}
