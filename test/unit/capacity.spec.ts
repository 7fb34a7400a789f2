// Capacity before you deploy, as pure functions: a pool's nodes at its
// maximum and in an upgrade surge, the vCPUs per quota, every VM size the
// program can choose, and each azure-native type's resource provider against
// the REST definitions' own paths.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { clusterSizes, clusterTypes } from "../../config/keys";
import { maximumNodes, PoolDeclaration, quotaDemand, surgeNodes, vmSize } from "../../model/capacity";
import { productionPools, providerNamespace, resourceProviders, uncoveredTypes } from "../../tools/capacity";
import { restProviderNamespace } from "../../tools/preflight/azureRest";
import { Rendering } from "../../tools/offline/engine";
import { projectRoot } from "../../tools/stackFiles";

const pool = (name: string, vmSize: string, count: number, maxCount: number, maxSurge = "33%"): PoolDeclaration => ({ name, vmSize, count, maxCount, enableAutoScaling: true, maxSurge });

describe("capacity: vCPU quotas", () => {
    it("a pool counts at its autoscaler's maximum, or at its count where it does not scale", () => {
        assert.strictEqual(maximumNodes(pool("kafka", "Standard_L8s_v3", 3, 5)), 5);
        assert.strictEqual(maximumNodes({ ...pool("kafka", "Standard_L8s_v3", 3, 5), enableAutoScaling: false }), 3);
    });

    it("an upgrade surges a percentage of the pool at its maximum, rounded up, or a node count", () => {
        assert.deepStrictEqual(
            [pool("a", "Standard_L8s_v3", 3, 5), pool("b", "Standard_L8s_v3", 3, 3), pool("c", "Standard_L8s_v3", 1, 1, "50%"), pool("d", "Standard_L8s_v3", 2, 9, "2")].map(surgeNodes),
            [2, 1, 1, 2],
        );
        assert.throws(() => surgeNodes({ ...pool("a", "Standard_L8s_v3", 3, 5), maxSurge: undefined }), /^Error: node pool a declares no upgradeSettings\.maxSurge/);
        assert.throws(() => surgeNodes(pool("a", "Standard_L8s_v3", 3, 5, "a third")), /^Error: node pool a: upgradeSettings\.maxSurge "a third" is neither a node count nor a percentage$/);
    });

    it("sums each VM family's vCPUs, then every family's into Total Regional vCPUs", () => {
        const quotas = quotaDemand([pool("system", "Standard_F4s_v2", 2, 5), pool("kafka", "Standard_L8s_v3", 3, 5), pool("digest", "Standard_L16s_v3", 6, 15)]);
        assert.deepStrictEqual(
            quotas.map((q) => [q.name, q.displayName, q.atMaximum, q.duringUpgrade]),
            [
                ["standardFSv2Family", "Standard FSv2 Family vCPUs", 5 * 4, (5 + 2) * 4],
                ["standardLSv3Family", "Standard LSv3 Family vCPUs", 5 * 8 + 15 * 16, (5 + 2) * 8 + (15 + 5) * 16],
                ["cores", "Total Regional vCPUs", 20 + 280, 28 + 376],
            ],
        );
        assert.deepStrictEqual(quotas[1].pools, [
            { pool: "kafka", vmSize: "Standard_L8s_v3", vCpusPerNode: 8, maximumNodes: 5, surgeNodes: 2 },
            { pool: "digest", vmSize: "Standard_L16s_v3", vCpusPerNode: 16, maximumNodes: 15, surgeNodes: 5 },
        ]);
    });

    it("knows every VM size a cluster type and size can choose, and stops naming one it does not know", () => {
        for (const type of clusterTypes) for (const size of clusterSizes) assert.doesNotThrow(() => quotaDemand(productionPools(type, size)), `${type}/${size}`);
        assert.throws(() => vmSize("Standard_D4s_v5"), /^Error: VM size "Standard_D4s_v5" has no vCPU quota family in model\/capacity\.ts \(known: .*Standard_L8s_v3.*\)/);
    });
});

describe("capacity: resource providers", () => {
    it("knows every azure-native type the program creates, each by the namespace in its REST path where the REST definitions cover it", () => {
        const sources = ["components", "stacks"].flatMap((dir) => fs.readdirSync(path.join(projectRoot, dir)).filter((f) => f.endsWith(".ts")).map((f) => fs.readFileSync(path.join(projectRoot, dir, f), "utf8")));
        // `new <alias>.<Type>(` for each `import * as <alias> from "@pulumi/azure-native/<module>"`.
        const created = new Set(
            sources.flatMap((code) => {
                const modules = new Map([...code.matchAll(/import \* as (\w+) from "@pulumi\/azure-native\/(\w+)"/g)].map((m) => [m[1], m[2]]));
                return [...code.matchAll(/\bnew (\w+)\.([A-Z]\w+)\(/g)].filter((m) => modules.has(m[1])).map((m) => `azure-native:${modules.get(m[1])}:${m[2]}`);
            }),
        );
        // Each by its REST path where the definitions cover it; the list in tools/capacity.ts holds only the types they lack.
        for (const type of created) assert.match(providerNamespace(type), /^Microsoft\.\w+$/, type);
        for (const type of Object.keys(uncoveredTypes)) assert.strictEqual(restProviderNamespace(type), undefined, `${type} is covered by the REST definitions: drop it from uncoveredTypes`);
        assert.ok(created.size >= 40, `${created.size} types created`);
        assert.strictEqual(providerNamespace("azure-native:redis:Redis"), "Microsoft.Cache");
        assert.throws(() => providerNamespace("azure-native:compute:VirtualMachine"), /^Error: azure-native:compute:VirtualMachine has no resource provider namespace: neither the REST definitions/);
    });

    it("adds Microsoft.Compute for AKS's scale sets, leaves out read resources, and sets apart the providers registered by default", () => {
        const resource = (type: string, read = false) => ({ type, read }) as Rendering["resources"][number];
        const rendering = { resources: [resource("azure-native:containerservice:ManagedCluster"), resource("azure-native:resources:ResourceGroup"), resource("azure-native:keyvault:Vault", true), resource("kubernetes:core/v1:Service")] } as Rendering;
        assert.deepStrictEqual(resourceProviders(rendering), {
            register: [
                { namespace: "Microsoft.Compute", for: ["AKS node pools (virtual machine scale sets)"] },
                { namespace: "Microsoft.ContainerService", for: ["containerservice:ManagedCluster"] },
            ],
            registeredByDefault: ["Microsoft.Resources"],
        });
    });
});
