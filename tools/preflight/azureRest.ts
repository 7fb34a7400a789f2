// Rule family 1: every azure-native resource's inputs against Microsoft's REST
// API definitions at the API version @pulumi/azure-native 3.28.0 uses, read
// from the excerpts in ../shared/schemas/azure (Azure/azure-rest-api-specs;
// the files name repository, path and commit). Required properties, enums,
// patterns, lengths and ranges, read-only properties given as inputs and
// properties the definition does not declare; and, between two renderings of
// one stack, create-only properties that change on a protected resource.
//
// Inputs are in azure-native's SDK shape, not the REST body's. The mapping is
// azure-native's own (pulumi/pulumi-azure-native provider/pkg/gen/properties.go,
// genProperties): path parameters and the body's properties become inputs; a
// property marked `x-ms-client-flatten` (and not a dictionary) has its
// sub-properties merged into its parent; a property's SDK name is its
// `x-ms-client-name` (first letter lowered) or its name, in lowerCamelCase
// (provider/pkg/gen/utilities.go ToLowerCamel: "odata.type" → "odataType");
// `allOf` parents contribute their properties; read-only properties are left
// out of inputs. Unknown nested keys never reach Azure: the provider builds the
// request body from the properties it knows (provider/pkg/convert/
// sdkInputsToRequestBody.go), so a misspelt one is dropped silently.
import * as path from "path";
import { RecordedResource } from "../offline/engine";
import { managed, plainInputs, PreflightInput, propertyPath, Rule, unknownValue, violation, Violation } from "./report";
import { encodedExcerpts } from "./encoded";
import { Excerpt, ExcerptResource } from "./restExcerpt";
import { sharedFiles, sharedJson } from "./sharedSchemas";

const excerptDir = "azure";

/** A schema node, the excerpt file its `$ref`s resolve in, and where it sits there. */
interface Located {
    file: string;
    node: any;
    pointer: string;
}

const excerpt = (file: string): Excerpt => encodedExcerpts[file] ?? sharedJson<Excerpt>(`${excerptDir}/${file}`);

let files: Set<string> | undefined;

/** Every excerpt's file name: the shared excerpts, then the encoded ones (listed once per process). */
const excerptFiles = (): Set<string> => (files ??= new Set([...sharedFiles(excerptDir).filter((f) => f.endsWith(".excerpt.json")), ...Object.keys(encodedExcerpts)]));

let resourceIndex: Map<string, string> | undefined;

/** azure-native type → the excerpt file defining it. */
function excerptIndex(): Map<string, string> {
    if (!resourceIndex) {
        resourceIndex = new Map();
        for (const file of excerptFiles()) {
            for (const t of Object.keys(excerpt(file).resources ?? {})) resourceIndex.set(t, file);
        }
    }
    return resourceIndex;
}

const excerptFor = (type: string) => excerptIndex().get(type);

/** The azure-native types the excerpts define. */
export const coveredTypes = () => [...excerptIndex().keys()];

/** The resource provider namespace in a covered type's REST path (`…/providers/Microsoft.Cache/redis/…`); undefined for a type the excerpts lack. */
export function restProviderNamespace(type: string): string | undefined {
    const file = excerptFor(type);
    return file && /\/providers\/([^/]+)\//.exec(excerpt(file).resources?.[type]?.path ?? "")?.[1];
}

/** Where a rule's definition is: repository at commit, file, JSON pointer, API version. */
function sourceOf(at: Located): string {
    const s = excerpt(at.file).source;
    return `${s.repo}@${s.commit.slice(0, 7)} ${path.basename(s.path)}${at.pointer}${s.apiVersion ? ` (api-version ${s.apiVersion})` : ""}`;
}

/** Follow a `$ref` (local, or into another excerpt); undefined when the target was not read. */
function deref(file: string, ref: string): Located | undefined {
    const [target, pointer = ""] = ref.split("#");
    const targetFile = target ? path.basename(target) : file;
    if (!excerptFiles().has(targetFile)) return undefined;
    let node: any = excerpt(targetFile);
    for (const part of pointer.split("/").filter(Boolean)) node = node?.[part.replace(/~1/g, "/").replace(/~0/g, "~")];
    return node === undefined ? undefined : { file: targetFile, node, pointer: `#${pointer}` };
}

const resolvedCache = new WeakMap<object, Located | null>();

/** A node with its `$ref` followed: the target's keywords, overridden by the referring node's own (x-ms-client-flatten, readOnly, x-ms-mutability sit beside a $ref). */
function resolve(at: Located): Located | undefined {
    if (!at.node?.$ref) return at;
    const cached = resolvedCache.get(at.node);
    if (cached !== undefined) return cached ?? undefined;
    const { $ref, ...siblings } = at.node;
    const target = deref(at.file, $ref);
    const out = target && resolve(target);
    const merged = out ? { ...out, node: { ...out.node, ...siblings } } : undefined;
    resolvedCache.set(at.node, merged ?? null);
    return merged;
}

/** Parts of the excerpts that were not read: nothing is checked below them. */
function unread(node: any): boolean {
    return node["x-excerpt-unread"] !== undefined || node["x-excerpt-unresolved"] !== undefined;
}

const uppercaseAcronyms = new Set(["ID", "TTL"]);

/** azure-native's ToLowerCamel (provider/pkg/gen/utilities.go). */
export function toLowerCamel(name: string): string {
    let s = uppercaseAcronyms.has(name) ? name.toLowerCase() : name;
    s = s.replace(/^[^A-Za-z]+/, "");
    if (/^[A-Z]/.test(s)) s = s[0].toLowerCase() + s.slice(1);
    let out = "";
    let capNext = false;
    for (const c of s.trim()) {
        if (/[A-Z0-9]/.test(c)) out += c;
        else if (/[a-z]/.test(c)) out += capNext ? c.toUpperCase() : c;
        capNext = c === "_" || c === " " || c === "-" || c === ".";
    }
    return out;
}

function sdkName(name: string, property: any): string {
    const clientName = property["x-ms-client-name"];
    return toLowerCamel(typeof clientName === "string" ? clientName[0].toLowerCase() + clientName.slice(1) : name);
}

const isDict = (node: any) => node.additionalProperties !== undefined && typeof node.additionalProperties === "object" && !node.discriminator;

interface SdkProperty {
    /** The REST body path it maps to, e.g. properties.agentPoolProfiles. */
    restPath: string;
    at: Located;
    readOnly: boolean;
    mutability?: string[];
}

interface SdkObject {
    properties: Map<string, SdkProperty>;
    required: Set<string>;
    /** Declares every property it allows: others are unknown. */
    closed: boolean;
    /** A polymorphic base: its REST discriminator and that property's SDK name. */
    discriminator?: { rest: string; sdk: string; base: Located };
}

const objectCache = new WeakMap<object, SdkObject>();

/** An object definition in SDK shape (see the header: azure-native's genProperties). */
function sdkObject(at: Located): SdkObject {
    const cached = objectCache.get(at.node);
    if (cached) return cached;
    // An object schema that declares no properties takes any (the excerpts condense some definitions to {"type": "object"}).
    const declares = !!at.node.properties || !!at.node.allOf;
    const result: SdkObject = { properties: new Map(), required: new Set(), closed: declares && !unread(at.node) && at.node.additionalProperties === undefined && !at.node["x-excerpt-note"] };
    objectCache.set(at.node, result);
    // azure-native leaves read-only properties out of inputs (genProperties), so one never hides a writable
    // property of the same SDK name: AgentPool's flattened properties.type beside SubResource's read-only type.
    const put = (name: string, p: SdkProperty) => {
        const existing = result.properties.get(name);
        if (!(existing && !existing.readOnly && p.readOnly)) result.properties.set(name, p);
    };
    const merge = (inner: SdkObject, container: string) => {
        for (const [k, p] of inner.properties) put(k, container ? { ...p, restPath: `${container}.${p.restPath}` } : p);
        inner.required.forEach((r) => result.required.add(r));
        result.closed &&= inner.closed;
        result.discriminator ??= inner.discriminator;
    };
    for (const [name, raw] of Object.entries<any>(at.node.properties ?? {})) {
        const prop: Located = { file: at.file, node: raw, pointer: `${at.pointer}/properties/${name}` };
        const target = resolve(prop);
        if (!target) {
            put(sdkName(name, raw), { restPath: name, at: prop, readOnly: raw.readOnly === true });
            continue;
        }
        if (raw["x-ms-client-flatten"] === true && !isDict(target.node)) {
            merge(sdkObject(target), name);
            continue;
        }
        put(sdkName(name, target.node), { restPath: name, at: prop, readOnly: target.node.readOnly === true, mutability: target.node["x-ms-mutability"] });
    }
    for (const [i, parent] of (at.node.allOf ?? []).entries()) {
        const target = resolve({ file: at.file, node: parent, pointer: `${at.pointer}/allOf/${i}` });
        if (target && !unread(target.node)) merge(sdkObject(target), "");
        else result.closed = false;
    }
    for (const name of at.node.required ?? []) {
        const entry = [...result.properties].find(([, p]) => p.restPath === name);
        if (entry) result.required.add(entry[0]);
    }
    if (at.node.discriminator) result.discriminator = { rest: at.node.discriminator, sdk: toLowerCamel(at.node.discriminator), base: at };
    return result;
}

/** The definition in the base's file that derives from it and carries this discriminator value. */
function subtype(base: Located, value: unknown): Located | undefined {
    const baseName = base.pointer.split("/").pop();
    for (const [name, def] of Object.entries<any>(excerpt(base.file).definitions ?? {})) {
        const derives = (def.allOf ?? []).some((p: any) => p.$ref === `#/definitions/${baseName}`);
        if (derives && (def["x-ms-discriminator-value"] ?? name) === value) return { file: base.file, node: def, pointer: `#/definitions/${name}` };
    }
    return undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

type Emit = (property: Array<string | number>, rule: keyof typeof ruleSummaries, text: string, at: Located) => void;

const show = (v: unknown) => JSON.stringify(v);

/** A scalar against type, enum, pattern, lengths and range. */
function checkScalar(node: any, value: unknown, where: Array<string | number>, at: Located, emit: Emit): void {
    const types: Record<string, (v: unknown) => boolean> = {
        string: (v) => typeof v === "string",
        integer: (v) => Number.isInteger(v),
        number: (v) => typeof v === "number",
        boolean: (v) => typeof v === "boolean",
    };
    if (node.type && types[node.type] && !types[node.type](value)) return emit(where, "type", `${show(value)} is not ${node.type === "integer" ? "an" : "a"} ${node.type}`, at);
    // Enum values are compared without case: ARM resource providers accept any casing of an extensible (modelAsString) enum.
    if (Array.isArray(node.enum) && !node.enum.some((e: unknown) => e === value || (typeof e === "string" && typeof value === "string" && e.toLowerCase() === value.toLowerCase()))) {
        emit(where, "enum", `${show(value)} is not one of ${node.enum.map(show).join(", ")}`, at);
    }
    if (typeof value === "string") {
        if (node.pattern && !new RegExp(node.pattern).test(value)) emit(where, "pattern", `${show(value)} does not match ${node.pattern}`, at);
        if (node.minLength !== undefined && value.length < node.minLength) emit(where, "minLength", `${show(value)} is shorter than ${node.minLength}`, at);
        if (node.maxLength !== undefined && value.length > node.maxLength) emit(where, "maxLength", `${show(value)} is longer than ${node.maxLength}`, at);
    }
    if (typeof value === "number") {
        if (node.minimum !== undefined && value < node.minimum) emit(where, "minimum", `${value} is below ${node.minimum}`, at);
        if (node.maximum !== undefined && value > node.maximum) emit(where, "maximum", `${value} is above ${node.maximum}`, at);
    }
}

/** A value against a schema node, in SDK shape. */
function checkValue(raw: Located, value: unknown, where: Array<string | number>, emit: Emit): void {
    if (value === undefined || value === null || value === unknownValue) return;
    const at = resolve(raw);
    if (!at || unread(at.node)) return;
    const node = at.node;
    if (node.type === "array" || node.items) {
        if (!Array.isArray(value)) return emit(where, "type", `${show(value)} is not an array`, at);
        value.forEach((v, i) => checkValue({ file: at.file, node: node.items ?? {}, pointer: `${at.pointer}/items` }, v, [...where, i], emit));
        return;
    }
    if (node.type === "object" || node.properties || node.allOf || isDict(node)) {
        // A dictionary whose values have no writable properties is a set of keys in the SDK (properties.go: isStringSet).
        if (isDict(node) && Array.isArray(value) && value.every((v) => typeof v === "string") && resolve({ ...at, node: node.additionalProperties })?.node.type === "object") return;
        if (!isObject(value)) return emit(where, "type", `${show(value)} is not an object`, at);
        if (isDict(node) && !node.properties) {
            for (const [k, v] of Object.entries(value)) checkValue({ file: at.file, node: node.additionalProperties, pointer: `${at.pointer}/additionalProperties` }, v, [...where, k], emit);
            return;
        }
        checkObject(at, value, where, emit);
        return;
    }
    checkScalar(node, value, where, at, emit);
}

interface ObjectCheck {
    /** Required properties something else fills in. */
    skipRequired?: string[];
    /** Take keys the definition does not declare. */
    open?: boolean;
}

function checkObject(at: Located, value: Record<string, unknown>, where: Array<string | number>, emit: Emit, { skipRequired = [], open = false }: ObjectCheck = {}): void {
    let shape = sdkObject(at);
    if (shape.discriminator) {
        const derived = subtype(shape.discriminator.base, value[shape.discriminator.sdk]);
        if (derived) shape = sdkObject(derived);
    }
    for (const name of shape.required) {
        if (value[name] === undefined && !skipRequired.includes(name)) emit([...where, name], "required", `${shape.properties.get(name)!.restPath} is required`, shape.properties.get(name)!.at);
    }
    for (const [key, v] of Object.entries(value)) {
        const prop = shape.properties.get(key);
        if (!prop) {
            if (shape.closed && !open && v !== undefined) emit([...where, key], "unknown", `not in the REST definition, so azure-native drops it from the request`, at);
            continue;
        }
        if (prop.readOnly && v !== undefined) emit([...where, key], "readOnly", `${prop.restPath} is set by Azure, not an input`, prop.at);
        else checkValue(prop.at, v, [...where, key], emit);
    }
}

/** The resource's path parameters, resolved, in path order. */
function pathParameters(file: string, resource: ExcerptResource, type: string): Located[] {
    return resource.parameters.map((p, i) => resolve({ file, node: p, pointer: `#/resources/${type}/parameters/${i}` })).filter((p): p is Located => !!p);
}

/**
 * Location is required by tracked resources but azure-native fills it in from
 * the provider's `location` config or the resource group (provider/pkg/provider/
 * provider.go, getDefaultLocation): a missing one is not a missing property.
 */
const providerDefaults = ["location"];

/** One azure-native resource against its REST definition. */
function checkAzureResource(r: RecordedResource): Violation[] {
    const file = excerptFor(r.type);
    if (!file) return [];
    const resource = excerpt(file).resources![r.type];
    const inputs = plainInputs(r.inputs) as Record<string, unknown>;
    const out: Violation[] = [];
    const emit: Emit = (where, rule, text, at) => out.push(violation(`azure.${rule}`, r, propertyPath(where), `${rule}: ${text}`, sourceOf(at)));
    const params = pathParameters(file, resource, r.type);
    params.forEach((p, i) => {
        const value = inputs[p.node.name];
        // The last path segment is the resource's own name: azure-native generates one when it is not given.
        if (value === undefined) {
            if (p.node.required && i < params.length - 1) emit([p.node.name], "required", `path parameter ${p.node.name} is required`, p);
            return;
        }
        checkValue(p, value, [p.node.name], emit);
    });
    const body = Object.fromEntries(Object.entries(inputs).filter(([k]) => !params.some((p) => p.node.name === k)));
    const bodyAt = resolve({ file, node: { $ref: resource.body }, pointer: resource.body });
    // Top-level inputs are the SDK's own arguments: it sends only those it declares, so only nested keys can be unknown.
    if (bodyAt && !unread(bodyAt.node)) checkObject(bodyAt, body, [], emit, { skipRequired: providerDefaults, open: true });
    return out;
}

/** Family 1 over a rendering: every covered azure-native resource. */
export function azureRestViolations(input: PreflightInput): Violation[] {
    return managed(input.resources, "azure-native:").flatMap(checkAzureResource);
}

/** Whether x-ms-mutability makes a property settable on create and never on update. */
const isCreateOnly = (mutability: unknown): mutability is string[] => Array.isArray(mutability) && mutability.includes("create") && !mutability.includes("update");

/** An input path (planDiff's syntax: `a.b`, `a[].b` for any element of a list) that only a create can set. */
export interface CreateOnlyInput {
    path: string;
    /** Why only a create sets it: its x-ms-mutability, or its place in the URL. */
    why: string;
    /** Where the definition says so. */
    source: string;
}

/** The create-only input paths at and below an object definition, in SDK shape. */
function createOnlyUnder(at: Located, prefix: string, seen: ReadonlySet<object>): CreateOnlyInput[] {
    if (seen.has(at.node)) return [];
    const inside = new Set([...seen, at.node]);
    const out: CreateOnlyInput[] = [];
    for (const [name, p] of sdkObject(at).properties) {
        if (p.readOnly) continue;
        const here = prefix ? `${prefix}.${name}` : name;
        if (isCreateOnly(p.mutability)) {
            out.push({ path: here, why: `x-ms-mutability ${p.mutability.join(", ")}`, source: sourceOf(p.at) });
            continue;
        }
        const target = resolve(p.at);
        if (!target || unread(target.node) || isDict(target.node)) continue;
        const items = target.node.items && resolve({ file: target.file, node: target.node.items, pointer: `${target.pointer}/items` });
        if (items) out.push(...createOnlyUnder(items, `${here}[]`, inside));
        else if (target.node.properties || target.node.allOf) out.push(...createOnlyUnder(target, here, inside));
    }
    return out;
}

/**
 * What replaces a resource of a covered type, from its REST definition: the
 * path parameters of its URL, and every create-only property (x-ms-mutability
 * with "create" and without "update") at any depth. Undefined for a type no
 * excerpt covers.
 */
export function restReplaceInputs(type: string): CreateOnlyInput[] | undefined {
    const file = excerptFor(type);
    if (!file) return undefined;
    const resource = excerpt(file).resources![type];
    const params = pathParameters(file, resource, type).filter((p) => p.node.in === "path").map((p) => ({ path: p.node.name as string, why: "a path parameter of its URL", source: sourceOf(p) }));
    const bodyAt = resolve({ file, node: { $ref: resource.body }, pointer: resource.body });
    return [...params, ...(bodyAt && !unread(bodyAt.node) ? createOnlyUnder(bodyAt, "", new Set()) : [])];
}

/** Whether ARM's tracked resources (common-types v3 TrackedResource) take `location` on create only. */
export function trackedLocationIsCreateOnly(): boolean {
    const tracked = deref("common-types-v3.excerpt.json", "#/definitions/TrackedResource");
    return !!tracked && isCreateOnly(tracked.node.properties?.location?.["x-ms-mutability"]);
}

const ruleSummaries = {
    required: "required properties and path parameters are given",
    type: "values have the definition's JSON type",
    enum: "values are among the definition's enum",
    pattern: "strings match the definition's pattern",
    minLength: "strings are at least minLength long",
    maxLength: "strings are at most maxLength long",
    minimum: "numbers are at least minimum",
    maximum: "numbers are at most maximum",
    readOnly: "read-only properties are not given as inputs",
    unknown: "nested properties are declared by the definition",
};

export const restSource = "Microsoft's REST API definitions (Azure/azure-rest-api-specs) at the API version azure-native 3.28.0 uses, excerpted in ../shared/schemas/azure or encoded in tools/preflight/encoded";

export const azureRestRules: Rule[] = Object.entries(ruleSummaries).map(([id, summary]) => ({ id: `azure.${id}`, summary, source: restSource }));
