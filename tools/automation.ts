// The Pulumi Automation API as the tools reach it (drctl's stacks, the plan
// diff's deployed base): the module, the name the backend knows a stack by,
// and why a call failed, in a line.
import { projectName } from "../contract";
import { stackNameOf } from "../config/peer";
import { listStacks, readStackConfig } from "./stackFiles";

/** The Automation API, imported by file: under esbuild-register importing the directory is a native ESM import, which Node refuses. */
export const automationApi = () => import("@pulumi/pulumi/automation/index.js");

/**
 * The name the other stack's file gives `stack` in its peerStack: fully
 * qualified, or a bare name the Pulumi CLI resolves in this project as `pulumi
 * up --stack <name>` does (pulumi/pulumi pkg/backend/httpstate/backend.go,
 * ParseStackReference); undefined when no stack file names it.
 */
export function peerStackName(stack: string): string | undefined {
    return listStacks()
        .filter((s) => s !== stack)
        .map((s) => String(readStackConfig(s).values[`${projectName}:peerStack`] ?? ""))
        .find((ref) => ref && stackNameOf(ref) === stack);
}

/**
 * Why an automation call failed, in a line: a CommandError's message is `code: N\n stdout: …\n stderr: …`
 * (@pulumi/pulumi automation/cmd.js, CommandResult.toString); when the CLI exits non-zero, execa's
 * "Command failed with exit code N: <command>" line comes before the CLI's own (automation/cmd.js exec).
 */
export function automationReason(e: unknown): string {
    const message = e instanceof Error ? e.message : String(e);
    if (/ENOENT: pulumi\b/.test(message)) return "the Pulumi CLI is not on PATH";
    return /stderr: (?:Command failed with exit code \d+: .*\n)?(.+)/.exec(message)?.[1] ?? message.split("\n")[0];
}
