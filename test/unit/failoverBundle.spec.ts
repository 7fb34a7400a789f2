// The failover function's package: built by an explicit step (npm run build),
// deterministic, named by a hash of everything it is built from, loadable by
// the Functions host on its own. Built into a temporary folder here: tests
// write nothing into the repository.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { failoverPackageDir, failoverPackageVersion, packageSourceDirs } from "../../functions/failover/artifact";
import { buildFailoverPackage } from "../../functions/failover/bundle";
import { projectRoot } from "../../tools/stackFiles";

describe("failover package", function () {
    this.timeout(60_000);
    let dir: string;
    let inputs: string[];
    before(() => {
        ({ dir, inputs } = buildFailoverPackage(fs.mkdtempSync(path.join(os.tmpdir(), "failover-package-"))));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("bundles the function into one file the Functions host can load", () => {
        assert.deepStrictEqual(fs.readdirSync(dir).sort(), ["host.json", "index.js", "package.json"]);
        assert.strictEqual(JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).main, "index.js");
        assert.strictEqual(JSON.parse(fs.readFileSync(path.join(dir, "host.json"), "utf8")).version, "2.0");
        // Load it alone, outside this repository's node_modules, as the host would.
        const exported = execFileSync(process.execPath, ["-e", `console.log(Object.keys(require(${JSON.stringify(path.join(dir, "index.js"))})).join(","))`], {
            cwd: "/",
            encoding: "utf8",
            env: { PATH: process.env.PATH, NODE_PATH: "" },
        });
        assert.match(exported, /alertHandler/);
        assert.match(exported, /evaluationTimer/);
    });

    it("is deterministic: the same sources build the same bytes", () => {
        const again = buildFailoverPackage(fs.mkdtempSync(path.join(os.tmpdir(), "failover-package-"))).dir;
        try {
            for (const f of fs.readdirSync(dir)) assert.ok(fs.readFileSync(path.join(dir, f)).equals(fs.readFileSync(path.join(again, f))), f);
        } finally {
            fs.rmSync(again, { recursive: true, force: true });
        }
    });

    it("its version hashes every repository file the bundle includes", () => {
        const local = inputs.filter((f) => !f.includes("node_modules/"));
        assert.ok(local.length > 5);
        assert.deepStrictEqual(local.filter((f) => !packageSourceDirs.some((d) => path.relative(projectRoot, path.resolve(f)).startsWith(`${d}/`))), []);
        assert.match(failoverPackageVersion(), /^[0-9a-f]{12}$/);
        assert.ok(failoverPackageDir().startsWith(path.join(projectRoot, "functions/failover/dist/")));
    });
});
