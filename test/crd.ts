// The HumioCluster CRD of humio-operator 0.34.1, read from the upstream copy
// beside the repository, as a validator that also rejects unknown fields:
// Kubernetes would silently prune a misspelt one.
import Ajv, { ValidateFunction } from "ajv";
import * as yaml from "js-yaml";
import { sharedSchema } from "./schemas";

export const humioClusterCrdFile = "humio-operator/humiocluster-crd-0.34.1.yaml";

/** Reject properties the schema does not declare, as pruning would drop them. */
export function closeObjects(schema: any): any {
    if (Array.isArray(schema)) return schema.map(closeObjects);
    if (!schema || typeof schema !== "object") return schema;
    const out: any = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, closeObjects(v)]));
    if (out.type === "object" && out.properties && out.additionalProperties === undefined && !out["x-kubernetes-preserve-unknown-fields"]) {
        out.additionalProperties = false;
    }
    return out;
}

let compiled: ValidateFunction | undefined;

/** A validator for HumioCluster objects: each problem as "<path> <message> <params>". Compiled once: the CRD does not change. */
export function humioClusterValidator(): (doc: unknown) => string[] {
    if (!compiled) {
        const crd = yaml.load(sharedSchema(humioClusterCrdFile)) as any;
        const version = crd.spec.versions.find((v: any) => v.name === "v1alpha1");
        compiled = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(closeObjects(version.schema.openAPIV3Schema));
    }
    const validate = compiled;
    return (doc) => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`));
}

const compiledCrds = new Map<string, ValidateFunction>();

/**
 * A validator for one served version of any upstream CRD under ../shared/schemas
 * (Gateway API, Envoy Gateway, cert-manager), closed like the HumioCluster's.
 * `x-kubernetes-validations` (CEL) rules are not evaluated: ajv knows no CEL.
 */
export function crdValidator(file: string, version: string): (doc: unknown) => string[] {
    const key = `${file}#${version}`;
    let validate = compiledCrds.get(key);
    if (!validate) {
        const crd = yaml.load(sharedSchema(file)) as any;
        const served = crd.spec.versions.find((v: any) => v.name === version && v.served);
        if (!served) throw new Error(`${file} serves no version ${version}`);
        validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(closeObjects(served.schema.openAPIV3Schema));
        compiledCrds.set(key, validate);
    }
    const v = validate;
    return (doc) => (v(doc) ? [] : (v.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`));
}
