// Who can do what where, read from the rendered plans rather than written by
// hand: every Azure role assignment of the shipped stacks (and of the
// Application Gateway edge), as principal, role and scope.
//
//   node -r esbuild-register tools/securityModel.ts           prints the table
//   node -r esbuild-register tools/securityModel.ts --write   rewrites it in docs/security.md
import * as path from "path";
import { builtInRoles } from "../components/roles";
import { BringUp, StackPlan } from "./bringUp";
import { printOrWrite } from "./generatedSection";
import { RecordedResource } from "./offline/engine";
import { projectRoot } from "./stackFiles";

export interface RoleRow {
    where: string;
    principal: string;
    role: string;
    scope: string;
}

const state = (r: RecordedResource) => r.state as Record<string, any>;
const inputs = (r: RecordedResource) => r.inputs as Record<string, any>;

/** A resource id as a reader names it: its types and names below the provider (a blob container with its account), or the resource group. */
export function scopeName(id: string): string {
    const parts = id.split("/").filter(Boolean);
    if (parts.length <= 2) return "the subscription";
    const provider = parts.indexOf("providers");
    if (provider < 0) return `resource group ${parts[3]}`;
    return parts
        .slice(provider + 2)
        .join("/")
        .replace(/\/blobServices\/default\//, "/");
}

/** Which principal an id is, by what the plan registered: an identity, a cluster's kubelet, an Entra ID service principal. */
function principals(p: StackPlan): Map<string, string> {
    const out = new Map<string, string>();
    for (const r of p.rendering.resources) {
        const s = state(r);
        if (r.type === "azure-native:managedidentity:UserAssignedIdentity" && s.principalId) out.set(s.principalId, `identity ${inputs(r).resourceName}`);
        if (r.type === "azure-native:containerservice:ManagedCluster" && s.identityProfile?.kubeletidentity?.objectId) out.set(s.identityProfile.kubeletidentity.objectId, `kubelet of ${inputs(r).resourceName}`);
        if (r.type === "azuread:index/servicePrincipal:ServicePrincipal" && s.objectId) out.set(s.objectId, `service principal ${r.name}`);
    }
    return out;
}

/** A role definition id as its name: a built-in role's, or the custom role the plan defines. */
function roleNames(p: StackPlan): (id: string) => string {
    const builtIn = new Map<string, string>(Object.entries(builtInRoles).map(([name, guid]) => [guid, name]));
    const custom = new Map(p.rendering.resources.filter((r) => r.type === "azure-native:authorization:RoleDefinition").map((r) => [String(state(r).id), `custom: ${inputs(r).roleName} (${(inputs(r).permissions?.[0]?.actions ?? []).join(", ")})`]));
    return (id) => custom.get(id) ?? builtIn.get(id.split("/").pop() ?? "") ?? id;
}

/** The role assignments of one rendering. */
export function roleRows(where: string, p: StackPlan): RoleRow[] {
    const who = principals(p);
    const role = roleNames(p);
    return p.rendering.resources
        .filter((r) => r.type === "azure-native:authorization:RoleAssignment")
        .map((r) => ({ where, principal: who.get(String(inputs(r).principalId)) ?? `unknown principal (${r.name})`, role: role(String(inputs(r).roleDefinitionId)), scope: scopeName(String(inputs(r).scope)) }))
        .sort((a, b) => `${a.principal}${a.role}${a.scope}`.localeCompare(`${b.principal}${b.role}${b.scope}`));
}

/** The renderings the table covers: each shipped stack, and the Application Gateway edge where it adds assignments. */
export interface SecurityPlan {
    where: string;
    /** The stack it varies, whose rows it does not repeat. */
    stack: string;
    plan: StackPlan;
}

export async function securityPlans(session = new BringUp()): Promise<SecurityPlan[]> {
    return [
        { where: "primary (active)", stack: "primary", plan: await session.planStack("primary", [], []) },
        { where: "secondary (standby)", stack: "secondary", plan: await session.planStack("secondary", [], []) },
        { where: "primary, edge=appGateway", stack: "primary", plan: await session.planStack("primary", ["edge=appGateway"], []) },
    ];
}

export function roleTable(plans: SecurityPlan[]): string {
    const seen = new Set<string>();
    const rows: RoleRow[] = [];
    for (const { where, stack, plan } of plans) {
        for (const row of roleRows(where, plan)) {
            // A variant of a stack lists only what it adds.
            const key = `${stack}|${row.principal}|${row.role}|${row.scope}`;
            if (seen.has(key)) continue;
            seen.add(key);
            rows.push(row);
        }
    }
    const cell = (s: string) => s.replace(/\|/g, "\\|");
    return ["| stack | principal | role | scope |", "|---|---|---|---|", ...rows.map((r) => `| ${[r.where, r.principal, r.role, r.scope].map(cell).join(" | ")} |`)].join("\n");
}

export const securityDoc = path.join(projectRoot, "docs/security.md");
export const roleSection = { doc: securityDoc, name: "docs/security.md", start: "<!-- role table: generated from tools/securityModel.ts -->", end: "<!-- end of role table -->" };

if (require.main === module) {
    securityPlans()
        .then((plans) => printOrWrite(roleSection, roleTable(plans), process.argv))
        .then(() => process.exit(0), (e) => {
            process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
            process.exit(1);
        });
}
