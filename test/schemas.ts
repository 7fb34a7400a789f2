// Upstream definitions (CRDs, chart values, OpenAPI documents) live beside
// the repository, in ../shared/schemas (see its SOURCES.md), never in it.
import * as fs from "fs";
import * as path from "path";
import { projectRoot } from "../tools/stackFiles";

const sharedSchemas = path.resolve(projectRoot, "../shared/schemas");

/** An upstream file by its path under ../shared/schemas; one line naming the folder when it is missing. */
export function sharedSchema(relative: string): string {
    const file = path.join(sharedSchemas, relative);
    if (!fs.existsSync(file)) throw new Error(`upstream schemas not found: ${file} (the tests read them from ../shared/schemas beside the repository; see its SOURCES.md)`);
    return fs.readFileSync(file, "utf8");
}
