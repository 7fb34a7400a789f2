// The data tier, edge and identity beside LogScale, rendered per component
// and DR mode: what exists, how it is wired, and what promotion and
// re-protection change.
import * as assert from "assert";
import { parseRedisCacheId } from "../../components/redis";
import { oidcProvider, signInRedirectUris } from "../../components/signIn";
import { builtInRoles } from "../../components/roles";
import { StackPlan } from "../../tools/bringUp";
import { Secret } from "../../tools/offline/engine";
import { mockGroupDisplayName, mockTenantId } from "../../tools/offline/mockCloud";
import { diffRenderings } from "../../tools/planDiff";
import { commonEnv, humioCluster, maybeNamed, named, ofType, plan, planMode } from "../helpers";


const inputs = (p: StackPlan, name: string) => named(p, name).inputs as Record<string, any>;
const state = (p: StackPlan, name: string) => named(p, name).state as Record<string, any>;
const roleId = (role: keyof typeof builtInRoles) => new RegExp(`/roleDefinitions/${builtInRoles[role]}$`);

/** One render with the optional pieces off, and an Application Gateway serving a certificate from elsewhere. */
const externalCertificate = "https://certs.vault.azure.net/secrets/logscale";
const minimal = () => plan("primary", { peerStack: "", keyVault: false, workloadIdentity: false, edge: "appGateway", appGatewayCertificateSecretId: externalCertificate });

describe("Key Vault", () => {
    it("per region: Azure RBAC, purge protection, soft delete, a firewall that admits only subnets with its service endpoint; protected", async () => {
        for (const stack of ["primary", "secondary"]) {
            const p = await plan(stack);
            const vault = named(p, "break-glass-vault");
            const props = (vault.inputs as any).properties;
            assert.deepStrictEqual(
                [props.enableRbacAuthorization, props.enablePurgeProtection, props.enableSoftDelete, props.softDeleteRetentionInDays, props.tenantId],
                [true, true, true, 90, mockTenantId],
            );
            assert.deepStrictEqual([props.networkAcls.defaultAction, props.networkAcls.bypass], ["Deny", "AzureServices"]);
            const withEndpoint = ofType(p, "azure-native:network:Subnet").filter((s) => ((s.inputs as any).serviceEndpoints ?? []).some((e: any) => e.service === "Microsoft.KeyVault"));
            assert.deepStrictEqual(withEndpoint.map((s) => (s.inputs as any).subnetName).sort(), ["digest", "ingest", "ingress", "kafka", "system", "ui"]);
            assert.deepStrictEqual(props.networkAcls.virtualNetworkRules.map((r: any) => r.id).sort(), withEndpoint.map((s) => s.state.id).sort());
            assert.strictEqual(vault.options.protect, true);
            assert.match(String((vault.inputs as any).vaultName), /^[a-z0-9]{3,24}$/);
        }
    });
    it("holds the region's storage key and encryption key, and the passwords the region created", async () => {
        const secretNames = (p: StackPlan) => ofType(p, "azure-native:keyvault:Secret").map((r) => (r.inputs as any).secretName).sort();
        assert.deepStrictEqual(secretNames(await plan("primary")), ["postgres-admin-password", "storage-account-key", "storage-encryption-key"]);
        // A replica has no password of its own; Entra sign-in replaces the static admin.
        assert.deepStrictEqual(secretNames(await plan("secondary")), ["storage-account-key", "storage-encryption-key"]);
        assert.deepStrictEqual(secretNames(await plan("primary", { entraSignIn: false })), ["logscale-admin-password", "postgres-admin-password", "storage-account-key", "storage-encryption-key"]);
        const primary = await plan("primary");
        assert.deepStrictEqual(inputs(primary, "break-glass-storage-account-key").properties.value, primary.rendering.outputs.storageAccountKey, "the copy is the live key");
    });
    it("the copies, the PostgreSQL admin password and both sign-in client secrets are Pulumi secrets", async () => {
        const primary = await plan("primary");
        for (const r of ofType(primary, "azure-native:keyvault:Secret")) assert.ok((r.inputs as any).properties.value instanceof Secret, r.name);
        assert.ok(named(primary, "postgres-server").inputs.administratorLoginPassword instanceof Secret);
        const oidc = named(await plan("secondary"), "logscale-oidc").inputs.stringData as Secret;
        assert.ok(Object.values(oidc.value as Record<string, unknown>).every((v) => typeof v === "string" && v.length >= 32), "the client secret is in the secret's data");
        const staticUsers = await plan("secondary", { entraSignIn: false }, { entraSignIn: false });
        assert.ok(named(staticUsers, "logscale-static-users").inputs.stringData instanceof Secret);
    });
    it("keyVault=false: no vault", async () => {
        assert.deepStrictEqual(ofType(await minimal(), "azure-native:keyvault:Vault"), []);
    });
});

describe("workload identity", () => {
    it("federates the cluster's OIDC issuer with LogScale's service account, which every LogScale pod uses", async () => {
        const p = await plan("primary");
        const federation = inputs(p, "logscale-pods-federation");
        assert.strictEqual(federation.issuer, state(p, "aks-cluster").oidcIssuerProfile.issuerURL);
        assert.strictEqual(federation.subject, "system:serviceaccount:logging:logscale");
        assert.deepStrictEqual(federation.audiences, ["api://AzureADTokenExchange"]);
        assert.strictEqual(federation.resourceName, state(p, "logscale-pods-identity").name);
        const account = inputs(p, "logscale-service-account");
        assert.deepStrictEqual(account.metadata.annotations, { "azure.workload.identity/client-id": state(p, "logscale-pods-identity").clientId });
        const spec = humioCluster(p).spec;
        for (const s of [spec, ...spec.nodePools.map((n: any) => n.spec)]) {
            assert.strictEqual(s.humioServiceAccountName, "logscale");
            assert.strictEqual(s.podLabels["azure.workload.identity/use"], "true");
        }
    });
    it("LogScale's pods wait for every secret they read and for their service account", async () => {
        for (const [p, standby] of [[await plan("secondary"), true], [await plan("primary", { entraSignIn: false }), false]] as const) {
            const waitsFor = named(p, "logscale-cluster").options.dependsOn;
            const needed = [...ofType(p, "kubernetes:core/v1:Secret"), ...ofType(p, "kubernetes:core/v1:ServiceAccount")];
            // The standby holds the peer's keys; the active primary does not (drctl hands them over for a failback).
            assert.strictEqual(needed.some((r) => r.name === "logscale-recovery-source"), standby);
            assert.ok(needed.some((r) => r.name === "logscale-service-account"));
            assert.deepStrictEqual(needed.filter((r) => !waitsFor.includes(r.urn)).map((r) => r.name), []);
        }
    });
    it("the standby recovers with the primary's second key (key2), never with the key LogScale runs on (key1)", async () => {
        const [primary, standby] = [await plan("primary"), await plan("secondary")];
        const value = (v: unknown) => (v instanceof Secret ? v.value : v);
        const recoverWith = (value(inputs(standby, "logscale-recovery-source").stringData) as Record<string, unknown>)["storage-access-key"];
        const [own, recovery] = [value(primary.rendering.outputs.storageAccountKey), value(primary.rendering.outputs.recoveryAccountKey)];
        assert.ok(typeof recovery === "string" && recovery !== own);
        assert.strictEqual(recoverWith, recovery);
        assert.strictEqual((value(inputs(primary, "logscale-storage-key").stringData) as Record<string, unknown>)["storage-access-key"], own);
    });
    it("blob data contributor on its own container; reader on the peer's container only while standby", async () => {
        const [primary, standby, promoted] = [await plan("primary"), await plan("secondary"), await plan("secondary", { dr: "active" })];
        const own = inputs(standby, "logscale-pods-own-container");
        assert.strictEqual(own.scope, state(standby, "logs-container").id);
        assert.match(own.roleDefinitionId, roleId("storageBlobDataContributor"));
        assert.strictEqual(own.principalId, state(standby, "logscale-pods-identity").principalId);
        const peer = inputs(standby, "logscale-pods-peer-container");
        assert.strictEqual(peer.scope, state(primary, "logs-container").id, "the primary's container, by its resource id");
        assert.match(peer.roleDefinitionId, roleId("storageBlobDataReader"));
        assert.strictEqual(maybeNamed(promoted, "logscale-pods-peer-container"), undefined);
        assert.strictEqual(maybeNamed(primary, "logscale-pods-peer-container"), undefined);
    });
    it("workloadIdentity=false: no identity, and pods keep the operator's default service account", async () => {
        const p = await minimal();
        assert.deepStrictEqual(ofType(p, "logscale-dr:identity:LogScaleIdentity"), []);
        assert.strictEqual(humioCluster(p).spec.humioServiceAccountName, undefined);
        assert.strictEqual(maybeNamed(p, "logscale-service-account"), undefined);
    });
});

describe("Entra ID sign-in", () => {
    it("the primary owns one application covering the global name and both clusters, after the bring-up order", async () => {
        const [primary, secondary] = [await plan("primary"), await plan("secondary")];
        const app = inputs(primary, "sign-in-application");
        assert.deepStrictEqual(
            app.web.redirectUris,
            signInRedirectUris([String(primary.rendering.outputs.globalFqdn), String(primary.rendering.outputs.clusterFqdn), String(secondary.rendering.outputs.clusterFqdn)]),
        );
        assert.strictEqual(app.web.redirectUris.length, 3);
        assert.strictEqual(app.signInAudience, "AzureADMyOrg");
        assert.ok(named(primary, "sign-in-principal"));
        assert.deepStrictEqual(ofType(secondary, "azuread:index/application:Application"), [], "the secondary owns no application");
    });
    it("sign-in survives failover: the application is the same in every DR mode, and each region signs in with the same client id and its own secret", async () => {
        const [active, standby, promoted] = [await planMode("primary", "active"), await planMode("primary", "standby"), await plan("secondary", { dr: "active" })];
        assert.deepStrictEqual(inputs(standby, "sign-in-application"), inputs(active, "sign-in-application"));
        const clientId = state(active, "sign-in-application").clientId;
        assert.strictEqual(active.rendering.outputs.signInClientId, clientId);
        for (const p of [active, promoted]) {
            const env = commonEnv(p);
            assert.strictEqual(env.AUTHENTICATION_METHOD, "oauth");
            assert.strictEqual(env.OIDC_OAUTH_CLIENT_ID, clientId);
            assert.strictEqual(env.OIDC_PROVIDER, oidcProvider(mockTenantId));
            assert.strictEqual(env.OIDC_OAUTH_CLIENT_SECRET, "secretKeyRef:logscale-oidc/client-secret");
        }
        assert.strictEqual(inputs(promoted, "sign-in-secret").applicationId, active.rendering.outputs.signInApplicationId, "the secondary's secret is on the primary's application");
    });
    it("a secondary whose peer owns no application is refused, naming what to do", async () => {
        await assert.rejects(plan("secondary", {}, { entraSignIn: false }), /Pulumi\.secondary\.yaml: logscale-dr:entraSignIn: true is not allowed \(primary exports no signInClientId\); allowed: false, or a peer that owns the sign-in application/);
    });
});

describe("PostgreSQL", () => {
    it("the primary creates the server: private access, TLS 1.2 enforced, geo-redundant backup, admin password from Pulumi", async () => {
        const p = await plan("primary");
        const server = inputs(p, "postgres-server");
        assert.deepStrictEqual([server.createMode, server.serverName, server.version, server.sku], ["Create", "lsdr-pri-pg", "16", { name: "Standard_D2ds_v5", tier: "GeneralPurpose" }]);
        assert.deepStrictEqual(server.backup, { backupRetentionDays: 35, geoRedundantBackup: "Enabled" });
        assert.strictEqual(server.network.publicNetworkAccess, "Disabled");
        assert.strictEqual(server.network.delegatedSubnetResourceId, state(p, "network-postgres-subnet").id);
        assert.strictEqual(server.network.privateDnsZoneArmResourceId, state(p, "postgres-dns").id);
        assert.strictEqual(inputs(p, "network-postgres-subnet").delegations[0].serviceName, "Microsoft.DBforPostgreSQL/flexibleServers");
        const parameters = Object.fromEntries(ofType(p, "azure-native:dbforpostgresql:Configuration").map((c) => [(c.inputs as any).configurationName, (c.inputs as any).value]));
        assert.deepStrictEqual(parameters, { require_secure_transport: "on", ssl_min_protocol_version: "TLSv1.2" });
        assert.strictEqual(named(p, "postgres-server").options.protect, true);
    });
    it("the primary's server gets the Entra ID group postgresAdminGroupObjectId as its Microsoft Entra administrator, named as Entra ID names it", async () => {
        const p = await plan("primary");
        const group = String(p.config.values["logscale-dr:postgresAdminGroupObjectId"]);
        assert.match(group, /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/);
        assert.deepStrictEqual(inputs(p, "postgres-entra-admin"), {
            resourceGroupName: inputs(p, "postgres-server").resourceGroupName,
            serverName: inputs(p, "postgres-server").serverName,
            objectId: group,
            principalType: "Group",
            principalName: mockGroupDisplayName(group),
            tenantId: mockTenantId,
        });
        assert.strictEqual(inputs(p, "postgres-server").authConfig.activeDirectoryAuth, "Enabled");
        assert.ok(named(p, "postgres-entra-admin").options.dependsOn.includes(named(p, "postgres-server").urn), "added once the server exists");
        const otherGroup = "0b5c1f7e-2f7a-4a36-9a87-6d0c4d2a9e11";
        assert.strictEqual(inputs(await plan("primary", { postgresAdminGroupObjectId: otherGroup }), "postgres-entra-admin").principalName, mockGroupDisplayName(otherGroup));
    });
    it("a server created here without postgresAdminGroupObjectId is refused in one line", async () => {
        await assert.rejects(plan("primary", { postgresAdminGroupObjectId: "" }), (e: Error) => {
            assert.strictEqual(
                e.message,
                '--config postgresAdminGroupObjectId=: logscale-dr:postgresAdminGroupObjectId: "" is not allowed where this region creates its PostgreSQL server (postgresReplicaOf ""); allowed: the object id (a GUID) of the Entra ID group that administers the server',
            );
            return true;
        });
        await assert.rejects(plan("primary", { postgresAdminGroupObjectId: "pg-admins" }), (e: Error) => e.message.startsWith('--config postgresAdminGroupObjectId=pg-admins: logscale-dr:postgresAdminGroupObjectId: "pg-admins" is not allowed; allowed: "" or a GUID'));
    });
    it("the standby creates a read replica whose source is the peer's postgresServerId", async () => {
        const [primary, secondary] = [await plan("primary"), await plan("secondary")];
        // Azure refuses an Entra administrator on a replica, which shows its source's (model/postgres.ts): none of its own, in any mode.
        for (const dr of ["standby", "active", ""]) assert.strictEqual(maybeNamed(await plan("secondary", { dr }), "postgres-entra-admin"), undefined, dr);
        const server = inputs(secondary, "postgres-server");
        assert.strictEqual(server.createMode, "Replica");
        assert.strictEqual(server.sourceServerResourceId, primary.rendering.outputs.postgresServerId);
        assert.strictEqual(server.administratorLoginPassword, undefined);
        assert.strictEqual(server.backup, undefined);
        assert.strictEqual(server.replica, undefined);
        assert.strictEqual(state(secondary, "postgres-server").replicationRole, "GeoAsyncReplica");
    });
    it("promotion (postgresPromote) promotes the replica in place, planned or forced, and never replaces it", async () => {
        // The option only matters once promoted: the standby's server is the same either way.
        const standby = await plan("secondary");
        for (const [option, expected] of [["planned", "Planned"], ["forced", "Forced"]] as const) {
            const promoted = await plan("secondary", { dr: "active", postgresPromote: true, postgresPromoteOption: option });
            assert.deepStrictEqual(inputs(promoted, "postgres-server").replica, { promoteMode: "Standalone", promoteOption: expected });
            const change = diffRenderings(standby.rendering, promoted.rendering).changes.find((c) => c.name === "postgres-server")!;
            assert.deepStrictEqual([change.kind, change.paths], ["update", ["replica"]]);
            assert.strictEqual(named(promoted, "postgres-server").options.protect, true);
            // The promoted server keeps the administrators it replicated from its source: the promotion adds none.
            assert.strictEqual(maybeNamed(promoted, "postgres-entra-admin"), undefined);
        }
    });
    it("re-protection: a region that ran the writable server is refused as a standby until postgresReprotect, then the plan replaces its server", async () => {
        const promotedSecondary = String((await plan("secondary", { dr: "active" })).rendering.outputs.postgresServerId);
        await assert.rejects(
            plan("primary", { dr: "standby" }, { dr: "active" }),
            (e: Error) =>
                e.message.startsWith('Pulumi.primary.yaml: logscale-dr:postgresReplicaOf: "" is not allowed with dr=standby') &&
                e.message.includes("also set postgresReprotect=true") &&
                e.message.endsWith(`allowed: the peer's server, ${promotedSecondary}`),
        );
        const before = await plan("primary");
        const after = await planMode("primary", "standby");
        assert.deepStrictEqual(after.config.values["logscale-dr:postgresReplicaOf"], promotedSecondary);
        assert.strictEqual(after.config.values["logscale-dr:postgresReprotect"], true);
        const d = diffRenderings(before.rendering, after.rendering);
        const server = d.changes.find((c) => c.name === "postgres-server")!;
        // The replica is a new server (new name), with a source, and without an admin login of its own: all three are create-only
        // in Microsoft's Servers.json (x-ms-mutability create/read), so each is a reason (tools/replaceRules.ts).
        assert.deepStrictEqual([server.kind, server.dataBearing, server.replaceBecause], ["replace", true, ["administratorLogin", "serverName", "sourceServerResourceId"]]);
        assert.strictEqual(named(after, "postgres-server").options.protect, false);
        assert.deepStrictEqual(d.changes.filter((c) => c.kind === "delete" && c.protect).map((c) => c.name), [], "nothing protected is deleted, or pulumi up would stop half-way");
        assert.deepStrictEqual(d.changes.filter((c) => c.kind === "replace" && c.protect).map((c) => c.name), [], "nothing protected is replaced");
        // The old server's Entra administrator goes with it; the new replica shows the peer's.
        assert.deepStrictEqual(
            d.changes.filter((c) => c.name === "postgres-entra-admin").map((c) => [c.kind, c.protect]),
            [["delete", false]],
        );
        assert.strictEqual(maybeNamed(after, "break-glass-postgres-admin-password"), undefined, "the replica has no password of its own");
        assert.ok(d.consequences.some((c) => c.startsWith("PostgreSQL server postgres-server is replaced by a fresh read replica of the peer's (re-protection)")));
        assert.ok(after.rendering.diagnostics.some((x) => x.severity === "warning" && /postgresReprotect=true/.test(x.message)));
    });
    it("a standby whose replica source is no longer the peer's server is refused, naming the current one", async () => {
        const stale = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/old/providers/Microsoft.DBforPostgreSQL/flexibleServers/gone-pg";
        const primary = await plan("primary");
        await assert.rejects(
            plan("secondary", { postgresReplicaOf: stale }),
            (e: Error) => e.message.startsWith(`--config postgresReplicaOf=${stale}: logscale-dr:postgresReplicaOf: "${stale}" is not allowed with dr=standby: the peer runs another server`) && e.message.endsWith(`${primary.rendering.outputs.postgresServerId}`),
        );
    });
    it("a standby whose peer runs no server or cache is refused, naming each", async () => {
        await assert.rejects(plan("secondary", {}, { postgres: false, redis: false }), (e: Error) => {
            const [postgres, redis] = e.message.split("\n");
            assert.match(postgres, /^Pulumi\.secondary\.yaml: logscale-dr:postgres: true is not allowed with dr=standby \(primary exports no postgresServerId\); allowed: false, or a peer that runs PostgreSQL/);
            assert.match(redis, /^Pulumi\.secondary\.yaml: logscale-dr:redis: true is not allowed with dr=standby \(primary exports no redisCacheId\); allowed: false, or a peer that runs Redis/);
            return true;
        });
    });
});

describe("Redis", () => {
    it("one Premium cache per region, the same size, TLS only, behind a private endpoint; protected", async () => {
        for (const stack of ["primary", "secondary"]) {
            const p = await plan(stack);
            const cache = named(p, "redis-cache");
            assert.deepStrictEqual((cache.inputs as any).sku, { name: "Premium", family: "P", capacity: 1 });
            assert.deepStrictEqual([(cache.inputs as any).enableNonSslPort, (cache.inputs as any).minimumTlsVersion, (cache.inputs as any).publicNetworkAccess], [false, "1.2", "Disabled"]);
            assert.strictEqual(cache.options.protect, true);
            const endpoint = inputs(p, "redis-endpoint");
            assert.strictEqual(endpoint.subnet.id, state(p, "network-endpoints-subnet").id);
            assert.deepStrictEqual(endpoint.privateLinkServiceConnections[0].groupIds, ["redisCache"]);
            assert.strictEqual(endpoint.privateLinkServiceConnections[0].privateLinkServiceId, cache.state.id);
            assert.strictEqual(inputs(p, "redis-endpoint-dns").privateDnsZoneConfigs[0].privateDnsZoneId, state(p, "redis-dns").id);
        }
    });
    it("the standby links its cache to the peer's as geo-secondary; promotion unlinks and keeps both caches", async () => {
        const [primary, standby, promoted] = [await plan("primary"), await plan("secondary"), await plan("secondary", { dr: "active" })];
        const link = inputs(standby, "redis-geo-link");
        const peerCache = parseRedisCacheId(String(primary.rendering.outputs.redisCacheId));
        assert.deepStrictEqual([link.resourceGroupName, link.name], [peerCache.resourceGroup, peerCache.name], "the link lives on the primary's cache");
        assert.deepStrictEqual([link.linkedRedisCacheId, link.linkedRedisCacheLocation, link.serverRole], [state(standby, "redis-cache").id, "westus", "Secondary"]);
        assert.strictEqual(maybeNamed(promoted, "redis-geo-link"), undefined);
        assert.strictEqual(maybeNamed(primary, "redis-geo-link"), undefined);
        const changes = diffRenderings(standby.rendering, promoted.rendering).changes.filter((c) => c.type.startsWith("azure-native:redis:"));
        assert.deepStrictEqual(changes.map((c) => [c.kind, c.name]), [["delete", "redis-geo-link"]]);
    });
});

describe("Application Gateway edge", () => {
    it("edge=appGateway: the gateway takes the region's public IP and FQDN, so the Traffic Manager endpoint keeps its target; Envoy goes internal", async () => {
        const [nginx, gateway] = [await plan("primary"), await plan("primary", { edge: "appGateway" }, { edge: "appGateway" })];
        assert.deepStrictEqual(ofType(nginx, "azure-native:network:ApplicationGateway"), []);
        const gw = inputs(gateway, "appgw-gateway");
        assert.deepStrictEqual(gw.sku, { name: "WAF_v2", tier: "WAF_v2" });
        assert.strictEqual(gw.frontendIPConfigurations[0].publicIPAddress.id, state(gateway, "network-ingress-ip").id);
        assert.strictEqual(gw.gatewayIPConfigurations[0].subnet.id, state(gateway, "network-appgateway-subnet").id);
        assert.strictEqual(gw.firewallPolicy.id, state(gateway, "appgw-waf").id);
        assert.strictEqual(gw.backendAddressPools[0].backendAddresses[0].ipAddress, "172.16.4.250");
        assert.strictEqual(gw.sslCertificates[0].keyVaultSecretId, `${state(gateway, "break-glass-vault").properties.vaultUri}secrets/logscale-tls`);
        const certificateRole = inputs(gateway, "appgw-certificate");
        // On the certificate's secret only (test/render/securityBaseline.spec.ts).
        assert.deepStrictEqual([certificateRole.scope, certificateRole.principalId], [`${state(gateway, "break-glass-vault").id}/secrets/logscale-tls`, state(gateway, "appgw-identity").principalId]);
        assert.match(certificateRole.roleDefinitionId, roleId("keyVaultSecretsUser"));
        assert.strictEqual(gateway.rendering.outputs.clusterFqdn, nginx.rendering.outputs.clusterFqdn);
        assert.strictEqual(inputs(gateway, "global-dns-primary").target, inputs(nginx, "global-dns-primary").target);
        const annotations = inputs(gateway, "ingress-controller-envoy-proxy").spec.provider.kubernetes.envoyService.annotations;
        assert.deepStrictEqual(
            [annotations["service.beta.kubernetes.io/azure-load-balancer-internal"], annotations["service.beta.kubernetes.io/azure-load-balancer-ipv4"], annotations["service.beta.kubernetes.io/azure-pip-name"]],
            ["true", "172.16.4.250", undefined],
        );
        const nsg = (p: StackPlan, role: string) => inputs(p, `network-${role}-nsg`).securityRules.map((r: any) => r.sourceAddressPrefix);
        assert.deepStrictEqual([nsg(nginx, "ingress"), nsg(gateway, "ingress"), nsg(gateway, "appgateway")], [["Internet"], [], ["Internet", "GatewayManager"]]);
        assert.strictEqual(inputs(gateway, "network-appgateway-subnet").natGateway, undefined, "Application Gateway subnets take no NAT gateway");
    });
    it("a certificate elsewhere needs no region vault; without either the config is refused", async () => {
        const p = await minimal();
        assert.strictEqual(inputs(p, "appgw-gateway").sslCertificates[0].keyVaultSecretId, externalCertificate);
        assert.strictEqual(maybeNamed(p, "appgw-certificate"), undefined);
        await assert.rejects(plan("primary", { edge: "appGateway", keyVault: false }), /logscale-dr:appGatewayCertificateSecretId: "" is not allowed with edge=appGateway and keyVault=false/);
    });
});
