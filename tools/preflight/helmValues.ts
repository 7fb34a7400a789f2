// Rule family 4: every Helm release's values against its chart. Helm renders
// templates with whatever values it is given: a key no template reads is
// ignored, so a misspelt one changes nothing and says nothing. A chart with a
// values.schema.json is validated against it on install, upgrade, lint and
// template (Helm docs, "Charts": Schema Files; `helm lint --skip-schema-validation`
// turns that off), so there the schema decides; elsewhere every key path a
// release sets must exist in the chart's values.yaml. A key whose default is
// an empty map (nodeSelector: {}) or null takes any keys below it.
// Releases are mapped to their chart by name and version (charts.ts).
import { ErrorObject } from "ajv";
import { chartFiles, releaseChart, releases } from "./charts";
import { compile, isObject, prune } from "./jsonSchema";
import { plainInputs, PreflightInput, propertyPath, Rule, violation, Violation } from "./report";
import { sharedJson, sharedYaml } from "./sharedSchemas";

/** Key paths of `values` that `defaults` (a chart's values.yaml) does not have. */
export function unknownKeys(values: unknown, defaults: unknown, at: string[] = []): string[][] {
    if (!isObject(values) || !isObject(defaults) || Object.keys(defaults).length === 0) return [];
    return Object.entries(values).flatMap(([key, v]) => (key in defaults ? unknownKeys(v, defaults[key], [...at, key]) : [[...at, key]]));
}

/** Helm's coalescing of user values over the chart's defaults: maps merge, anything else replaces, null deletes. */
export function coalesce(defaults: unknown, values: unknown): unknown {
    if (!isObject(defaults) || !isObject(values)) return values === undefined ? defaults : values;
    const out: Record<string, unknown> = { ...defaults };
    for (const [k, v] of Object.entries(values)) {
        if (v === null) delete out[k];
        else out[k] = coalesce(defaults[k], v);
    }
    return out;
}

function schemaErrors(schemaFile: string, merged: unknown): ErrorObject[] {
    const schema = sharedJson(schemaFile);
    const validate = compile(prune(schema, merged, schema, { close: false, patch: false }));
    return validate(merged) ? [] : (validate.errors ?? []).filter((e) => e.keyword !== "anyOf" && e.keyword !== "oneOf");
}

export interface HelmResult {
    violations: Violation[];
    unchecked: string[];
    checked: number;
}

export function helmValueViolations(input: PreflightInput): HelmResult {
    const result: HelmResult = { violations: [], unchecked: [], checked: 0 };
    for (const release of releases(input.resources)) {
        const { name, version } = releaseChart(release);
        const chart = chartFiles(name, version);
        const values = plainInputs((release.inputs as Record<string, unknown>).values ?? {});
        if (!chart?.values) {
            result.unchecked.push(`${release.type} ${release.name}: no values file for chart ${name} ${version} in ../shared/schemas`);
            continue;
        }
        result.checked++;
        const defaults = sharedYaml(chart.values)[0] ?? {};
        if (chart.valuesSchema) {
            for (const e of schemaErrors(chart.valuesSchema, coalesce(defaults, values))) {
                const at = e.instancePath.split("/").slice(1);
                const key = e.keyword === "additionalProperties" ? [...at, (e.params as any).additionalProperty] : at;
                const text = e.keyword === "additionalProperties" ? `helm.schema: values key ${JSON.stringify(key.join("."))} is not allowed` : `helm.schema: ${key.join(".") || "values"} ${e.message}`;
                result.violations.push(violation("helm.schema", release, propertyPath(["values", ...key]), text, `${chart.name} ${chart.version} ${chart.valuesSchema}`));
            }
            continue;
        }
        for (const key of unknownKeys(values, defaults)) {
            const text = `helm.unknownKey: ${JSON.stringify(key.join("."))} is not a key of the chart's values, so no template reads it`;
            result.violations.push(violation("helm.unknownKey", release, propertyPath(["values", ...key]), text, `${chart.name} ${chart.version} ${chart.values}`));
        }
    }
    return result;
}

const helmSource = "Helm docs, Charts: values and Schema Files; the charts' values.yaml and values.schema.json (../shared/schemas)";

export const helmRules: Rule[] = [
    { id: "helm.unknownKey", summary: "every values key path exists in the chart's values.yaml", source: helmSource },
    { id: "helm.schema", summary: "values satisfy the chart's values.schema.json", source: helmSource },
];
