// Runs CrossGuard policies in-process the way the policy analyzer would:
// validateResource on each resource's inputs, validateStack on every
// resource's state with parents and dependencies linked. Used by
// `npm run policy` and by the policy tests.
import { EnforcementLevel, Policies, Policy, PolicyResource, ResourceValidationArgs, ResourceValidationPolicy, Secret as PolicySecret, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { RecordedOptions, Rendering, Secret } from "./offline/engine";

export interface Violation {
    policy: string;
    level: EnforcementLevel;
    message: string;
    urn?: string;
}

export interface PolicyResult {
    policy: string;
    level: EnforcementLevel;
    /** False when the policy found nothing to check (notApplicable everywhere, or no resource of its type). */
    applicable: boolean;
    violations: Violation[];
}

/** Policy config as the engine hands it over: per policy name, values beside the schema's defaults. */
export type PolicyConfig = Record<string, Record<string, unknown>>;

/** The analyzer's view of a resource. */
export interface AnalyzedResource {
    type: string;
    name: string;
    urn: string;
    parent: string | null;
    props: Record<string, any>;
    opts: RecordedOptions;
    dependencies: string[];
}

class NotApplicable extends Error {}

const notApplicable = (reason?: string): never => {
    throw new NotApplicable(reason ?? "not applicable");
};

/** Our secret marker as @pulumi/policy's, which is what a pack sees from the engine. */
function asPolicyValue(v: unknown): unknown {
    if (v instanceof Secret) return new PolicySecret(asPolicyValue(v.value));
    if (Array.isArray(v)) return v.map(asPolicyValue);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, asPolicyValue(x)]));
    return v;
}

function configFor(policy: Policy, config: PolicyConfig): Record<string, unknown> {
    const defaults = Object.fromEntries(Object.entries(policy.configSchema?.properties ?? {}).map(([k, s]) => [k, (s as { default?: unknown }).default]));
    return { ...defaults, ...(config[policy.name] ?? {}) };
}

function levelOf(policy: Policy, config: PolicyConfig): EnforcementLevel {
    return ((config[policy.name]?.enforcementLevel as EnforcementLevel) ?? policy.enforcementLevel ?? "advisory") as EnforcementLevel;
}

const isTypeOf = (type: string) => (resourceClass: unknown) => (resourceClass as { __pulumiType?: string }).__pulumiType === type;

function policyOptions(r: AnalyzedResource) {
    return {
        protect: r.opts.protect,
        ignoreChanges: r.opts.ignoreChanges,
        deleteBeforeReplace: r.opts.deleteBeforeReplace,
        aliases: r.opts.aliases,
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
        parent: r.parent ?? undefined,
    };
}

export function resourceArgs(r: AnalyzedResource, policyConfig: Record<string, unknown> = {}): ResourceValidationArgs {
    const props = asPolicyValue(r.props) as Record<string, any>;
    return {
        type: r.type,
        props,
        urn: r.urn,
        name: r.name,
        opts: policyOptions(r),
        stackTags: new Map(),
        isType: isTypeOf(r.type) as ResourceValidationArgs["isType"],
        asType: ((c: unknown) => (isTypeOf(r.type)(c) ? props : undefined)) as ResourceValidationArgs["asType"],
        getConfig: <T extends object>() => policyConfig as T,
        notApplicable,
    };
}

export function stackArgs(resources: AnalyzedResource[], policyConfig: Record<string, unknown> = {}): StackValidationArgs {
    const linked = new Map<string, PolicyResource>();
    for (const r of resources) {
        const props = asPolicyValue(r.props) as Record<string, any>;
        linked.set(r.urn, {
            type: r.type,
            props,
            urn: r.urn,
            name: r.name,
            opts: policyOptions(r),
            dependencies: [],
            propertyDependencies: {},
            isType: isTypeOf(r.type) as PolicyResource["isType"],
            asType: ((c: unknown) => (isTypeOf(r.type)(c) ? props : undefined)) as PolicyResource["asType"],
        });
    }
    for (const r of resources) {
        const p = linked.get(r.urn)!;
        if (r.parent && linked.has(r.parent)) p.parent = linked.get(r.parent);
        p.dependencies = r.dependencies.map((d) => linked.get(d)).filter((d): d is PolicyResource => !!d);
    }
    return { resources: [...linked.values()], stackTags: new Map(), getConfig: <T extends object>() => policyConfig as T, notApplicable };
}

/** A rendering as the analyzer sees it: inputs for resource policies, state (outputs) for stack policies. */
export function analyzedResources(rendering: Rendering, view: "inputs" | "state"): AnalyzedResource[] {
    return rendering.resources
        .filter((r) => !r.read)
        .map((r) => ({
            type: r.type,
            name: r.name,
            urn: r.urn,
            parent: r.parent,
            // The root stack's state is its outputs, as the engine records it.
            props: view === "inputs" ? r.inputs : r.type === "pulumi:pulumi:Stack" ? rendering.outputs : { ...r.inputs, ...r.state },
            opts: r.options,
            dependencies: r.options.dependsOn,
        }));
}

function isStackPolicy(p: Policy): p is StackValidationPolicy {
    return typeof (p as StackValidationPolicy).validateStack === "function";
}

/** Run every policy over a rendering. */
export function runPolicies(policies: Policies, rendering: Rendering, config: PolicyConfig = {}): Promise<PolicyResult[]> {
    return runPoliciesOn(policies, { inputs: analyzedResources(rendering, "inputs"), state: analyzedResources(rendering, "state") }, config);
}

/** Run every policy over resources: `inputs` for resource policies, `state` for stack policies. */
export async function runPoliciesOn(policies: Policies, stack: { inputs: AnalyzedResource[]; state: AnalyzedResource[] }, config: PolicyConfig = {}): Promise<PolicyResult[]> {
    const { inputs, state } = stack;
    const results: PolicyResult[] = [];
    for (const policy of policies) {
        const level = levelOf(policy, config);
        const result: PolicyResult = { policy: policy.name, level, applicable: false, violations: [] };
        results.push(result);
        if (level === "disabled") continue;
        const report = (message: string, urn?: string) => void result.violations.push({ policy: policy.name, level, message, urn });
        const policyConfig = configFor(policy, config);
        const run = async (validate: () => unknown) => {
            try {
                await validate();
                result.applicable = true;
            } catch (e) {
                if (!(e instanceof NotApplicable)) throw new Error(`policy ${policy.name} failed: ${e instanceof Error ? e.message : e}`);
            }
        };
        if (isStackPolicy(policy)) {
            await run(() => policy.validateStack(stackArgs(state, policyConfig), report));
            continue;
        }
        const validations = (policy as ResourceValidationPolicy).validateResource;
        for (const validate of Array.isArray(validations) ? validations : validations ? [validations] : []) {
            for (const r of inputs) await run(() => validate(resourceArgs(r, policyConfig), (message) => report(message, r.urn)));
        }
    }
    return results;
}
