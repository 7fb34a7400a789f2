// The data tier, edge and identity decisions: PostgreSQL lineage and
// promotion, Redis ids, sign-in redirect URIs, the Application Gateway's
// WAF and listeners. No renders.
import * as assert from "assert";
import { appGatewayListeners } from "../../components/appGateway";
import { globalWafPolicy } from "../../model/edgeSecurity";
import { postgresTier } from "../../components/postgres";
import { parseRedisCacheId } from "../../components/redis";
import { oidcProvider, signInRedirectUris } from "../../components/signIn";
import { postgresProblems, postgresServerPlan } from "../../model/postgres";

describe("PostgreSQL plan", () => {
    const admins = "0b5c1f7e-2f7a-4a36-9a87-6d0c4d2a9e11";
    const settings = { namePrefix: "lsdr-pri", postgresAdminGroupObjectId: admins, postgresReplicaOf: "", postgresPromote: false, postgresPromoteOption: "planned", postgresReprotect: false } as const;
    const source = "/subscriptions/s/resourceGroups/g/providers/Microsoft.DBforPostgreSQL/flexibleServers/lsdr-pri-pg";
    const replica = { ...settings, namePrefix: "lsdr-sec", postgresReplicaOf: source };

    it("a created server; a replica named after its source, promoted in the update postgresPromote asks for", () => {
        assert.deepStrictEqual(postgresServerPlan(settings), { serverName: "lsdr-pri-pg", createMode: "Create", entraAdminGroupObjectId: admins, protect: true });
        const standby = postgresServerPlan(replica);
        assert.match(standby.serverName, /^lsdr-sec-pg-[0-9a-f]{6}$/);
        // A replica takes its source's Entra administrators: Azure refuses one of its own (model/postgres.ts).
        assert.deepStrictEqual([standby.createMode, standby.sourceServerResourceId, standby.promote, standby.entraAdminGroupObjectId, standby.protect], ["Replica", source, undefined, undefined, true]);
        assert.deepStrictEqual(postgresServerPlan({ ...replica, postgresPromote: true }).promote, { promoteMode: "Standalone", promoteOption: "Planned" });
        assert.deepStrictEqual(postgresServerPlan({ ...replica, postgresPromote: true, postgresPromoteOption: "forced" }).promote, { promoteMode: "Standalone", promoteOption: "Forced" });
        assert.strictEqual(postgresServerPlan({ ...replica, postgresPromote: true }).serverName, standby.serverName, "promotion keeps the name");
        assert.notStrictEqual(postgresServerPlan({ ...replica, postgresReplicaOf: `${source}-2` }).serverName, standby.serverName, "a new source is a new server");
        assert.strictEqual(postgresServerPlan({ ...replica, postgresReprotect: true }).protect, false);
        assert.deepStrictEqual(["Standard_B2ms", "Standard_D4ds_v5", "Standard_E8ds_v5"].map(postgresTier), ["Burstable", "GeneralPurpose", "MemoryOptimized"]);
    });
    it("a server created here needs the Entra ID group that administers it; a replica does not", () => {
        const created = { ...settings, postgres: true };
        assert.deepStrictEqual(postgresProblems(created, false), []);
        assert.deepStrictEqual(postgresProblems({ ...created, postgresAdminGroupObjectId: "" }, false), [
            'logscale-dr:postgresAdminGroupObjectId: "" is not allowed where this region creates its PostgreSQL server (postgresReplicaOf ""); allowed: the object id (a GUID) of the Entra ID group that administers the server',
        ]);
        assert.deepStrictEqual(postgresProblems({ ...replica, postgres: true, postgresAdminGroupObjectId: "" }, true), []);
        assert.deepStrictEqual(postgresProblems({ ...created, postgres: false, postgresAdminGroupObjectId: "" }, false), []);
    });
});

describe("Redis ids", () => {
    it("parses cache ids, and refuses anything else", () => {
        assert.deepStrictEqual(parseRedisCacheId("/subscriptions/s/resourceGroups/rg-1/providers/Microsoft.Cache/Redis/cache1"), { resourceGroup: "rg-1", name: "cache1" });
        assert.throws(() => parseRedisCacheId("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/x"), /not an Azure Cache for Redis resource id/);
    });
});

describe("Entra ID sign-in", () => {
    it("redirect URIs: the global name and both clusters' own names, each at /auth/oidc", () => {
        assert.deepStrictEqual(signInRedirectUris(["b.example", "a.example", "", "a.example"]), ["https://a.example/auth/oidc", "https://b.example/auth/oidc"]);
        assert.strictEqual(oidcProvider("t1"), "https://login.microsoftonline.com/t1/v2.0");
    });
});

describe("Application Gateway", () => {
    it("WAF in prevention with the default rule set; no custom rule lets a request past it (test/unit/edgeSecurity.spec.ts: the ingest paths)", () => {
        const waf = globalWafPolicy() as any;
        assert.deepStrictEqual([waf.policySettings.state, waf.policySettings.mode], ["Enabled", "Prevention"]);
        assert.deepStrictEqual(waf.managedRules.managedRuleSets, [{ ruleSetType: "Microsoft_DefaultRuleSet", ruleSetVersion: "2.1" }]);
        assert.ok(!(waf.customRules ?? []).some((r: any) => r.action === "Allow"));
    });
    it("listeners: HTTPS with the Key Vault certificate re-encrypted to Envoy under the cluster's name, probing /api/v1/status; HTTP passes ACME challenges", () => {
        const gw = appGatewayListeners({
            gatewayId: "gw",
            publicIpId: "ip",
            subnetId: "sn",
            backendIp: "172.16.4.250",
            clusterFqdn: "c.example",
            certificateSecretId: "https://v.vault.azure.net/secrets/logscale-tls",
            ingestFirewall: { policyId: "waf-ingest", paths: ["/api/v1/ingest/*"] },
        }) as any;
        assert.deepStrictEqual(gw.backendAddressPools, [{ name: "envoy", backendAddresses: [{ ipAddress: "172.16.4.250" }] }]);
        assert.deepStrictEqual(gw.sslCertificates, [{ name: "logscale", keyVaultSecretId: "https://v.vault.azure.net/secrets/logscale-tls" }]);
        const [https, http] = gw.backendHttpSettingsCollection;
        assert.deepStrictEqual([https.protocol, https.port, https.hostName, https.requestTimeout], ["Https", 443, "c.example", 300]);
        assert.deepStrictEqual([http.protocol, http.port, http.hostName], ["Http", 80, undefined]);
        assert.deepStrictEqual([gw.probes[0].protocol, gw.probes[0].path, gw.probes[0].match.statusCodes, gw.probes[0].pickHostNameFromBackendHttpSettings], ["Https", "/api/v1/status", ["200"], true]);
        assert.deepStrictEqual(gw.requestRoutingRules.map((r: any) => [r.name, r.priority]), [["https", 100], ["http", 200]]);
    });
});
