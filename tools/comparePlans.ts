// Compare two offline plans of the same stack, as the Pulumi engine would
// match their resources: by URN, following the aliases the newer plan
// declares (and those children inherit from aliased parents). Reports every
// resource added, removed or changed (inputs and options), and differences in
// outputs. Proves a refactor changes nothing a `pulumi up` would act on.
//
// node -r esbuild-register tools/comparePlans.ts before.json after.json
// (each file: what `npm run -s plan -- --json` prints).
import * as fs from "fs";

interface PlanResource {
    urn: string;
    type: string;
    name: string;
    parent: string | null;
    custom?: boolean;
    inputs: Record<string, unknown>;
    options: { aliases: string[]; dependsOn: string[]; [key: string]: unknown };
}

export interface PlanDoc {
    project: string;
    stack: string;
    resources: PlanResource[];
    outputs?: Record<string, unknown>;
}

const rootType = "pulumi:pulumi:Stack";

/** The engine's URN for each resource: the type chain of its ancestors (the root stack excluded), its type, its name. */
function engineUrns(doc: PlanDoc): Map<string, string> {
    const byUrn = new Map(doc.resources.map((r) => [r.urn, r]));
    const chain = (r: PlanResource): string => {
        const parent = r.parent ? byUrn.get(r.parent) : undefined;
        return parent && parent.type !== rootType ? `${chain(parent)}$${r.type}` : r.type;
    };
    return new Map(doc.resources.map((r) => [r.urn, `urn:pulumi:${doc.stack}::${doc.project}::${chain(r)}::${r.name}`]));
}

const typeChainOf = (urn: string) => urn.split("::")[2];
const nameOf = (urn: string) => urn.slice(urn.lastIndexOf("::") + 2);

/** The old URNs each resource of `doc` answers to: its own and its aliases', inherited ones included (the engine's rules). */
function claimedUrns(doc: PlanDoc, urns: Map<string, string>): Map<string, string[]> {
    const byUrn = new Map(doc.resources.map((r) => [r.urn, r]));
    const prefix = `urn:pulumi:${doc.stack}::${doc.project}::`;
    const make = (name: string, type: string, parentUrn: string | undefined) => {
        const parentChain = parentUrn && !typeChainOf(parentUrn).endsWith(rootType) ? `${typeChainOf(parentUrn)}$` : "";
        return `${prefix}${parentChain}${type}::${name}`;
    };
    const memo = new Map<string, string[]>();
    const aliasesOf = (r: PlanResource): string[] => {
        const known = memo.get(r.urn);
        if (known) return known;
        const parent = r.parent ? byUrn.get(r.parent) : undefined;
        const ownParent = parent && parent.type !== rootType ? urns.get(parent.urn) : undefined;
        const own = r.options.aliases.flatMap((text) => {
            if (text.startsWith("urn:")) return [text];
            const spec = JSON.parse(text) as { name?: string; type?: string; parentUrn?: string; noParent?: boolean };
            // Aliases to another type of the same resource (azure-native's API versions) never match an old resource here.
            if (spec.type && spec.type !== r.type && spec.name === undefined && spec.parentUrn === (r.parent ?? undefined)) return [];
            const parentUrn = spec.noParent ? undefined : spec.parentUrn !== undefined ? (urns.get(spec.parentUrn) ?? spec.parentUrn) : ownParent;
            return [make(spec.name ?? r.name, spec.type ?? r.type, parentUrn)];
        });
        // A child inherits each alias of its parent, renamed when its name starts with the parent's.
        const inherited = parent && parent.type !== rootType
            ? aliasesOf(parent).map((a) => make(r.name.startsWith(parent.name) ? nameOf(a) + r.name.slice(parent.name.length) : r.name, r.type, a))
            : [];
        const all = [...own, ...inherited];
        memo.set(r.urn, all);
        return all;
    };
    return new Map(doc.resources.map((r) => [r.urn, [urns.get(r.urn)!, ...aliasesOf(r)]]));
}

function replaceStrings(v: unknown, map: (s: string) => string): unknown {
    if (typeof v === "string") return map(v);
    if (Array.isArray(v)) return v.map((x) => replaceStrings(x, map));
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, replaceStrings(x, map)]));
    return v;
}

function canonical(v: unknown): string {
    const sort = (x: unknown): unknown =>
        Array.isArray(x) ? x.map(sort) : x && typeof x === "object" ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, sort((x as Record<string, unknown>)[k])])) : x;
    return JSON.stringify(sort(v));
}

/** Every difference a `pulumi up` would act on, one line each; none means the same stack. */
export function comparePlans(before: PlanDoc, after: PlanDoc): string[] {
    const out: string[] = [];
    const oldUrns = engineUrns(before);
    const newUrns = engineUrns(after);
    const claims = claimedUrns(after, newUrns);
    // Old engine URN → the new resource that takes it over.
    const successor = new Map<string, PlanResource>();
    for (const r of after.resources) {
        for (const urn of claims.get(r.urn)!) {
            const taken = successor.get(urn);
            if (taken && taken !== r) out.push(`alias conflict: ${urn} is claimed by ${r.name} and ${taken.name}`);
            successor.set(urn, r);
        }
    }
    // References (parents, dependencies, resource inputs) compared as the resources they name, by their new engine URN.
    const oldRef = (s: string) => {
        const engineUrn = oldUrns.get(s);
        const next = engineUrn ? successor.get(engineUrn) : undefined;
        return next ? newUrns.get(next.urn)! : (engineUrn ?? s);
    };
    const newRef = (s: string) => newUrns.get(s) ?? s;
    const matched = new Set<PlanResource>();
    for (const old of before.resources) {
        const next = successor.get(oldUrns.get(old.urn)!);
        if (!next) {
            out.push(`removed: ${oldUrns.get(old.urn)}`);
            continue;
        }
        matched.add(next);
        const label = newUrns.get(next.urn);
        // A component's type is only a name (its aliases carry the old one); a custom resource's is what the provider manages.
        if (next.type !== old.type && next.custom !== false) out.push(`type: ${label}: ${old.type} → ${next.type}`);
        const inputs = [replaceStrings(old.inputs, oldRef), replaceStrings(next.inputs, newRef)];
        if (canonical(inputs[0]) !== canonical(inputs[1])) out.push(`inputs: ${label}: ${canonical(inputs[0])} → ${canonical(inputs[1])}`);
        const options = (r: PlanResource, ref: (s: string) => string) => {
            // The parent is part of the URN, matched above through the aliases.
            const { aliases: _aliases, ...rest } = r.options;
            return replaceStrings({ ...rest, dependsOn: [...r.options.dependsOn].map(ref).sort() }, ref);
        };
        if (canonical(options(old, oldRef)) !== canonical(options(next, newRef))) out.push(`options: ${label}: ${canonical(options(old, oldRef))} → ${canonical(options(next, newRef))}`);
    }
    for (const r of after.resources) if (!matched.has(r)) out.push(`added: ${newUrns.get(r.urn)}`);
    if (canonical(before.outputs) !== canonical(after.outputs)) out.push(`outputs: ${canonical(before.outputs)} → ${canonical(after.outputs)}`);
    return out;
}

if (require.main === module) {
    const [beforeFile, afterFile] = process.argv.slice(2);
    if (!beforeFile || !afterFile) {
        process.stderr.write("usage: node -r esbuild-register tools/comparePlans.ts <before.json> <after.json>\n");
        process.exit(2);
    }
    // `npm run plan -- --json` prints { stacks: [...] }; plans of older commits, one document per stack or an array.
    const load = (f: string): Record<string, PlanDoc> => {
        const doc: { stacks: PlanDoc[] } | PlanDoc | PlanDoc[] = JSON.parse(fs.readFileSync(f, "utf8"));
        const stacks = Array.isArray(doc) ? doc : "stacks" in doc ? doc.stacks : [doc];
        return Object.fromEntries(stacks.map((d) => [d.stack, d]));
    };
    const [before, after] = [load(beforeFile), load(afterFile)];
    let differences = 0;
    for (const label of new Set([...Object.keys(before), ...Object.keys(after)])) {
        const lines = before[label] && after[label] ? comparePlans(before[label], after[label]) : [`only in ${before[label] ? "before" : "after"}`];
        differences += lines.length;
        process.stdout.write(`${label}: ${lines.length ? `${lines.length} differences` : "same"}\n${lines.map((l) => `  ${l}\n`).join("")}`);
    }
    process.exitCode = differences ? 1 : 0;
}
