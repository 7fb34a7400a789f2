// How the offline plan is shown: a resource tree with a one-line summary per
// stack and the warnings repeated at the end, or the JSON document
// docs/design.md describes. Secrets only ever appear as "[secret]".
import { Parity } from "../contract";
import { ClusterSize, ClusterType } from "../config/keys";
import { compareParity, parityTable } from "../model/parity";
import { RecordedResource, redact, Rendering } from "./offline/engine";
import { StackPlan } from "./bringUp";
import { capacityText, stackCapacity, StackCapacity } from "./capacity";
import { PreflightReport } from "./preflight";
import { violationLine } from "./preflight/report";
import { stackFileName } from "./stackFiles";

export interface PlanDocument {
    project: string;
    stack: string;
    config: Record<string, unknown>;
    resources: Array<Omit<RecordedResource, "read" | "state">>;
    outputs: Record<string, unknown>;
}

export function planDocument(plan: StackPlan): PlanDocument {
    const { config, rendering } = plan;
    const shownConfig = Object.fromEntries(
        Object.entries(config.values)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, v]) => [k, config.secretKeys.includes(k) ? "[secret]" : v]),
    );
    return {
        project: rendering.project,
        stack: rendering.stack,
        config: shownConfig,
        resources: rendering.resources.map(({ read: _read, state: _state, ...r }) => redact(r) as Omit<RecordedResource, "read" | "state">),
        outputs: redact(rendering.outputs) as Record<string, unknown>,
    };
}

function configValue(plan: StackPlan, key: string): unknown {
    return plan.config.values[`${plan.rendering.project}:${key}`];
}

/** The facts of a resource worth reading in a tree, beside its type and name. */
function detail(r: RecordedResource): string {
    const i = r.inputs as Record<string, any>;
    const notes: string[] = [];
    switch (r.type) {
        case "azure-native:containerservice:AgentPool":
            notes.push(`${i.vmSize} ×${i.count} (${i.minCount}-${i.maxCount})`);
            if (i.powerState?.code === "Stopped") notes.push("stopped");
            break;
        case "azure-native:trafficmanager:Endpoint":
            notes.push(`priority ${i.priority}`, `target ${i.target}`);
            break;
        case "kubernetes:core.humio.com/v1alpha1:HumioCluster": {
            const spec = i.spec ?? {};
            const pools = (spec.nodePools ?? []).map((p: any) => `${p.name} ×${p.spec?.nodeCount}`);
            notes.push(`digest ×${spec.nodeCount}`, ...pools, `replication ${spec.targetReplicationFactor}`);
            break;
        }
        case "kubernetes:apps/v1:DeploymentPatch":
            if (i.spec?.replicas !== undefined) notes.push(`replicas ${i.spec.replicas}`);
            break;
        case "azure-native:monitor:MetricAlert": {
            const c = i.criteria?.allOf?.[0] ?? {};
            const endpoint = c.dimensions?.[0]?.values?.join(",");
            notes.push(`${c.metricName}[${endpoint}] ${c.timeAggregation} ${c.operator} ${c.threshold}, every ${i.evaluationFrequency} over ${i.windowSize}`);
            break;
        }
        case "azure-native:authorization:RoleAssignment":
            notes.push(`on …/${String(i.scope).split("/").slice(-2).join("/")}`);
            break;
        case "azure-native:dbforpostgresql:Server":
            notes.push(i.createMode === "Replica" ? `replica of ${String(i.sourceServerResourceId).split("/").pop()}` : "created here");
            if (i.replica?.promoteMode) notes.push(`promoted (${i.replica.promoteOption})`);
            break;
        case "azure-native:redis:Redis":
            notes.push(`${i.sku?.name} ${i.sku?.family}${i.sku?.capacity}`);
            break;
        case "azure-native:redis:LinkedServer":
            notes.push(`geo-secondary of ${i.name}`);
            break;
        case "kubernetes:helm.sh/v3:Release":
            notes.push(`${i.chart} ${i.version}`);
            break;
        case "kubernetes:core/v1:Service":
            if (i.spec?.selector) notes.push(`selector ${Object.entries(i.spec.selector).map(([k, v]) => `${k}=${v}`).join(",")}`);
            break;
    }
    if (r.read) notes.push("read");
    if (r.options.protect) notes.push("protected");
    if (r.options.ignoreChanges.length) notes.push(`ignoreChanges ${r.options.ignoreChanges.join(",")}`);
    return notes.length ? `  [${notes.join("; ")}]` : "";
}

export function resourceTree(rendering: Rendering): string {
    const children = new Map<string | null, RecordedResource[]>();
    for (const r of rendering.resources) {
        const list = children.get(r.parent) ?? [];
        list.push(r);
        children.set(r.parent, list);
    }
    const lines: string[] = [];
    const walk = (r: RecordedResource, prefix: string, last: boolean, root: boolean) => {
        lines.push(`${root ? "" : prefix + (last ? "└─ " : "├─ ")}${r.type}  ${r.name}${detail(r)}`);
        const kids = children.get(r.urn) ?? [];
        kids.forEach((k, n) => walk(k, root ? "" : prefix + (last ? "   " : "│  "), n === kids.length - 1, false));
    };
    const roots = children.get(null) ?? [];
    roots.forEach((r) => walk(r, "", true, true));
    return lines.join("\n");
}

/** Resources by package (azure-native, kubernetes, random, pulumi) and our components. */
export function countsByKind(rendering: Rendering): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of rendering.resources) {
        const kind = r.type.split(":")[0];
        counts[kind] = (counts[kind] ?? 0) + 1;
    }
    return counts;
}

export function summaryLine(plan: StackPlan): string {
    const counts = countsByKind(plan.rendering);
    const total = plan.rendering.resources.length;
    const kinds = Object.entries(counts)
        .sort(([, a], [, b]) => b - a)
        .map(([k, n]) => `${k} ${n}`)
        .join(", ");
    const dr = configValue(plan, "dr");
    const routing = configValue(plan, "drUseDedicatedRouting") === false ? "shared (app.kubernetes.io/name=humio)" : "dedicated pools";
    return `${plan.rendering.stack}: ${total} resources (${kinds}) · dr=${dr === "" ? '""' : dr} · routing ${routing}`;
}

/** How a stack's text plan is shown. */
export interface TextOptions {
    /** Every parity key (`--parity`), not only those that differ from the peer's. */
    parity: boolean;
}

/** This stack's parity beside its peer's: the keys that differ (every key with `full`), and how many are the same. */
export function parityText(plan: StackPlan, full: boolean): string {
    const own = plan.rendering.outputs.parity as Parity | undefined;
    if (!own) return "";
    const peer = plan.peer?.outputs.parity as Parity | undefined;
    if (!peer) return `\nParity: ${Object.keys(own).length} keys; no peer parity to compare with.`;
    const rows = compareParity(own, peer, (configValue(plan, "allowParityDrift") as string[] | undefined) ?? []);
    const differing = rows.filter((r) => r.status !== "same");
    const table = (shown: typeof rows) => `\n${parityTable(shown, plan.rendering.stack, plan.peer!.stack).replace(/^/gm, "  ")}`;
    if (full) return `\nParity with ${plan.peer!.stack} (${rows.length} keys, ${differing.length} differ):${table(rows)}`;
    const same = rows.length - differing.length;
    if (!differing.length) return `\nParity with ${plan.peer!.stack}: all ${rows.length} keys the same (--parity lists them).`;
    return `\nParity with ${plan.peer!.stack}: ${differing.length} of ${rows.length} keys differ, ${same} the same (--parity lists every key):${table(differing)}`;
}

/** A stack's capacity (model/capacity.ts, tools/capacity.ts): its `capacity` field, and the block under its plan. */
export function capacityOf(plan: StackPlan): StackCapacity {
    const type = configValue(plan, "logscaleClusterType") as ClusterType;
    const size = configValue(plan, "logscaleClusterSize") as ClusterSize;
    return stackCapacity(plan.rendering, String(plan.config.values["azure-native:location"]), type, size);
}

export function planText(plan: StackPlan, options: TextOptions = { parity: false }): string {
    const location = plan.config.values["azure-native:location"];
    const header = `== ${plan.rendering.stack} · ${location} · ${configValue(plan, "logscaleClusterType")}/${configValue(plan, "logscaleClusterSize")} ==`;
    const outputs = Object.entries(redact(plan.rendering.outputs) as Record<string, unknown>)
        .map(([k, v]) => `  ${k}: ${k === "parity" ? "(compared with the peer's below)" : typeof v === "string" ? v : JSON.stringify(v)}`)
        .join("\n");
    const diagnostics = plan.rendering.diagnostics.map((d) => `\n${d.severity}: ${d.message}`).join("");
    const notes = planNotes(plan).map((n) => `\nNote: ${n}`).join("");
    return `${header}\n${resourceTree(plan.rendering)}\nOutputs:\n${outputs}${parityText(plan, options.parity)}${diagnostics}${notes}\n${capacityText(capacityOf(plan))}\n${summaryLine(plan)}\n`;
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;

/** The preflight under a stack's plan: a summary line, one line per violation, then what could not be checked. */
export function preflightText(stack: string, report: PreflightReport): string {
    const c = report.checked;
    const n = report.violations.length;
    const found = n ? plural(n, "violation") : "no violations";
    const summary = `Preflight (${stack}): ${c.azureResources} Azure resources (${c.azureRestDefinitions} against REST definitions), ${c.kubernetesObjects} Kubernetes objects, ${c.helmReleases} Helm releases: ${found}`;
    return [summary, ...report.violations.map(violationLine), ...report.unchecked.map((u) => `preflight: not checked: ${u}`)].map((l) => `${l}\n`).join("");
}

/** The preflight in a stack's JSON document (its `preflight` field): each violation also as its printed line. */
export function preflightDocument(report: PreflightReport) {
    return { ...report, violations: report.violations.map((v) => ({ ...v, line: violationLine(v) })) };
}

/**
 * A stack's notes: the config secrets its file does not set, which the plan
 * renders with stand-ins, and a peer's config problems it was rendered
 * without (tools/stackProblems.ts). Under its plan, in the summary and in the
 * JSON document's warnings.
 */
function planNotes(plan: StackPlan): string[] {
    const keys = plan.config.placeholders;
    const standIns = keys.length ? [`${keys.join(", ")} not set in ${stackFileName(plan.rendering.stack)}; rendered with a stand-in secret.`] : [];
    return [...standIns, ...(plan.notes ?? [])];
}

/** Something a reader should not miss: repeated at the end of the text plan, and the JSON document's `warnings`. */
export interface PlanWarning {
    /** The stack it is about; null for the project as a whole (a pinned version). */
    stack: string | null;
    /** program: the program's own warnings and errors (pulumi.log); config: secrets rendered with a stand-in; versions: tools/versions.ts. */
    source: "program" | "config" | "versions";
    message: string;
}

/** A stack's warnings: the program's (its warnings and errors, not its info) and the stand-in secrets. */
export function stackWarnings(plan: StackPlan): PlanWarning[] {
    const stack = plan.rendering.stack;
    const program = plan.rendering.diagnostics.filter((d) => d.severity !== "info").map((d): PlanWarning => ({ stack, source: "program", message: `${d.severity}: ${d.message}` }));
    return [...program, ...planNotes(plan).map((n): PlanWarning => ({ stack, source: "config", message: `note: ${n}` }))];
}

/** The plan's warnings, last in the text output so a long plan does not push them out of sight; preflight findings are counted there too. */
export function warningSummary(warnings: PlanWarning[], reports: Array<{ stack: string; report: PreflightReport }>): string {
    const preflight = reports.filter((r) => r.report.violations.length).map((r) => `  ${r.stack}: preflight: ${plural(r.report.violations.length, "violation")}, listed under the stack; the plan exits 1`);
    const lines = [...warnings.map((w) => `  ${w.stack ? `${w.stack}: ` : ""}${w.message}`), ...preflight];
    return lines.length ? `\nWarnings (${lines.length}):\n${lines.join("\n")}\n` : "\nWarnings: none\n";
}

/** One stack's entry in the plan document's `stacks`. */
export function stackDocument(plan: StackPlan, report: PreflightReport) {
    return { ...planDocument(plan), preflight: preflightDocument(report), capacity: capacityOf(plan) };
}

/** What `npm run plan -- --json` prints and `--out` writes: the same shape for one stack or several. */
export interface PlanJson {
    stacks: Array<ReturnType<typeof stackDocument>>;
    warnings: PlanWarning[];
}
