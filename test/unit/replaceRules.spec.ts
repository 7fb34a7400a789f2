// What replaces a resource, from the providers' rules and Microsoft's REST API
// definitions (tools/replaceRules.ts), as the promotion diff applies them: a
// create-only property changes → replace, at any depth; an updatable one →
// update.
import * as assert from "assert";
import { diffRenderings } from "../../tools/planDiff";
import { restReplaceInputs } from "../../tools/preflight/azureRest";
import { createOnlyPaths, isUnder, sdkPathParameters } from "../../tools/replaceRules";
import { oneResourceRendering } from "../helpers";

const rendering = oneResourceRendering;

function change(type: string, before: Record<string, unknown>, after: Record<string, unknown>) {
    const [c] = diffRenderings(rendering(type, before), rendering(type, after)).changes;
    return [c.kind, c.replaceBecause];
}

describe("replace rules", () => {
    const server = "azure-native:dbforpostgresql:Server";
    const base = { resourceGroupName: "rg", serverName: "pg", location: "westus", backup: { backupRetentionDays: 7, geoRedundantBackup: "Enabled" } };

    it("a nested create-only property change is a replacement (Servers.json: Backup.geoRedundantBackup is create/read)", () => {
        assert.deepStrictEqual(change(server, base, { ...base, backup: { ...base.backup, geoRedundantBackup: "Disabled" } }), ["replace", ["backup.geoRedundantBackup"]]);
    });

    it("an updatable property beside it is an update", () => {
        assert.deepStrictEqual(change(server, base, { ...base, backup: { ...base.backup, backupRetentionDays: 14 } }), ["update", []]);
    });

    it("path parameters and top-level create-only properties replace; promote requests (update-only) do not", () => {
        assert.deepStrictEqual(change(server, base, { ...base, serverName: "pg2" }), ["replace", ["serverName"]]);
        assert.deepStrictEqual(change(server, base, { ...base, sourceServerResourceId: "/x" }), ["replace", ["sourceServerResourceId"]]);
        assert.deepStrictEqual(change(server, base, { ...base, replica: { promoteMode: "Standalone", promoteOption: "Planned" } }), ["update", []]);
    });

    it("azure-native's own force-new list applies: an AKS pool's VM size replaces it, its count does not", () => {
        const pool = "azure-native:containerservice:AgentPool";
        const p = { resourceGroupName: "rg", resourceName: "aks", agentPoolName: "digest", vmSize: "Standard_L8s_v3", count: 1 };
        assert.deepStrictEqual(change(pool, p, { ...p, vmSize: "Standard_L16s_v3" }), ["replace", ["vmSize"]]);
        assert.deepStrictEqual(change(pool, p, { ...p, count: 3 }), ["update", []]);
    });

    it("Kubernetes: a patch's selector and any object's name replace; labels update", () => {
        const patch = "kubernetes:apps/v1:DeploymentPatch";
        const d = { metadata: { name: "op", namespace: "logging", labels: { a: "1" } }, spec: { selector: { matchLabels: { app: "op" } } } };
        assert.deepStrictEqual(change(patch, d, { ...d, spec: { selector: { matchLabels: { app: "other" } } } }), ["replace", ["spec.selector.matchLabels.app"]]);
        assert.deepStrictEqual(change(patch, d, { ...d, metadata: { ...d.metadata, name: "op2" } }), ["replace", ["metadata.name"]]);
        assert.deepStrictEqual(change(patch, d, { ...d, metadata: { ...d.metadata, labels: { a: "2" } } }), ["update", []]);
        assert.deepStrictEqual(change("kubernetes:core/v1:Service", { spec: { selector: { a: "1" } } }, { spec: { selector: { a: "2" } } }), ["update", []]);
    });

    it("a create-only path covers what lies below it and any element of a list", () => {
        assert.ok(isUnder("backup.geoRedundantBackup", "backup.geoRedundantBackup"));
        assert.ok(isUnder("networkProfile", "networkProfile.podCidr"));
        assert.ok(isUnder("agentPoolProfiles[].name", "agentPoolProfiles[system].name"));
        assert.ok(!isUnder("backup.geoRedundantBackup", "backup"), "adding or removing the parent is not a change of it");
        assert.ok(!isUnder("location", "locationPlacement"));
    });

    it("reads x-ms-mutability through the preflight's model of the definitions: flattened properties at any depth, inherited ones, path parameters", () => {
        const inputs = restReplaceInputs(server)!;
        const paths = inputs.map((c) => c.path);
        for (const p of ["serverName", "backup.geoRedundantBackup", "sourceServerResourceId", "location"]) assert.ok(paths.includes(p), p);
        assert.ok(!paths.includes("backup.backupRetentionDays") && !paths.includes("replica.promoteMode"));
        assert.match(inputs.find((c) => c.path === "backup.geoRedundantBackup")!.source, /Backup\/properties\/geoRedundantBackup/);
        assert.deepStrictEqual(createOnlyPaths(server).filter((p) => !paths.includes(p)), [], "the plan diff replaces on what the preflight reads");
    });

    it("types the excerpts do not cover take their path parameters from azure-native's get function", () => {
        assert.deepStrictEqual(sdkPathParameters("azure-native:network:Subnet").sort(), ["resourceGroupName", "subnetName", "virtualNetworkName"]);
        assert.ok(createOnlyPaths("azure-native:network:Subnet").includes("subnetName"));
    });
});
