// Where the failover function's package is and which version it is, without
// building anything: the program reads it on every render, `npm run build`
// (bundle.ts) writes it. Kept apart from the build so a render loads no
// bundler.
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";

const root = path.resolve(__dirname, "../..");

/** The sources the bundle may include from this repository: the function and the contract it shares with the program. */
export const packageSourceDirs = ["functions/failover/src", "contract"];

function sourceFiles(dir: string): string[] {
    return fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []))
        .sort();
}

let version: string | undefined;

/** Hash of everything the bundle is built from: its sources, the locked dependencies and the build definition. Sources do not change while a process runs: hashed once. */
export function failoverPackageVersion(): string {
    if (version === undefined) {
        const hash = createHash("sha256");
        const inputs = [
            ...packageSourceDirs.flatMap((d) => sourceFiles(path.join(root, d))),
            path.join(root, "functions/failover/package.json"),
            path.join(root, "package-lock.json"),
            path.join(root, "functions/failover/bundle.ts"),
        ];
        for (const file of inputs) hash.update(path.relative(root, file)).update("\0").update(fs.readFileSync(file)).update("\0");
        version = hash.digest("hex").slice(0, 12);
    }
    return version;
}

/** Where `npm run build` puts packages (ignored by git). */
export const failoverDistDir = path.join(root, "functions/failover/dist");

/** Where `npm run build` puts the package of this version. */
export function failoverPackageDir(version = failoverPackageVersion()): string {
    return path.join(failoverDistDir, version);
}

/** The same folder from the project root, where Pulumi runs the program and starts its providers: the path the upload reads at deploy time. */
export function failoverPackageProjectDir(version = failoverPackageVersion()): string {
    return path.relative(root, failoverPackageDir(version));
}
