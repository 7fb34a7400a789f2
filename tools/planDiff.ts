// What a config flip would do: two renderings compared resource by resource,
// with the changed property paths, flags for what holds data or carries
// traffic, the values before and after, and the consequences people must plan
// for. Secret values are compared but never shown: they print as "[secret]".
import { failoverFunctionType } from "../components/failoverFunction";
import { RecordedResource, redact, Rendering, Secret } from "./offline/engine";
import { createOnlyPaths, replacingPaths } from "./replaceRules";
import { isDataBearing, trafficBearingTypes } from "./resourceFacts";

export type ChangeKind = "create" | "delete" | "update" | "replace";

/** A changed path with its value on each side; a side without the path has no key. Secrets as "[secret]". */
export interface ValueChange {
    path: string;
    old?: unknown;
    new?: unknown;
}

export interface ResourceChange {
    kind: ChangeKind;
    urn: string;
    type: string;
    name: string;
    /** Changed input and option paths (updates and replaces). */
    paths: string[];
    /** The same paths with their values before and after, secrets redacted. */
    values: ValueChange[];
    /** Input paths whose change makes the provider replace the resource (tools/replaceRules.ts). */
    replaceBecause: string[];
    dataBearing: boolean;
    trafficBearing: boolean;
    protect: boolean;
}

export interface PlanDiff {
    stack: string;
    changes: ResourceChange[];
    /** What people must plan for, in plain words. */
    consequences: string[];
}

const postgresServer = "azure-native:dbforpostgresql:Server";
const redisLink = "azure-native:redis:LinkedServer";

/** A path where two values differ, with both values as found (secrets still Secret objects). */
interface Difference {
    path: string;
    before: unknown;
    after: unknown;
}

/** Where two values differ. Arrays of named objects are keyed by name, so paths stay readable. */
function differences(before: unknown, after: unknown, prefix = ""): Difference[] {
    const here = (path: string): Difference[] => [{ path, before, after }];
    if (before instanceof Secret || after instanceof Secret) {
        const [b, a] = [before instanceof Secret ? before.value : before, after instanceof Secret ? after.value : after];
        return JSON.stringify(b) === JSON.stringify(a) ? [] : here(prefix || "(value)");
    }
    if (Array.isArray(before) && Array.isArray(after)) {
        const named = (xs: unknown[]) => xs.every((x) => x && typeof x === "object" && typeof (x as { name?: unknown }).name === "string");
        if (named(before) && named(after)) {
            const key = (x: unknown) => (x as { name: string }).name;
            const names = [...new Set([...before.map(key), ...after.map(key)])];
            return names.flatMap((n) => differences(before.find((x) => key(x) === n), after.find((x) => key(x) === n), `${prefix}[${n}]`));
        }
        if (before.length !== after.length) return here(prefix);
        return before.flatMap((b, i) => differences(b, after[i], `${prefix}[${i}]`));
    }
    const isObject = (x: unknown) => x !== null && typeof x === "object" && !Array.isArray(x);
    if (isObject(before) && isObject(after)) {
        const b = before as Record<string, unknown>;
        const a = after as Record<string, unknown>;
        return [...new Set([...Object.keys(b), ...Object.keys(a)])].sort().flatMap((k) => differences(b[k], a[k], prefix ? `${prefix}.${k}` : k));
    }
    return JSON.stringify(before) === JSON.stringify(after) ? [] : here(prefix);
}

/** Paths where two values differ. Arrays of named objects are keyed by name, so paths stay readable. */
export function changedPaths(before: unknown, after: unknown, prefix = ""): string[] {
    return differences(before, after, prefix).map((d) => d.path);
}

/** A difference as printed: both values redacted, an absent side left out. */
function valueChange(d: Difference): ValueChange {
    const change: ValueChange = { path: d.path };
    if (d.before !== undefined) change.old = redact(d.before);
    if (d.after !== undefined) change.new = redact(d.after);
    return change;
}

function change(kind: ChangeKind, r: RecordedResource, changed: Difference[] = [], replaceBecause: string[] = []): ResourceChange {
    return {
        kind,
        urn: r.urn,
        type: r.type,
        name: r.name,
        paths: changed.map((d) => d.path),
        values: changed.map(valueChange),
        replaceBecause,
        dataBearing: isDataBearing(r),
        trafficBearing: trafficBearingTypes.has(r.type),
        protect: r.options.protect,
    };
}

/** Named consequences of a set of changes: the restarts, joins and routing moves a flip sets off. */
export function consequences(changes: ResourceChange[]): string[] {
    const out: string[] = [];
    const has = (kind: ChangeKind, pred: (c: ResourceChange) => boolean) => changes.filter((c) => c.kind === kind && pred(c));
    for (const c of changes.filter((c) => c.dataBearing && (c.kind === "delete" || c.kind === "replace"))) {
        out.push(`DATA: ${c.type} ${c.name} would be ${c.kind === "delete" ? "deleted" : "replaced"}${c.protect ? "; it is protected, so pulumi up stops here" : ", and it is not protected"}.`);
    }
    for (const c of has("update", (c) => c.type === "kubernetes:core.humio.com/v1alpha1:HumioCluster")) {
        const env = c.paths.filter((p) => /EnvironmentVariables|environmentVariables/.test(p));
        if (env.length) out.push(`HumioCluster environment changes (${env.map((p) => p.replace(/^.*\[(.+?)\].*$/, "$1")).filter((v, i, a) => a.indexOf(v) === i).join(", ")}): the operator will restart LogScale pods.`);
        if (c.paths.some((p) => /nodeCount/.test(p))) out.push("HumioCluster node counts change: the operator adds or removes LogScale pods.");
        if (c.paths.includes("spec.targetReplicationFactor")) out.push("The replication factor changes: LogScale re-replicates segments and partitions.");
    }
    for (const c of has("create", (c) => c.type === "azure-native:containerservice:AgentPool")) out.push(`New AKS node pool ${c.name}: its nodes take minutes to become Ready; pods for it stay Pending until then.`);
    for (const c of has("delete", (c) => c.type === "azure-native:containerservice:AgentPool")) out.push(`AKS node pool ${c.name} is deleted: its pods are evicted.`);
    for (const c of has("update", (c) => c.type === "azure-native:containerservice:AgentPool" && c.paths.some((p) => /count|Count/.test(p)))) {
        out.push(`AKS node pool ${c.name} is resized.`);
    }
    for (const c of has("update", (c) => c.type === "kubernetes:core/v1:Service" && c.paths.some((p) => p.startsWith("spec.selector")))) {
        out.push(`Routing changes: service ${c.name} selects different LogScale pods; make sure those pods are Ready first.`);
    }
    if (has("delete", (c) => c.type === "kubernetes:apps/v1:DeploymentPatch" && /standby-gate$/.test(c.name)).length) {
        out.push("The standby gate goes: humio-operator runs (1 replica) and LogScale starts, recovering from the peer's snapshot unless it has its own.");
    }
    if (has("create", (c) => c.type === "kubernetes:apps/v1:DeploymentPatch" && /standby-gate$/.test(c.name)).length) {
        out.push("The standby gate returns: humio-operator goes to 0 replicas and LogScale stops in this region.");
    }
    for (const c of has("update", (c) => c.type === postgresServer && c.paths.some((p) => p === "replica" || p.startsWith("replica.promote")))) {
        out.push(
            `PostgreSQL server ${c.name} is promoted (postgresPromoteOption): it stops replicating and becomes read-write under its own name; applications must connect to this region's server, and geo-redundant backup does not carry over.`,
        );
    }
    for (const c of has("replace", (c) => c.type === postgresServer)) {
        out.push(`PostgreSQL server ${c.name} is replaced by a fresh read replica of the peer's (re-protection): the current server and its data are deleted once the replica exists.`);
    }
    if (has("delete", (c) => c.type === redisLink).length) out.push("The Redis geo-replication link goes: this region's cache stops replicating and becomes read-write, keeping its data.");
    if (has("create", (c) => c.type === redisLink).length) out.push("A Redis geo-replication link arrives: this region's cache is wiped and becomes a read-only replica of the peer's.");
    if (has("delete", (c) => c.type === failoverFunctionType).length) out.push("The failover function and its alert go: this region no longer watches its peer.");
    if (has("create", (c) => c.type === failoverFunctionType).length) out.push("The failover function and its alert arrive: this region will fail over automatically if its peer goes down.");
    for (const c of changes.filter((c) => c.trafficBearing && c.kind !== "update" && c.type.startsWith("azure-native:trafficmanager"))) {
        out.push(`TRAFFIC: Traffic Manager ${c.type.split(":").pop()} ${c.name} would be ${c.kind === "create" ? "created" : c.kind === "delete" ? "deleted" : "replaced"}.`);
    }
    return out;
}

export function diffRenderings(before: Rendering, after: Rendering): PlanDiff {
    const was = new Map(before.resources.filter((r) => !r.read).map((r) => [r.urn, r]));
    const now = new Map(after.resources.filter((r) => !r.read).map((r) => [r.urn, r]));
    const changes: ResourceChange[] = [];
    for (const [urn, r] of now) {
        const old = was.get(urn);
        if (!old) {
            changes.push(change("create", r));
            continue;
        }
        const changed = [
            ...differences(old.inputs, r.inputs),
            ...differences(
                { protect: old.options.protect, ignoreChanges: old.options.ignoreChanges, retainOnDelete: old.options.retainOnDelete },
                { protect: r.options.protect, ignoreChanges: r.options.ignoreChanges, retainOnDelete: r.options.retainOnDelete },
                "options",
            ),
        ];
        if (!changed.length) continue;
        const ignored = r.options.ignoreChanges;
        const effective = changed.filter(({ path: p }) => !ignored.some((i) => p === i || p.startsWith(`${i}.`) || p.startsWith(`${i}[`)));
        if (!effective.length) continue;
        const replaceBecause = replacingPaths(createOnlyPaths(r.type), effective.map((d) => d.path));
        changes.push(change(replaceBecause.length ? "replace" : "update", r, effective, replaceBecause));
    }
    for (const [urn, r] of was) if (!now.has(urn)) changes.push(change("delete", r));
    return { stack: after.stack, changes, consequences: consequences(changes) };
}

/** A side of a change that prints as a value: a scalar, a secret ("[secret]" once redacted) or nothing. */
const isScalar = (x: unknown) => x === null || typeof x !== "object";

/** One side in a text diff: scalars as JSON, a secret as [secret], lists and objects elided, an absent side by name. */
function shown(v: ValueChange, side: "old" | "new"): string {
    if (!(side in v)) return "(absent)";
    const x = v[side];
    if (x === "[secret]") return "[secret]";
    return isScalar(x) ? JSON.stringify(x) : Array.isArray(x) ? "[…]" : "{…}";
}

/** `path: old → new`; the path alone where neither side is a scalar (`[…] → […]` would say nothing more). */
export function valueLine(v: ValueChange): string {
    if (!isScalar(v.old) && !isScalar(v.new)) return v.path;
    return `${v.path}: ${shown(v, "old")} → ${shown(v, "new")}`;
}

const symbol: Record<ChangeKind, string> = { create: "+", delete: "-", update: "~", replace: "+-" };

export function diffText(d: PlanDiff, color: boolean): string {
    const red = (s: string) => (color ? `\x1b[31m${s}\x1b[0m` : s);
    const lines = [`== ${d.stack}: ${d.changes.length} changes ==`];
    const order: ChangeKind[] = ["replace", "delete", "create", "update"];
    for (const c of [...d.changes].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))) {
        const flags = [c.dataBearing ? "DATA" : "", c.trafficBearing ? "TRAFFIC" : ""].filter(Boolean);
        const head = `${symbol[c.kind].padEnd(2)} ${c.type}  ${c.name}${flags.length ? `  [${flags.join(", ")}]` : ""}`;
        lines.push(flags.length ? red(head) : head);
        if (c.replaceBecause.length) lines.push(red(`     replaced because ${c.replaceBecause.join(", ")} changed`));
        for (const v of c.values) lines.push(`     ${valueLine(v)}`);
    }
    if (d.consequences.length) {
        lines.push("", "Plan for:");
        for (const c of d.consequences) lines.push(`  - ${/^(DATA|TRAFFIC):/.test(c) ? red(c) : c}`);
    }
    return `${lines.join("\n")}\n`;
}
