// npm run sync:pulumi-yaml — writes Pulumi.yaml's config schema from
// stacks/configSchema.ts, the single place config keys are declared.
import * as fs from "fs";
import * as path from "path";
import { configKeys, ConfigKeySpec, projectName } from "../stacks/configSchema";
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
    for (const [key, spec] of Object.entries(configKeys) as [string, ConfigKeySpec][]) {
        lines.push(`  ${key}:`, `    type: ${spec.type}`);
        if (spec.type === "array") lines.push("    items:", "      type: string");
        if (spec.secret) lines.push("    secret: true");
        if (spec.default !== undefined) lines.push(`    default: ${JSON.stringify(spec.default)}`);
        lines.push(`    description: ${JSON.stringify(spec.description)}`);
    }
    return `${lines.join("\n")}\n`;
}

if (require.main === module) fs.writeFileSync(path.join(projectRoot, "Pulumi.yaml"), pulumiYaml());
