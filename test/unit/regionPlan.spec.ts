// The region plan: everything the DR mode decides, in one pure function. The
// DR-mode table of docs/design.md is checked here row by row against it, and
// the decisions behind each row in detail. No renders.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { logscaleSecrets, recoveryVariableNames, storageKeyNames } from "../../contract";
import { RawConfig } from "../../config/parse";
import { ConfigError } from "../../config/problem";
import { globalFqdn, planRegion, RegionPlan } from "../../model/regionPlan";
import { projectRoot } from "../../tools/stackFiles";
import { deployedPeer, noPeer, settings } from "./regionFixtures";

const modes = ["standby", "active", ""] as const;
type Mode = (typeof modes)[number];

/** The plan of a secondary-like region in `dr` mode with these settings, beside a deployed primary. */
function planOf(dr: Mode, raw: RawConfig = {}): RegionPlan {
    const s = settings({ dr, ...raw });
    return planRegion(s, deployedPeer(s));
}

const code = (s: string) => `\`${s}\``;
const env = (p: RegionPlan) => new Map(p.logscale.drEnv.map((e) => [e.name, e]));
/** One cell from a rule evaluated with a flag on and off. */
const withFlag = (on: string, off: string, flag: string, otherwise: string) => (on === off ? on : `${on} with ${code(flag)}, else ${off}${otherwise}`);

/** Each row of the DR-mode table: its label, and the cell for a mode, from plans. */
const rows: Array<[label: string, cell: (dr: Mode) => string]> = [
    ["AKS node pools (`advanced`)", (dr) => planOf(dr).nodePools.map((p) => p.role).join(", ")],
    ["digest pool nodes (`xsmall`)", (dr) => String(planOf(dr).nodePools.find((p) => p.role === "digest")?.count)],
    [
        "user pools with `standbyTier=cold`",
        (dr) => [...new Set(planOf(dr, { standbyTier: "cold" }).nodePools.filter((p) => p.mode === "User").map((p) => (p.powerState === "Stopped" ? "created Running, stopped once they exist" : p.powerState)))].join(", "),
    ],
    ["humio-operator replicas", (dr) => (planOf(dr).standbyGate ? "0 (the standby gate)" : "1")],
    [
        "HumioCluster pods: digest / UI / ingest (`xsmall`)",
        (dr) => {
            const l = planOf(dr).logscale;
            return [l.digest.nodeCount, ...l.dedicated.map((p) => p.nodeCount)].join(" / ");
        },
    ],
    ["replication factor", (dr) => String(planOf(dr).logscale.targetReplicationFactor)],
    ["`logscale.dr/mode` annotation", (dr) => code(planOf(dr).logscale.drMode)],
    [
        "`AZURE_RECOVER_FROM_*` (7, from the peer)",
        (dr) => {
            const count = (preserve: boolean) => recoveryVariableNames.filter((n) => env(planOf(dr, { drPreserveRecoveryEnv: String(preserve) })).has(n)).length;
            const shown = (n: number) => (n === 7 ? "set" : n === 0 ? "absent" : `${n} of 7`);
            return withFlag(shown(count(true)), shown(count(false)), "drPreserveRecoveryEnv", "");
        },
    ],
    ["`AZURE_RECOVER_FROM_REPLACE_BUCKET`", (dr) => (env(planOf(dr)).has("AZURE_RECOVER_FROM_REPLACE_BUCKET") ? "set" : "never")],
    ["`BUCKET_STORAGE_MULTIPLE_ENDPOINTS`", (dr) => env(planOf(dr)).get("BUCKET_STORAGE_MULTIPLE_ENDPOINTS")?.value ?? "absent"],
    ["`ENABLE_ALERTS`", (dr) => env(planOf(dr)).get("ENABLE_ALERTS")?.value ?? "absent"],
    [
        `\`${logscaleSecrets.recoveryStorageKey.name}\` secret (the peer's ${storageKeyNames.recovery} and encryption key)`,
        (dr) => {
            const held = (preserve: boolean) => (planOf(dr, { drPreserveRecoveryEnv: String(preserve) }).recoveryKeys ? "with a deployed peer" : "absent");
            return withFlag(held(true), held(false), "drPreserveRecoveryEnv", "");
        },
    ],
    [
        "Traffic Manager profile + priority-1 endpoint",
        (dr) => withFlag(planOf(dr, { manageGlobalDns: "true" }).trafficManager.kind === "owner" ? "owned" : "none", planOf(dr).trafficManager.kind === "owner" ? "owned" : "none", "manageGlobalDns", ""),
    ],
    [
        "priority-2 endpoint on the peer's profile",
        (dr) => {
            const registered = (p: RegionPlan) => (p.trafficManager.kind === "secondary" ? "registered" : "none");
            return withFlag(registered(planOf(dr, { manageGlobalDns: "true" })), registered(planOf(dr)), "manageGlobalDns", " (when the peer has a profile)");
        },
    ],
    [
        "UI service selector (`lsdr-sec`; ingest alike)",
        (dr) => {
            const shown = (p: RegionPlan) => Object.entries(p.ingressSelectors.ui).map(([k, v]) => `${k}=${v}`).join(",");
            const dedicated = shown(planOf(dr, { drUseDedicatedRouting: "true" }));
            return withFlag(code(dedicated), code(shown(planOf(dr, { drUseDedicatedRouting: "false" }))), "drUseDedicatedRouting", "");
        },
    ],
    [
        "PostgreSQL server (`postgres`)",
        (dr) => {
            const shown = (p: RegionPlan) => (p.postgres?.server.createMode === "Create" ? "created here" : p.postgres?.server.promote ? "the replica, promoted in place" : "a read replica of the peer's");
            const replica = shown(planOf(dr));
            if (dr === "standby") return `${replica} (${code("postgresReplicaOf")})`;
            const created = planOf(dr, { postgresReplicaOf: "", postgresAdminGroupObjectId: "0b5c1f7e-2f7a-4a36-9a87-6d0c4d2a9e11" });
            return `${shown(created)}, or ${withFlag(shown(planOf(dr, { postgresPromote: "true" })), replica, "postgresPromote", "")}`;
        },
    ],
    ["Redis cache (`redis`)", (dr) => (planOf(dr).redis?.replicates ? "geo-secondary of the peer's" : "unlinked, read-write")],
    ["pod identity's read access to the peer's container", (dr) => (planOf(dr).podIdentity?.peerContainer ? "granted" : "absent")],
    ["failover function, alert and action group", (dr) => (planOf(dr).failover ? "present" : "absent")],
    [
        "mode-dependent outputs",
        (dr) => {
            const o = planOf(dr).outputs;
            return [o.failoverTimeline ? code("failoverTimeline") : "", o.reverseRecoveryEnvVars ? code("reverseRecoveryEnvVars") : ""].filter(Boolean).join(", ");
        },
    ],
    ["plan warning", (dr) => withFlag(planOf(dr, { drUseDedicatedRouting: "true" }).warnings.length ? "warns" : "none", planOf(dr, { drUseDedicatedRouting: "false" }).warnings.length ? "warns" : "none", "drUseDedicatedRouting", "")],
];

/** The DR-mode table as the plan says it, in the design document's markdown. */
function drModeTable(): string {
    const lines = ["| | `standby` | `active` | `\"\"` (no DR) |", "|---|---|---|---|"];
    for (const [label, cell] of rows) lines.push(`| ${label} | ${modes.map(cell).join(" | ")} |`);
    return lines.join("\n");
}

describe("region plan", () => {
    describe("the DR-mode table of docs/design.md", () => {
        const design = fs.readFileSync(path.join(projectRoot, "docs/design.md"), "utf8");
        const documented = new Map(
            design
                .split("\n")
                .filter((l) => /^\| .+ \| .+ \| .+ \| .+ \|$/.test(l) && !l.startsWith("| |"))
                .map((l) => {
                    const cells = l.slice(2, -2).split(" | ");
                    return [cells[0], cells.slice(1)] as const;
                }),
        );
        it("has every row of the plan, and no other", () => {
            const missing = rows.map(([label]) => label).filter((label) => !documented.has(label));
            assert.deepStrictEqual(missing, [], `docs/design.md lacks rows; the plan's table is:\n${drModeTable()}`);
        });
        for (const [label, cell] of rows) {
            it(label, () => {
                assert.deepStrictEqual(documented.get(label), modes.map(cell), `docs/design.md disagrees with the plan; the plan's table is:\n${drModeTable()}`);
            });
        }
    });

    describe("refuses a peer it cannot be decided with", () => {
        it("a standby without a deployed peer, naming what the peer does not export", () => {
            const s = settings();
            assert.throws(
                () => planRegion(s, { kind: "pending", name: s.peerStack, missing: ["location", "storageAccountName"] }),
                (e: unknown) => ConfigError.isConfigError(e) && /with dr=standby: it does not export location, storageAccountName; allowed: a deployed peer stack/.test(e.problems[0]),
            );
        });
        it("a standby whose peer exports no profile, unless it owns global DNS itself", () => {
            const s = settings();
            const noProfile = deployedPeer(s, { trafficManagerProfileId: undefined, primaryEndpointName: undefined });
            assert.throws(() => planRegion(s, noProfile), /does not export trafficManagerProfileId, primaryEndpointName/);
            const own = settings({ manageGlobalDns: "true" });
            assert.deepStrictEqual(planRegion(own, deployedPeer(own, { trafficManagerProfileId: undefined, primaryEndpointName: undefined })).failover?.watched.profile, { own: true });
        });
        it("a standby that differs from its peer in parity", () => {
            const s = settings();
            assert.throws(
                () => planRegion(s, deployedPeer(settings({ kubernetesVersion: "1.32" }))),
                (e: unknown) => ConfigError.isConfigError(e) && e.problems[0].startsWith("logscale-dr:allowParityDrift: [] is not allowed with dr=standby: this region differs from acme/logscale-dr/primary in 1 key"),
            );
        });
    });

    describe("decisions", () => {
        it("a standby shrinks only the digest pool, to the one recovery node; cold keeps user pools stopped", () => {
            const standby = planOf("standby", { logscaleClusterSize: "small" });
            assert.deepStrictEqual(
                standby.nodePools.map((p) => [p.name, p.count, p.minCount, p.powerState]),
                [
                    ["system", 3, 2, "Running"],
                    ["kafka", 5, 5, "Running"],
                    ["digest", 1, 1, "Running"],
                ],
            );
            assert.deepStrictEqual(planOf("standby", { standbyTier: "cold" }).nodePools.map((p) => [p.name, p.powerState]), [["system", "Running"], ["kafka", "Stopped"], ["digest", "Stopped"]]);
            const active = planOf("active", { logscaleClusterSize: "small" });
            assert.strictEqual(active.nodePools.find((p) => p.role === "digest")!.count, 6);
            assert.deepStrictEqual(active.nodePools.map((p) => p.mode), ["System", "User", "User", "User", "User", "User"]);
            assert.deepStrictEqual(planOf("active", { logscaleClusterType: "basic" }).nodePools.map((p) => p.role), ["system", "kafka", "digest"]);
        });
        it("subnets exist for every pool of the type and the failover function in every mode: a flip never touches the network", () => {
            const roles = (p: RegionPlan) => p.subnets.map((s) => s.role).sort();
            assert.deepStrictEqual(roles(planOf("standby")), roles(planOf("active")));
            assert.deepStrictEqual(roles(planOf("")), ["digest", "endpoints", "functions", "ingest", "ingress", "kafka", "postgres", "system", "ui"]);
        });
        it("the recovery variables point at the peer's bucket with the region pair, keys by secretKeyRef", () => {
            const e = env(planOf("standby"));
            assert.deepStrictEqual([...e.keys()].filter((k) => k.startsWith("AZURE_RECOVER_FROM_")), recoveryVariableNames);
            assert.strictEqual(e.get("AZURE_RECOVER_FROM_REPLACE_REGION")?.value, "eastus/westus");
            assert.strictEqual(e.get("AZURE_RECOVER_FROM_ACCOUNTNAME")?.value, "lsdrprilogsabc123");
            assert.deepStrictEqual(e.get("AZURE_RECOVER_FROM_ACCOUNTKEY")?.valueFrom, { secretKeyRef: { name: "logscale-recovery-source", key: "storage-access-key" } });
            assert.deepStrictEqual(e.get("AZURE_RECOVER_FROM_ENCRYPTION_KEY")?.valueFrom, { secretKeyRef: { name: "logscale-recovery-source", key: "storage-encryption-key" } });
        });
        it("the reverse recovery variables for failback: the peer's bucket, this region's pair, no multiple-endpoints flag", () => {
            const reverse = planOf("active").outputs.reverseRecoveryEnvVars!;
            assert.deepStrictEqual(reverse.map((e) => e.name), recoveryVariableNames);
            assert.strictEqual(reverse.find((e) => e.name === "AZURE_RECOVER_FROM_REPLACE_REGION")?.value, "eastus/westus");
        });
        it("without a peer: no recovery source, no peer IP in the firewall, no reverse variables, no secondary endpoint", () => {
            const s = settings({ dr: "", peerStack: "" });
            const p = planRegion(s, noPeer);
            assert.deepStrictEqual([p.recoveryKeys, p.storageAllowedIps, p.outputs.reverseRecoveryEnvVars, p.trafficManager], [undefined, [], undefined, { kind: "none" }]);
            assert.deepStrictEqual(p.logscale.drEnv, []);
        });
        it("the storage firewall admits the peer's egress IP", () => assert.deepStrictEqual(planOf("active").storageAllowedIps, ["20.1.2.3"]));
        it("selectors: shared routing, or the dedicated pools the type has", () => {
            const humio = { "app.kubernetes.io/name": "humio" };
            assert.deepStrictEqual(planOf("active", { drUseDedicatedRouting: "false" }).ingressSelectors, { ui: humio, ingest: humio });
            assert.deepStrictEqual(planOf("active", { drUseDedicatedRouting: "true" }).ingressSelectors, { ui: { "humio.com/node-pool": "lsdr-sec-ui" }, ingest: { "humio.com/node-pool": "lsdr-sec-ingest-only" } });
            const type = (t: string) => planOf("active", { drUseDedicatedRouting: "true", logscaleClusterType: t }).ingressSelectors;
            assert.deepStrictEqual(type("dedicated-ui"), { ui: { "humio.com/node-pool": "lsdr-sec-ui" }, ingest: humio });
            assert.deepStrictEqual(type("ingress"), { ui: humio, ingest: humio });
            assert.deepStrictEqual(type("basic"), { ui: humio, ingest: humio });
        });
        it("HumioCluster: the dedicated pools of the type, empty on a standby; production counts and replication when active", () => {
            assert.deepStrictEqual(planOf("standby").logscale.dedicated.map((p) => [p.role, p.nodeCount]), [["ui", 0], ["ingest", 0]]);
            const active = planOf("active").logscale;
            assert.deepStrictEqual([active.digest.nodeCount, active.targetReplicationFactor, active.dedicated.map((p) => p.nodeCount)], [3, 2, [2, 3]]);
            const standby = planOf("standby").logscale;
            assert.deepStrictEqual([standby.digest.nodeCount, standby.targetReplicationFactor], [1, 1]);
        });
        it("only the recovery variables' presence and alerts differ between a preserved standby and active", () => {
            const [standby, active] = [env(planOf("standby", { drPreserveRecoveryEnv: "true" })), env(planOf("active", { drPreserveRecoveryEnv: "true" }))];
            const changed = [...new Set([...standby.keys(), ...active.keys()])].filter((k) => JSON.stringify(standby.get(k)) !== JSON.stringify(active.get(k)));
            assert.deepStrictEqual(changed, ["ENABLE_ALERTS"]);
        });
        it("Traffic Manager: the owner's profile probes the global name with the configured settings", () => {
            const s = settings({ dr: "active", manageGlobalDns: "true", trafficManagerProbeIntervalSeconds: "10", trafficManagerProbeTimeoutSeconds: "5", trafficManagerToleratedFailures: "2", trafficManagerTtlSeconds: "30" });
            assert.deepStrictEqual(planRegion(s, deployedPeer(s)).trafficManager, {
                kind: "owner",
                relativeName: "logscale",
                ttlSeconds: 30,
                probe: { intervalSeconds: 10, timeoutSeconds: 5, toleratedFailures: 2, hostHeader: "logscale.logs.example.com" },
                dnsZone: { name: "logs.example.com", resourceGroupName: "dns-global" },
            });
            const noZone = settings({ dr: "active", manageGlobalDns: "true", dnsZone: "" });
            assert.strictEqual((planRegion(noZone, deployedPeer(noZone)).trafficManager as { dnsZone?: unknown }).dnsZone, undefined);
            assert.strictEqual(globalFqdn(noZone), "logscale.trafficmanager.net");
        });
        it("a standby watches its peer's endpoint and health URL; one that owns global DNS watches the peer's endpoint on its own profile", () => {
            assert.deepStrictEqual(planOf("standby").failover?.watched, {
                profile: { own: false, profileId: "/subscriptions/s/resourceGroups/lsdr-pri-logscale-eastus/providers/Microsoft.Network/trafficManagerProfiles/lsdr-pri-global" },
                endpointName: "lsdr-pri-primary",
                healthUrl: "https://lsdr-pri-logscale.eastus.cloudapp.azure.com/api/v1/status",
            });
            const owner = settings({ manageGlobalDns: "true" });
            assert.strictEqual(planRegion(owner, deployedPeer(owner)).failover?.watched.endpointName, "lsdr-pri-secondary");
        });
        it("failover settings come from config", () => {
            const p = planOf("standby", {
                failoverMode: "manual",
                failoverConfirmationProbes: "5",
                failoverConfirmationSeconds: "300",
                failoverAlertFrequency: "PT5M",
                failoverAlertWindow: "PT15M",
                failoverNotificationEmails: '["oncall@example.com","dr@example.com"]',
                failoverNotificationWebhook: "https://hooks.example.com/dr",
            });
            assert.deepStrictEqual(
                [p.failover?.policy, p.failover?.alert, p.failover?.notification],
                [{ mode: "manual", confirmationProbes: 5, confirmationSeconds: 300 }, { frequency: "PT5M", window: "PT15M" }, { emails: ["oncall@example.com", "dr@example.com"], webhookUrl: "https://hooks.example.com/dr" }],
            );
            assert.deepStrictEqual([planOf("standby").failover?.policy, planOf("standby").failover?.notification], [{ mode: "automatic", confirmationProbes: 3, confirmationSeconds: 120 }, { emails: [], webhookUrl: undefined }]);
        });
        it("the Application Gateway takes the certificate from the region's vault unless one is given; Envoy goes internal", () => {
            const vault = planOf("active", { edge: "appGateway" });
            assert.deepStrictEqual([vault.appGateway, vault.gateway.exposure], [{ backendIp: "172.16.4.250", certificate: { inVault: true } }, { kind: "internal", subnet: "ingress", ip: "172.16.4.250" }]);
            const external = "https://certs.vault.azure.net/secrets/logscale";
            assert.deepStrictEqual(planOf("active", { edge: "appGateway", appGatewayCertificateSecretId: external }).appGateway?.certificate, { inVault: false, secretId: external });
            assert.deepStrictEqual([planOf("active").appGateway, planOf("active").gateway.exposure], [undefined, { kind: "public" }]);
        });
        it("sign-in: the owner of global DNS owns the application; the other region is its client", () => {
            const owner = settings({ dr: "active", entraSignIn: "true", manageGlobalDns: "true" });
            assert.deepStrictEqual(planRegion(owner, deployedPeer(owner)).signIn, { kind: "owner", peerClusterFqdn: "lsdr-pri-logscale.eastus.cloudapp.azure.com" });
            assert.deepStrictEqual(planOf("standby", { entraSignIn: "true" }).signIn, { kind: "client", clientId: "client-1", applicationId: "/applications/app-1" });
            assert.strictEqual(planOf("standby").signIn, undefined);
        });
        it("tags name the stack, not its mode: the same in every mode", () => {
            assert.deepStrictEqual(planOf("standby").tags, { app: "logscale", environment: "production", drStack: "secondary", drPair: "acme-logscale", managedBy: "pulumi" });
            assert.deepStrictEqual(planOf("active").tags, planOf("standby").tags);
            assert.deepStrictEqual(planOf("", { tags: '["costCenter=x"]' }).tags.costCenter, "x");
        });
        it("postgresReprotect warns", () => assert.ok(planOf("standby", { postgresReprotect: "true" }).warnings.some((w) => w.startsWith("postgresReprotect=true"))));
    });
});
