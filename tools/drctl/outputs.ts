// The two stacks' outputs, as drctl needs them: from a JSON file
// ({ "primary": {...}, "secondary": {...} }, e.g. two `pulumi stack output
// --json --show-secrets`), or from the real stacks through the automation API.
import * as fs from "fs";
import { deployedStackOutputNames, StackOutputs } from "../../contract";
import { automationApi, automationReason, peerStackName } from "../automation";
import { projectRoot } from "../stackFiles";

export type RegionName = "primary" | "secondary";

/** One region's stack outputs, as the contract names them. */
export type RegionOutputs = StackOutputs & { stack: RegionName };

export interface PairOutputs {
    primary: RegionOutputs;
    secondary: RegionOutputs;
}

export class OutputsError extends Error {}

/** Validate one region's outputs; every missing one is named. */
export function regionOutputs(stack: RegionName, raw: Record<string, unknown> | undefined): RegionOutputs {
    if (!raw || typeof raw !== "object") throw new OutputsError(`no outputs for the ${stack} stack`);
    // What `pulumi stack output --json` prints for a secret without --show-secrets.
    const hidden = Object.keys(raw).filter((k) => JSON.stringify(raw[k]).includes('"[secret]"') || raw[k] === "[secret]");
    if (hidden.length) throw new OutputsError(`the ${stack} stack's outputs hold [secret] for ${hidden.join(", ")}: write them with pulumi stack output --json --show-secrets (and keep the file in .drctl/, which git ignores)`);
    const missing = deployedStackOutputNames.filter((k) => raw[k] === undefined || raw[k] === "");
    if (missing.length) throw new OutputsError(`the ${stack} stack's outputs lack ${missing.join(", ")}`);
    return { ...(raw as Omit<RegionOutputs, "stack">), stack };
}

export function pairOutputs(raw: Record<string, Record<string, unknown> | undefined>): PairOutputs {
    const pair = { primary: regionOutputs("primary", raw.primary), secondary: regionOutputs("secondary", raw.secondary) };
    if (!pair.primary.trafficManagerProfileId || !pair.primary.primaryEndpointName) {
        throw new OutputsError("the primary stack's outputs lack trafficManagerProfileId, primaryEndpointName: it must manage global DNS");
    }
    return pair;
}

/** The stacks' names, as each stack file's peerStack names the other (tools/automation.ts). */
export function stackReferences(): Record<RegionName, string> {
    const [primary, secondary] = [peerStackName("primary"), peerStackName("secondary")];
    if (!primary || !secondary) throw new OutputsError("Pulumi.primary.yaml and Pulumi.secondary.yaml must name each other in peerStack");
    return { primary, secondary };
}

/** One stack of the pair through the automation API. */
export async function selectStack(region: RegionName) {
    const { LocalWorkspace } = await automationApi();
    return LocalWorkspace.selectStack({ stackName: stackReferences()[region], workDir: projectRoot });
}

export async function loadOutputs(file?: string): Promise<PairOutputs> {
    if (file) return pairOutputs(JSON.parse(fs.readFileSync(file, "utf8")));
    const refs = stackReferences();
    const raw: Record<string, Record<string, unknown>> = {};
    for (const region of ["primary", "secondary"] as const) {
        try {
            const stack = await selectStack(region);
            raw[region] = Object.fromEntries(Object.entries(await stack.outputs()).map(([k, v]) => [k, v.value]));
        } catch (e) {
            throw new OutputsError(`reading ${refs[region]} through the Pulumi automation API failed (${automationReason(e)}); pass --outputs <file.json> instead`);
        }
    }
    return pairOutputs(raw);
}
