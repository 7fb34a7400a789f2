// Rule family 3: every Kubernetes object against the schema the API server
// validates it with: the Kubernetes OpenAPI v3 documents of the cluster's
// version (config kubernetesVersion; ../shared/schemas/kubernetes/<minor>,
// kubernetes-sigs/kubectl-validate's builtins), and for custom resources the
// CRDs of the charts the stack installs (charts.ts), with ObjectMeta for their
// metadata as the API server applies it. Validation is ajv 8 (strict off: the
// documents carry x-kubernetes-* keywords).
//
// Unknown fields are reported. The program's Kubernetes provider uses
// server-side apply (enableServerSideApply, stacks/region.ts), and apply
// requests require strict schemas and fail on unknown fields
// (kubernetes/kubernetes#105916, "Server Side Strict Field Validation":
// "Apply Patch requests already require strict schemas and will error on
// unknown fields"); without it the API server would drop them silently (CRD
// pruning, or fieldValidation=Ignore). Objects with no declared properties,
// or marked x-kubernetes-preserve-unknown-fields, stay open. CEL rules
// (x-kubernetes-validations) are not evaluated. Schemas are pruned to what an
// object uses before they are compiled (jsonSchema.ts).
import { ErrorObject } from "ajv";
import { RecordedResource } from "../offline/engine";
import { installedCrds } from "./charts";
import { compile, isObject, prune, PruneOptions } from "./jsonSchema";
import { managed, plainInputs, PreflightInput, propertyPath, Rule, unknownValue, violation, Violation } from "./report";
import { sharedExists, sharedJson, sharedYaml } from "./sharedSchemas";

interface Target {
    /** The document `$ref`s resolve in. */
    doc: any;
    schema: any;
    source: string;
    /** Custom resources: metadata is validated as ObjectMeta. */
    objectMeta?: Target;
}

const minor = (version: string) => /^\d+\.\d+/.exec(version)?.[0] ?? version;

/** The built-in OpenAPI document of an API group version: api/v1, apis/<group>/<version>. */
function builtinFile(apiVersion: string): string {
    const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
    return group ? `apis_${group}_${version}.json` : `api_${version}.json`;
}

function builtinTarget(k8sMinor: string, apiVersion: string, kind: string): Target | undefined {
    const file = `kubernetes/${k8sMinor}/${builtinFile(apiVersion)}`;
    if (!sharedExists(file)) return undefined;
    const doc = sharedJson(file);
    const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
    const name = Object.keys(doc.components.schemas).find((n) =>
        (doc.components.schemas[n]["x-kubernetes-group-version-kind"] ?? []).some((g: any) => g.group === group && g.version === version && g.kind === kind),
    );
    return name ? { doc, schema: doc.components.schemas[name], source: `Kubernetes ${k8sMinor} OpenAPI v3 ${builtinFile(apiVersion)}#/components/schemas/${name}` } : undefined;
}

function objectMetaTarget(k8sMinor: string): Target | undefined {
    const file = `kubernetes/${k8sMinor}/api_v1.json`;
    if (!sharedExists(file)) return undefined;
    const doc = sharedJson(file);
    return { doc, schema: doc.components.schemas["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"], source: `Kubernetes ${k8sMinor} OpenAPI v3 api_v1.json ObjectMeta` };
}

function crdTarget(crds: ReturnType<typeof installedCrds>, k8sMinor: string, apiVersion: string, kind: string): Target | undefined {
    const [group, version] = apiVersion.split("/");
    const crd = crds.get(`${group}/${kind}`);
    if (!crd) return undefined;
    const definition = sharedYaml(crd.file).find((d: any) => d?.kind === "CustomResourceDefinition");
    const served = definition?.spec?.versions?.find((v: any) => v.name === version);
    if (!served?.schema?.openAPIV3Schema) return undefined;
    return {
        doc: {},
        schema: served.schema.openAPIV3Schema,
        source: `CRD ${group}/${version} ${kind} from ${crd.installedBy} (${crd.file})`,
        objectMeta: objectMetaTarget(k8sMinor),
    };
}

function pointerParts(instancePath: string): Array<string | number> {
    return instancePath
        .split("/")
        .slice(1)
        .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
        .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

const valueAt = (v: unknown, parts: Array<string | number>) => parts.reduce<any>((x, p) => x?.[p], v);

/** What an ajv error is counted as. */
const keywordRule: Record<string, string> = {
    additionalProperties: "unknownField",
    required: "required",
    type: "type",
    enum: "enum",
    const: "enum",
    pattern: "pattern",
    minLength: "length",
    maxLength: "length",
    minimum: "range",
    maximum: "range",
    exclusiveMinimum: "range",
    exclusiveMaximum: "range",
    minItems: "items",
    maxItems: "items",
    uniqueItems: "items",
    minProperties: "properties",
    maxProperties: "properties",
    oneOf: "alternatives",
    anyOf: "alternatives",
    not: "alternatives",
    nullable: "type",
};

/** ajv's errors, without those inside an anyOf/oneOf it also reports as a whole. */
function essentialErrors(errors: ErrorObject[]): ErrorObject[] {
    const unions = errors.filter((e) => e.keyword === "oneOf" || e.keyword === "anyOf").map((e) => `${e.schemaPath}/`);
    return errors.filter((e) => !unions.some((u) => e.schemaPath.startsWith(u)));
}

function ruleText(e: ErrorObject, value: unknown): { ruleId: string; parts: Array<string | number>; text: string } {
    const parts = pointerParts(e.instancePath);
    const rule = keywordRule[e.keyword] ?? e.keyword;
    if (e.keyword === "additionalProperties") {
        const field = (e.params as any).additionalProperty;
        return { ruleId: `k8s.${rule}`, parts: [...parts, field], text: `unknownField: ${JSON.stringify(field)} is not in the schema (rejected under server-side apply, dropped otherwise)` };
    }
    if (e.keyword === "required") {
        const field = (e.params as any).missingProperty;
        return { ruleId: `k8s.${rule}`, parts: [...parts, field], text: `required: ${JSON.stringify(field)} is required` };
    }
    const allowed = e.keyword === "enum" ? ` (${(e.params as any).allowedValues.map((a: unknown) => JSON.stringify(a)).join(", ")})` : "";
    return { ruleId: `k8s.${rule}`, parts, text: `${rule}: ${JSON.stringify(value)} ${e.message}${allowed}` };
}

/** An object's own schema: built-in, or the CRD of an installed chart. */
function targetFor(r: RecordedResource, k8sMinor: string, crds: ReturnType<typeof installedCrds>): Target | undefined {
    const { apiVersion, kind } = r.inputs as { apiVersion?: string; kind?: string };
    if (!apiVersion || !kind) return undefined;
    return builtinTarget(k8sMinor, apiVersion, kind) ?? crdTarget(crds, k8sMinor, apiVersion, kind);
}

export function checkObject(r: RecordedResource, target: Target): Violation[] {
    const value = plainInputs(r.inputs);
    // A Patch resource (DeploymentPatch, …) applies some fields of an existing object.
    const opts: PruneOptions = { close: true, patch: r.type.endsWith("Patch") };
    const schema = prune(target.schema, value, target.doc, opts);
    if (target.objectMeta && isObject(value.metadata)) {
        schema.properties ??= {};
        schema.properties.metadata = prune(target.objectMeta.schema, value.metadata, target.objectMeta.doc, opts);
    }
    const validate = compile(schema);
    if (validate(value)) return [];
    return essentialErrors(validate.errors ?? [])
        .filter((e) => valueAt(value, pointerParts(e.instancePath)) !== unknownValue)
        .map((e) => {
            const { ruleId, parts, text } = ruleText(e, valueAt(value, pointerParts(e.instancePath)));
            const source = e.instancePath.startsWith("/metadata") && target.objectMeta ? target.objectMeta.source : target.source;
            return violation(ruleId, r, propertyPath(parts), text, source);
        });
}

/** The Kubernetes objects of a rendering: custom resources of a kubernetes: type that are not Helm releases. */
export function kubernetesObjects(resources: readonly RecordedResource[]): RecordedResource[] {
    return managed(resources, "kubernetes:").filter((r) => !r.type.startsWith("kubernetes:helm.sh/"));
}

export interface KubernetesResult {
    violations: Violation[];
    /** Objects no schema was found for: not checked. */
    unchecked: string[];
    checked: number;
}

export function kubernetesViolations(input: PreflightInput): KubernetesResult {
    const k8sMinor = minor(input.kubernetesVersion);
    const crds = installedCrds(input.resources);
    const result: KubernetesResult = { violations: [], unchecked: [], checked: 0 };
    for (const r of kubernetesObjects(input.resources)) {
        const target = targetFor(r, k8sMinor, crds);
        if (!target) {
            const { apiVersion, kind } = r.inputs as { apiVersion?: string; kind?: string };
            result.unchecked.push(`${r.type} ${r.name}: no schema for ${apiVersion} ${kind} in Kubernetes ${k8sMinor}'s OpenAPI documents or the CRDs of the charts installed`);
            continue;
        }
        result.checked++;
        result.violations.push(...checkObject(r, target));
    }
    return result;
}

const k8sSource = "Kubernetes OpenAPI v3 documents of the cluster's version and the CRDs of the charts installed (../shared/schemas)";

export const kubernetesRules: Rule[] = [...new Set(Object.values(keywordRule))].map((id) => ({
    id: `k8s.${id}`,
    summary: id === "unknownField" ? "fields are declared by the schema (strict under server-side apply)" : `the schema's ${id} constraints hold`,
    source: id === "unknownField" ? `${k8sSource}; kubernetes/kubernetes#105916` : k8sSource,
}));
