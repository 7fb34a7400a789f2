// The layers of docs/design.md, from every import in the repository: who may
// import whom, so the contract stays dependency-free, components know
// nothing of config, and the policy pack and the offline engine stay
// independent of the program.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { projectRoot } from "../../tools/stackFiles";
import { documents } from "../docs";

function sources(dir: string): string[] {
    return fs
        .readdirSync(path.join(projectRoot, dir), { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? (e.name === "node_modules" || e.name === "dist" ? [] : sources(path.join(dir, e.name))) : /\.(ts|js)$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

/** The repository files a source file imports (relative imports only), as paths from the root. */
function localImports(file: string): string[] {
    const code = fs.readFileSync(path.join(projectRoot, file), "utf8");
    const specifiers = [...code.matchAll(/(?:import|export)[^"'`]*?from\s+["']([^"']+)["']|require\(\s*["']([^"']+)["']\s*\)|import\(\s*["']([^"']+)["']\s*\)|import\s+["']([^"']+)["']/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4]);
    return specifiers.filter((s) => s.startsWith(".")).map((s) => path.relative(projectRoot, path.resolve(path.dirname(path.join(projectRoot, file)), s)));
}

const layerOf = (p: string) => (p.startsWith("functions/failover/src") ? "functions/failover/src" : p.startsWith("tools/offline") ? "tools/offline" : p.split("/")[0]);

/** What each layer may import, by layer; a layer may always import itself. */
const allowed: Record<string, string[]> = {
    contract: [],
    config: ["contract"],
    components: ["contract"],
    model: ["contract", "config", "components"],
    stacks: ["contract", "config", "components", "model", "functions/failover/artifact"],
    "functions/failover/src": ["contract"],
    "tools/offline": [],
    policy: [],
};

describe("layers", () => {
    const files = ["contract", "config", "components", "model", "stacks", "functions", "policy", "tools"].flatMap(sources);

    it("every layer imports only what it may", () => {
        const violations: string[] = [];
        for (const file of files) {
            const layer = layerOf(file);
            const may = allowed[layer];
            if (!may) continue;
            for (const target of localImports(file)) {
                const targetLayer = layerOf(target);
                if (targetLayer === layer || may.some((m) => target === m || target.startsWith(`${m}/`) || targetLayer === m)) continue;
                violations.push(`${file} imports ${target}`);
            }
        }
        assert.deepStrictEqual(violations, []);
    });

    it("the contract imports nothing at all, not even packages", () => {
        for (const file of sources("contract")) assert.doesNotMatch(fs.readFileSync(path.join(projectRoot, file), "utf8"), /\bimport\b|\brequire\(/, file);
    });

    it("only the region plan branches on the DR mode", () => {
        const branches = files.filter((f) => /^(components|model|stacks|config)\//.test(f) && f !== "model/regionPlan.ts" && f !== "config/rules.ts" && /\b(s|settings|config)\.dr\b|\bdr === |\.dr ===|dr !== /.test(fs.readFileSync(path.join(projectRoot, f), "utf8")));
        // config/rules.ts validates: a standby needs a peer; it decides nothing.
        assert.deepStrictEqual(branches, []);
    });

    it("nothing refers to files outside the repository but the upstream schemas beside it", () => {
        const outside = [...files, ...sources("test"), ...documents].filter((f) => /DESIGN\.md|\.\.\/shared\/(?!schemas)/.test(fs.readFileSync(path.join(projectRoot, f), "utf8")));
        assert.deepStrictEqual(outside, []);
    });
});
