// The preflight: what Azure, Kubernetes and Helm would refuse (or silently
// ignore), found in an offline rendering before `pulumi up`. Five rule
// families, one file each: Azure REST definitions and naming rules
// (azureRest.ts, azureNames.ts), two declarations of one ARM id (armIds.ts),
// Kubernetes objects against their OpenAPI schemas and CRDs (kubernetes.ts),
// Helm values against their charts (helmValues.ts), and semantic rules
// (semantic.ts). `npm run plan` prints the findings and exits 1 on any.
import { StackPlan } from "../bringUp";
import { armIdRules, duplicateIdViolations } from "./armIds";
import { azureNameRules, azureNameViolations } from "./azureNames";
import { azureRestRules, azureRestViolations, coveredTypes } from "./azureRest";
import { createOnlyRules } from "./createOnly";
import { helmRules, helmValueViolations } from "./helmValues";
import { kubernetesRules, kubernetesViolations } from "./kubernetes";
import { managed, PreflightInput, Rule, Violation } from "./report";
import { semanticRules, semanticViolations } from "./semantic";

export interface PreflightReport {
    violations: Violation[];
    /** What could not be checked: no upstream schema or values for it. */
    unchecked: string[];
    checked: {
        /** azure-native resources (naming, duplicate ids, semantic rules). */
        azureResources: number;
        /** Of those, the ones a REST definition covers. */
        azureRestDefinitions: number;
        kubernetesObjects: number;
        helmReleases: number;
    };
}

export const preflightRules: Rule[] = [...azureRestRules, ...createOnlyRules, ...azureNameRules, ...armIdRules, ...kubernetesRules, ...helmRules, ...semanticRules];

/** What the preflight reads of a stack's plan: the registrations, the cluster's version, the peer's outputs. */
export function preflightInput(plan: StackPlan): PreflightInput {
    return {
        resources: plan.rendering.resources,
        kubernetesVersion: String(plan.config.values[`${plan.rendering.project}:kubernetesVersion`]),
        peerOutputs: plan.peer?.outputs,
    };
}

/** A REST definition and a naming rule may both find a name wrong: the naming rule's finding goes where the definition has one. */
function namesNotInRest(names: Violation[], rest: Violation[]): Violation[] {
    const flagged = new Set(rest.map((v) => `${v.urn}|${v.property}`));
    return names.filter((v) => !flagged.has(`${v.urn}|${v.property}`));
}

export function preflight(input: PreflightInput): PreflightReport {
    const kubernetes = kubernetesViolations(input);
    const helm = helmValueViolations(input);
    const azure = managed(input.resources, "azure-native:");
    const covered = new Set(coveredTypes());
    const rest = azureRestViolations(input);
    return {
        violations: [
            ...rest,
            ...namesNotInRest(azureNameViolations(input), rest),
            ...duplicateIdViolations(input),
            ...kubernetes.violations,
            ...helm.violations,
            ...semanticViolations(input),
        ],
        unchecked: [...kubernetes.unchecked, ...helm.unchecked],
        checked: {
            azureResources: azure.length,
            azureRestDefinitions: azure.filter((r) => covered.has(r.type)).length,
            kubernetesObjects: kubernetes.checked,
            helmReleases: helm.checked,
        },
    };
}

export function preflightPlan(plan: StackPlan): PreflightReport {
    return preflight(preflightInput(plan));
}
