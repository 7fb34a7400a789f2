// The failover function's deployment package: functions/failover bundled by
// esbuild into one file, plus the host files. `npm run build` writes it to
// functions/failover/dist/<version>/ (artifact.ts: <version> hashes everything
// the bundle is built from, this file included); the program only reads it
// from there (a render writes nothing), and names its blob after the version,
// so a new build deploys as a new blob.
import * as fs from "fs";
import * as path from "path";
import { buildSync, BuildOptions } from "esbuild";
import { failoverNodeMajor } from "../../contract";
import { failoverDistDir, failoverPackageDir } from "./artifact";

const functionDir = __dirname;

const hostJson = { version: "2.0", logging: { logLevel: { default: "Information" } } };

const bundleOptions: BuildOptions = {
    entryPoints: [path.join(functionDir, "src/index.ts")],
    bundle: true,
    platform: "node",
    target: `node${failoverNodeMajor}`,
    format: "cjs",
    // Provided by the Functions worker at run time.
    external: ["@azure/functions-core"],
    // Some Azure SDK modules are ESM and read import.meta.url; give them the bundle's own URL.
    define: { "import.meta.url": "__bundleUrl" },
    banner: { js: 'const __bundleUrl = require("url").pathToFileURL(__filename).href;' },
    logLevel: "error",
};

/** Build the package into `dir` (default: its versioned folder); returns the folder and the files the bundle was built from. */
export function buildFailoverPackage(dir = failoverPackageDir()): { dir: string; inputs: string[] } {
    const { metafile } = buildSync({ ...bundleOptions, outfile: path.join(dir, "index.js"), metafile: true });
    fs.writeFileSync(path.join(dir, "host.json"), JSON.stringify(hostJson, null, 2));
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "logscale-dr-failover", version: "0.1.0", main: "index.js" }, null, 2));
    return { dir, inputs: Object.keys(metafile?.inputs ?? {}) };
}

if (require.main === module) {
    // Only the current version stays: older builds are never deployed again.
    fs.rmSync(failoverDistDir, { recursive: true, force: true });
    const { dir } = buildFailoverPackage();
    process.stdout.write(`built the failover package: ${path.relative(process.cwd(), dir)}\n`);
}
