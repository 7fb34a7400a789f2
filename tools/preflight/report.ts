// What a preflight finds, and how one finding is printed: one line naming the
// resource, the property, the rule and where the rule comes from.
import { RecordedResource, Secret } from "../offline/engine";

export interface Violation {
    /** Which rule (`<family>.<rule>`): what the findings are counted by. */
    ruleId: string;
    /** The resource's type and name, as the plan tree shows them. */
    resource: string;
    urn: string;
    /** Path of the offending input (`spec.tls[0].hosts`), or the resource itself ("-"). */
    property: string;
    rule: string;
    /** Where the rule comes from: a definition, a document, a page. */
    source: string;
}

/** What one rule family checks a rendering with. */
export interface PreflightInput {
    resources: readonly RecordedResource[];
    /** The cluster's Kubernetes version (config `kubernetesVersion`: minor, or minor.patch). */
    kubernetesVersion: string;
    /** The outputs of the peer stack this one was rendered beside, if any. */
    peerOutputs?: Record<string, unknown>;
}

export function violation(ruleId: string, r: Pick<RecordedResource, "type" | "name" | "urn">, property: string, rule: string, source: string): Violation {
    return { ruleId, resource: `${r.type} ${r.name}`, urn: r.urn, property: property || "-", rule, source };
}

/** A rule the preflight applies, for counting and for the docs. */
export interface Rule {
    id: string;
    summary: string;
    source: string;
}

export function violationLine(v: Violation): string {
    return `preflight: ${v.resource}: ${v.property}: ${v.rule} (${v.source})`;
}

/** Inputs as the provider receives them: secrets unwrapped (their values are checked like any other). */
export function plainInputs(v: unknown): any {
    if (v instanceof Secret) return plainInputs(v.value);
    if (Array.isArray(v)) return v.map(plainInputs);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plainInputs(x)]));
    return v;
}

/** A value the engine did not know at preview: nothing can be said about it. */
export const unknownValue = "[unknown]";

/** A JSON-path-like rendering of a property path. */
export function propertyPath(parts: Array<string | number>): string {
    return parts.map((p, i) => (typeof p === "number" ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? (i ? `.${p}` : p) : `[${JSON.stringify(p)}]`)).join("");
}

/** The managed resources a rendering registers (not reads, not components). */
export function managed(resources: readonly RecordedResource[], prefix: string): RecordedResource[] {
    return resources.filter((r) => r.custom && !r.read && r.type.startsWith(prefix));
}
