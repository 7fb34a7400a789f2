// JSON Schema validation for the preflight, with ajv 8 (strict off: the
// Kubernetes documents carry x-kubernetes-* keywords). A schema is pruned to
// the parts a value uses before it is compiled: compiling a whole CRD such as
// HumioCluster's takes about a second, a pruned one a few milliseconds.
// Pruning keeps every keyword that applies to what is present (and
// `required`, which needs no sub-schema), so it finds what the whole schema
// finds; `$ref`s are inlined from the document they point into. Compiled
// validators are kept per process.
import Ajv, { ValidateFunction } from "ajv";

function lookup(doc: any, ref: string): any {
    return ref
        .replace(/^#\//, "")
        .split("/")
        .reduce((node, part) => node?.[part.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
}

export const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

/** Keywords that only describe, and definitions whose references are inlined: dropped from what is compiled. */
const descriptive = new Set(["description", "format", "default", "example", "x-kubernetes-validations", "$schema", "$defs", "definitions"]);

export interface PruneOptions {
    /** Add additionalProperties: false to objects that declare properties (Kubernetes schemas leave it implicit). */
    close: boolean;
    /** A patch sets some fields of an object: nothing is required. */
    patch: boolean;
}

/** The part of `node` that applies to `value`, its `$ref`s inlined from `doc` (see the header). */
export function prune(node: any, value: unknown, doc: any, opts: PruneOptions): any {
    if (!node || typeof node !== "object" || Array.isArray(node)) return node;
    if (typeof node.$ref === "string") {
        const { $ref, ...siblings } = node;
        return prune({ ...lookup(doc, $ref), ...siblings }, value, doc, opts);
    }
    const out: any = {};
    for (const [k, v] of Object.entries(node)) {
        if (descriptive.has(k) || k === "properties" || k === "items" || k === "additionalProperties") continue;
        if (k === "allOf" || k === "anyOf" || k === "oneOf") out[k] = (v as any[]).map((branch) => prune(branch, value, doc, opts));
        else if (k === "not") out[k] = prune(v, value, doc, opts);
        else if (k === "required" && opts.patch) continue;
        else out[k] = v;
    }
    if (node.properties) {
        out.properties = {};
        if (isObject(value)) for (const key of Object.keys(value)) if (node.properties[key]) out.properties[key] = prune(node.properties[key], value[key], doc, opts);
    }
    if (isObject(node.additionalProperties)) {
        const entries = isObject(value) ? Object.entries(value).filter(([key]) => !node.properties?.[key]) : [];
        out.additionalProperties = prune(node.additionalProperties, union(entries.map(([, v]) => v)), doc, opts);
    } else if (node.additionalProperties !== undefined) out.additionalProperties = node.additionalProperties;
    else if (opts.close && node.properties && !node["x-kubernetes-preserve-unknown-fields"] && !node["x-kubernetes-embedded-resource"]) out.additionalProperties = false;
    if (node.items) out.items = prune(node.items, Array.isArray(value) ? union(value) : undefined, doc, opts);
    return out;
}

/**
 * One value with every key any of `values` has: the elements of an array (or
 * the entries of a map) share one schema, pruned once against all of them,
 * not a copy per element (that multiplies the compiled code).
 */
export function union(values: unknown[]): unknown {
    const objects = values.filter(isObject);
    if (objects.length) {
        const keys = [...new Set(objects.flatMap((o) => Object.keys(o)))];
        return Object.fromEntries(keys.map((k) => [k, union(objects.map((o) => o[k]).filter((v) => v !== undefined))]));
    }
    const arrays = values.filter(Array.isArray);
    return arrays.length ? arrays.flat() : values[0];
}

// Formats are not Kubernetes' own (int-or-string, quantities): not validated. ajv's code optimization pass is
// skipped: a validator runs on the one object it was pruned for, and the pass costs more than it saves.
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, code: { optimize: false } });
const compiled = new Map<string, ValidateFunction>();

/** A pruned schema, compiled once per process. */
export function compile(schema: unknown): ValidateFunction {
    const key = JSON.stringify(schema);
    let fn = compiled.get(key);
    if (!fn) {
        fn = ajv.compile(schema as object);
        compiled.set(key, fn);
    }
    return fn;
}
