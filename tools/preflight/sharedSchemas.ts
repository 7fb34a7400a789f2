// Upstream definitions the preflight checks against: Microsoft's REST API
// excerpts, the Kubernetes OpenAPI documents, CRDs and chart values. They live
// beside the repository in ../shared/schemas (its SOURCES.md names each file's
// origin) and are never copied into it. Each file is read and parsed once per
// process: a plan and a test matrix check many resources against few files.
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { projectRoot } from "../stackFiles";

export const sharedSchemasRoot = path.resolve(projectRoot, "../shared/schemas");

const parsed = new Map<string, unknown>();

function once<T>(key: string, load: () => T): T {
    if (!parsed.has(key)) parsed.set(key, load());
    return parsed.get(key) as T;
}

export function sharedExists(relative: string): boolean {
    return fs.existsSync(path.join(sharedSchemasRoot, relative));
}

/** A file's text; one line naming the folder when it is missing. */
export function sharedText(relative: string): string {
    const file = path.join(sharedSchemasRoot, relative);
    if (!fs.existsSync(file)) throw new Error(`upstream schemas not found: ${file} (the preflight reads them from ../shared/schemas beside the repository; see its SOURCES.md)`);
    return fs.readFileSync(file, "utf8");
}

export function sharedJson<T = any>(relative: string): T {
    return once(`json:${relative}`, () => JSON.parse(sharedText(relative)) as T);
}

/**
 * Every YAML document of a file (CRD files may hold several). Parsed with the
 * JSON schema's scalar types: every file there parses to the same values as
 * with js-yaml's default schema (test/preflight/sharedSchemas.spec.ts), three
 * times faster, and the largest CRDs are megabytes.
 */
export function sharedYaml<T = any>(relative: string): T[] {
    return once(`yaml:${relative}`, () => yaml.loadAll(sharedText(relative), undefined, { schema: yaml.JSON_SCHEMA }) as T[]);
}

/** The files of a folder, by name; none when it does not exist. */
export function sharedFiles(relativeDir: string): string[] {
    const dir = path.join(sharedSchemasRoot, relativeDir);
    return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}
