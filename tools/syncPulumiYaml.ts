// npm run sync:pulumi-yaml — writes Pulumi.yaml's config schema from
// config/keys.ts, the single place config keys are declared.
import * as fs from "fs";
import * as path from "path";
import { projectName } from "../contract";
import { configKeys, KeySpec, SecretKeySpec } from "../config/keys";
import { projectRoot } from "./stackFiles";

export function pulumiYaml(): string {
    const lines = [
        `name: ${projectName}`,
        "description: Falcon LogScale on Azure AKS as an active-passive disaster-recovery pair",
        "runtime:",
        "  name: nodejs",
        "  options:",
        "    typescript: true",
        "    packagemanager: npm",
        "config:",
    ];
    for (const [key, spec] of Object.entries(configKeys) as Array<[string, KeySpec<unknown> | SecretKeySpec]>) {
        lines.push(`  ${key}:`, `    type: ${spec.type}`);
        if (spec.type === "array") lines.push("    items:", "      type: string");
        if (spec.secret) lines.push("    secret: true");
        if (!spec.secret && spec.default !== undefined) lines.push(`    default: ${JSON.stringify(spec.default)}`);
        lines.push(`    description: ${JSON.stringify(spec.description)}`);
    }
    return `${lines.join("\n")}\n`;
}

if (require.main === module) {
    const file = path.join(projectRoot, "Pulumi.yaml");
    // Written only when it differs, so a run on a synced tree changes nothing.
    if (fs.readFileSync(file, "utf8") === pulumiYaml()) process.stdout.write("Pulumi.yaml is in sync with config/keys.ts\n");
    else {
        fs.writeFileSync(file, pulumiYaml());
        process.stdout.write("wrote Pulumi.yaml from config/keys.ts\n");
    }
}
