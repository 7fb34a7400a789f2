// The commands the repository's documents show, as a reader sees them: every
// `npm run` in a shell block, in a `$ ` transcript (with the output shown
// under it) or in inline code. The suites run each one as written.
import * as fs from "fs";
import * as path from "path";
import { projectRoot } from "../tools/stackFiles";

/** The documents whose commands the suites run: the README and every document under docs/. */
export const documents = ["README.md", ...fs.readdirSync(path.join(projectRoot, "docs")).filter((f) => f.endsWith(".md")).sort().map((f) => `docs/${f}`)];

export interface DocCommand {
    /** `file:line` of the command. */
    where: string;
    /** The command line as written (continuations joined), without its comment. */
    text: string;
    /** The `# …` comment beside it in a shell block. */
    comment: string;
    /** The output a `$ ` transcript shows under it. */
    output?: string[];
}

export interface NpmRun {
    script: string;
    args: string[];
    /** The line redirects output (`> file`): only a shell runs it as written. */
    redirects: boolean;
}

function readDoc(file: string): string[] {
    const full = path.join(projectRoot, file);
    if (!fs.existsSync(full)) throw new Error(`${file} is missing`);
    return fs.readFileSync(full, "utf8").split("\n");
}

/** Strips a trailing shell comment (a `#` after whitespace). */
function splitComment(line: string): [string, string] {
    const m = /\s#\s?(.*)$/.exec(line);
    return m ? [line.slice(0, m.index).trimEnd(), m[1]] : [line.trimEnd(), ""];
}

/**
 * Every command line of one document: shell blocks, transcripts and inline
 * code. A block may be indented (inside a list item): its fences and commands
 * are read without the indentation; a transcript's output as written.
 */
function documentedCommands(file: string): DocCommand[] {
    const raw = readDoc(file);
    const lines = raw.map((l) => l.trimStart());
    const out: DocCommand[] = [];
    let fence: string | undefined;
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        const opening = /^```(\S*)/.exec(line);
        if (opening && fence === undefined) {
            fence = opening[1];
            continue;
        }
        if (line.startsWith("```")) {
            fence = undefined;
            continue;
        }
        if (fence === undefined) {
            for (const m of line.matchAll(/`(npm run [^`]+)`/g)) out.push({ where: `${file}:${i + 1}`, text: m[1], comment: "" });
            continue;
        }
        const transcript = line.startsWith("$ ");
        if (fence === "mermaid" || !(fence === "sh" || transcript) || /^(#|$)/.test(line)) continue;
        const start = i;
        let text = transcript ? line.slice(2) : line;
        while (text.endsWith("\\") && i + 1 < lines.length) text = `${text.slice(0, -1).trimEnd()} ${lines[++i].trim()}`;
        const [command, comment] = splitComment(text);
        const cmd: DocCommand = { where: `${file}:${start + 1}`, text: command, comment };
        if (transcript) {
            cmd.output = [];
            while (i + 1 < lines.length && !lines[i + 1].startsWith("```") && !lines[i + 1].startsWith("$ ")) cmd.output.push(raw[++i]);
        }
        out.push(cmd);
    }
    return out;
}

/** The `npm run` invocations of a command line (`a && npm run b -- …`), parsed as npm would. */
function npmRuns(text: string): NpmRun[] {
    return text
        .split("&&")
        .map((part) => part.trim().match(/(?:<[^>]*>|[^\s<])+/g) ?? [])
        .filter((words) => words[0] === "npm" && words[1] === "run")
        .map((words) => {
            const rest = words.slice(2).filter((w) => w !== "-s" && w !== "--silent");
            const [script, ...after] = rest;
            const args = after[0] === "--" ? after.slice(1) : after;
            const redirect = args.findIndex((a) => a === ">" || a.startsWith(">"));
            return { script, args: redirect < 0 ? args : args.slice(0, redirect), redirects: redirect >= 0 };
        });
}

/** Every documented `npm run`, with where it stands. */
export function documentedNpmRuns(): Array<DocCommand & NpmRun> {
    return documents.flatMap((f) => documentedCommands(f).flatMap((c) => npmRuns(c.text).map((r) => ({ ...c, ...r }))));
}

/** A usage synopsis (`npm run plan -- [--stack <name>]…`) describes commands; it is not one. */
export const isSynopsis = (r: NpmRun): boolean => r.args.some((a) => a.startsWith("["));

/** The first `sh` block after `heading` in a document, as written. */
export function docBlock(file: string, heading: string): string {
    const doc = readDoc(file).join("\n");
    const at = doc.indexOf(`\n${heading}\n`);
    const block = at < 0 ? null : /```sh\n([\s\S]*?)```/.exec(doc.slice(at));
    if (!block) throw new Error(`${file} has no sh block under "${heading}"`);
    return block[1];
}

/**
 * Whether `actual` is what a transcript shows: line by line, where `…` within
 * a line stands for any text and a line of only `…` for any number of lines.
 */
export function matchesTranscript(shown: string[], actual: string[]): boolean {
    const lineMatches = (s: string, a: string) => new RegExp(`^${s.split("…").map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`).test(a);
    const match = (i: number, j: number): boolean => {
        if (i === shown.length) return j === actual.length;
        if (shown[i].trim() === "…") return match(i + 1, j) || (j < actual.length && match(i, j + 1));
        return j < actual.length && lineMatches(shown[i], actual[j]) && match(i + 1, j + 1);
    };
    return match(0, 0);
}
