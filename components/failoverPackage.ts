// The failover function's deployment package: functions/failover bundled with
// esbuild into one file, plus the host files, in a folder named by a hash of
// its sources and locked dependencies. Built once per source change; the
// package's blob takes the same name, so a new build deploys as a new blob.
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { buildSync } from "esbuild";

const root = path.resolve(__dirname, "..");
const functionDir = path.join(root, "functions/failover");

function sourceFiles(dir: string): string[] {
    return fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []))
        .sort();
}

/** Hash of everything the bundle is built from. */
export function failoverPackageVersion(): string {
    const hash = createHash("sha256");
    for (const file of [...sourceFiles(path.join(functionDir, "src")), path.join(functionDir, "package.json"), path.join(root, "package-lock.json")]) {
        hash.update(path.relative(root, file)).update("\0").update(fs.readFileSync(file)).update("\0");
    }
    return hash.digest("hex").slice(0, 12);
}

export const hostJson = { version: "2.0", logging: { logLevel: { default: "Information" } } };

/** Build the package folder if this version has none yet; returns its path and version. */
export function failoverPackage(): { dir: string; version: string } {
    const version = failoverPackageVersion();
    const dist = path.join(functionDir, "dist");
    const dir = path.join(dist, version);
    if (!fs.existsSync(path.join(dir, "index.js"))) {
        fs.rmSync(dist, { recursive: true, force: true });
        buildSync({
            entryPoints: [path.join(functionDir, "src/index.ts")],
            outfile: path.join(dir, "index.js"),
            bundle: true,
            platform: "node",
            target: "node20",
            format: "cjs",
            // Provided by the Functions worker at run time.
            external: ["@azure/functions-core"],
            // Some Azure SDK modules are ESM and read import.meta.url; give them the bundle's own URL.
            define: { "import.meta.url": "__bundleUrl" },
            banner: { js: 'const __bundleUrl = require("url").pathToFileURL(__filename).href;' },
            logLevel: "error",
        });
        fs.writeFileSync(path.join(dir, "host.json"), JSON.stringify(hostJson, null, 2));
        fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "logscale-dr-failover", version: "0.1.0", main: "index.js" }, null, 2));
    }
    return { dir, version };
}
