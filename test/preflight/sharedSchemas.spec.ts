// The preflight parses the upstream YAML files with js-yaml's JSON schema
// (faster on megabyte CRDs): every one of them must parse to the same values
// as with the default schema, or the checks would read something else.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { sharedSchemasRoot, sharedYaml } from "../../tools/preflight/sharedSchemas";

function yamlFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? yamlFiles(path.join(dir, e.name)) : e.name.endsWith(".yaml") ? [path.join(dir, e.name)] : []));
}

describe("preflight: upstream YAML", function () {
    this.timeout(60_000);
    it("parses to the same values with the JSON schema as with js-yaml's default", () => {
        const files = yamlFiles(sharedSchemasRoot);
        assert.ok(files.length > 0, `no YAML files in ${sharedSchemasRoot}`);
        for (const file of files) assert.deepStrictEqual(sharedYaml(path.relative(sharedSchemasRoot, file)), yaml.loadAll(fs.readFileSync(file, "utf8")), file);
    });
});
