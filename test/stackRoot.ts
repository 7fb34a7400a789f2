// A copy of the project's Pulumi.yaml and stack files in a temporary
// directory, with edits: how the suites try a broken stack file without
// touching the repository's (test/background.ts fails a run that does).
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { listStacks, projectRoot, stackFileName } from "../tools/stackFiles";

/** Text replacements in a stack file, by stack: each `from` must be in the shipped file, so a change to it shows here. */
export type StackFileEdits = Record<string, Array<[from: string, to: string]>>;

const roots: string[] = [];

/** A temporary root holding the repository's Pulumi.yaml and stack files, edited; removed by removeStackRoots. */
export function stackRoot(edits: StackFileEdits = {}): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "logscale-dr-stacks-"));
    roots.push(root);
    fs.copyFileSync(path.join(projectRoot, "Pulumi.yaml"), path.join(root, "Pulumi.yaml"));
    for (const stack of listStacks()) {
        let text = fs.readFileSync(path.join(projectRoot, stackFileName(stack)), "utf8");
        for (const [from, to] of edits[stack] ?? []) {
            assert.ok(text.includes(from), `${stackFileName(stack)} has no ${JSON.stringify(from)}`);
            text = text.replace(from, to);
        }
        fs.writeFileSync(path.join(root, stackFileName(stack)), text);
    }
    return root;
}

export function removeStackRoots(): void {
    for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
}
