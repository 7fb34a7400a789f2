// A section of a document that a tool generates: the text between two marker
// comments, rewritten by `--write` only when it changed, so the command is
// safe to run at any time and a test can run it as the docs show it.
import * as fs from "fs";

export interface GeneratedSection {
    /** The document, as a path. */
    doc: string;
    /** The document's name in messages (docs/versions.md). */
    name: string;
    start: string;
    end: string;
}

/** `doc` with the text between the section's markers replaced by `text`. */
export function withSection(section: Pick<GeneratedSection, "start" | "end">, doc: string, text: string): string {
    const [start, end] = [doc.indexOf(section.start), doc.indexOf(section.end)];
    if (start < 0 || end < start) throw new Error(`the document has no "${section.start}" … "${section.end}" section`);
    return `${doc.slice(0, start + section.start.length)}\n${text}\n${doc.slice(end)}`;
}

/** The command line's work: print `text`, or with --write put it into the document (untouched when unchanged). */
export function printOrWrite(section: GeneratedSection, text: string, argv: string[], out: NodeJS.WritableStream = process.stdout): void {
    if (!argv.includes("--write")) {
        out.write(`${text}\n`);
        return;
    }
    const was = fs.readFileSync(section.doc, "utf8");
    const now = withSection(section, was, text);
    if (was === now) out.write(`${section.name} is up to date\n`);
    else {
        fs.writeFileSync(section.doc, now);
        out.write(`${section.name}: table rewritten\n`);
    }
}
