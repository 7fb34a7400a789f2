// Security baseline: each policy passes its compliant baseline and catches
// exactly the violation each mutation introduces.
import * as assert from "assert";
import * as s from "../../policy/security";
import { Secret } from "../../tools/offline/engine";
import { activeStack, assertPasses, baseline, mutate, resource, standbyStack, violations } from "./fixtures";

describe("policy: security baseline", () => {
    it("storage-https-only", async () => {
        await assertPasses(s.storageHttpsOnly, standbyStack());
        assert.deepStrictEqual(await violations(s.storageHttpsOnly, mutate(standbyStack(), "logs-account", (r) => (r.props.enableHttpsTrafficOnly = false))), ["enableHttpsTrafficOnly must be true."]);
    });

    it("storage-minimum-tls-1-2", async () => {
        await assertPasses(s.storageTls12, mutate(standbyStack(), "logs-account", (r) => (r.props.minimumTlsVersion = "TLS1_3")));
        assert.deepStrictEqual(await violations(s.storageTls12, mutate(standbyStack(), "failover-host", (r) => (r.props.minimumTlsVersion = "TLS1_0"))), [
            'minimumTlsVersion is "TLS1_0"; it must be TLS1_2 or newer.',
        ]);
    });

    it("storage-no-public-blob-access", async () => {
        await assertPasses(s.storageNoPublicBlobs, standbyStack());
        assert.deepStrictEqual(await violations(s.storageNoPublicBlobs, mutate(standbyStack(), "logs-account", (r) => delete r.props.allowBlobPublicAccess)), ["allowBlobPublicAccess must be false."]);
        assert.deepStrictEqual(await violations(s.storageNoPublicBlobs, mutate(standbyStack(), "logs-container", (r) => (r.props.publicAccess = "Blob"))), ['publicAccess is "Blob"; it must be None.']);
    });

    it("storage-firewall-default-deny", async () => {
        await assertPasses(s.storageFirewallDeny, standbyStack());
        assert.deepStrictEqual(await violations(s.storageFirewallDeny, mutate(standbyStack(), "logs-account", (r) => (r.props.networkRuleSet.defaultAction = "Allow"))), ["networkRuleSet.defaultAction must be Deny."]);
        assert.deepStrictEqual(await violations(s.storageFirewallDeny, mutate(standbyStack(), "failover-host", (r) => delete r.props.networkRuleSet)), ["networkRuleSet.defaultAction must be Deny."]);
    });

    it("key-vault-rbac-and-purge-protection", async () => {
        await assertPasses(s.keyVaultRbacPurgeProtection, activeStack());
        assert.deepStrictEqual(await violations(s.keyVaultRbacPurgeProtection, mutate(activeStack(), "vault", (r) => (r.props.properties.enableRbacAuthorization = false))), [
            "properties.enableRbacAuthorization must be true.",
        ]);
        assert.deepStrictEqual(await violations(s.keyVaultRbacPurgeProtection, mutate(activeStack(), "vault", (r) => delete r.props.properties.enablePurgeProtection)), [
            "properties.enablePurgeProtection must be true.",
        ]);
    });

    it("aks-entra-id-only", async () => {
        await assertPasses(s.aksEntraIdOnly, standbyStack());
        assert.deepStrictEqual(await violations(s.aksEntraIdOnly, mutate(standbyStack(), "aks-cluster", (r) => (r.props.disableLocalAccounts = false))), ["disableLocalAccounts must be true."]);
        assert.deepStrictEqual(await violations(s.aksEntraIdOnly, mutate(standbyStack(), "aks-cluster", (r) => (r.props.aadProfile.enableAzureRBAC = false))), [
            "aadProfile must be managed with enableAzureRBAC true.",
        ]);
    });

    it("aks-workload-identity", async () => {
        await assertPasses(s.aksWorkloadIdentity, standbyStack());
        assert.deepStrictEqual(await violations(s.aksWorkloadIdentity, mutate(standbyStack(), "aks-cluster", (r) => (r.props.oidcIssuerProfile.enabled = false))), ["oidcIssuerProfile.enabled must be true."]);
        assert.deepStrictEqual(await violations(s.aksWorkloadIdentity, mutate(standbyStack(), "aks-cluster", (r) => delete r.props.securityProfile)), [
            "securityProfile.workloadIdentity.enabled must be true.",
        ]);
    });

    it("postgres-tls-only", async () => {
        await assertPasses(s.postgresTlsOnly, activeStack());
        assert.deepStrictEqual(await violations(s.postgresTlsOnly, mutate(activeStack(), "postgres-require_secure_transport", (r) => (r.props.value = "OFF"))), ["require_secure_transport must stay on."]);
        assert.deepStrictEqual(await violations(s.postgresTlsOnly, [...activeStack(), baseline.postgresConfiguration("ssl_min_protocol_version", "TLSv1.1")]), [
            'ssl_min_protocol_version is "TLSv1.1"; it must be TLSv1.2 or newer.',
        ]);
    });

    it("postgres-entra-administrator", async () => {
        await assertPasses(s.postgresEntraAdministrator, activeStack());
        const withoutAdmin = activeStack().filter((r) => r.name !== "postgres-entra-admin");
        assert.deepStrictEqual(await violations(s.postgresEntraAdministrator, withoutAdmin), ["PostgreSQL server lsdr-sec-pg has no Microsoft Entra administrator (AdministratorsMicrosoftEntra)."]);
        assert.deepStrictEqual(await violations(s.postgresEntraAdministrator, mutate(activeStack(), "postgres-entra-admin", (r) => (r.props.serverName = "other-pg"))), [
            "PostgreSQL server lsdr-sec-pg has no Microsoft Entra administrator (AdministratorsMicrosoftEntra).",
        ]);
        assert.deepStrictEqual(await violations(s.postgresEntraAdministrator, mutate(activeStack(), "postgres", (r) => (r.props.authConfig.activeDirectoryAuth = "Disabled"))), [
            "PostgreSQL server lsdr-sec-pg: authConfig.activeDirectoryAuth must be Enabled.",
        ]);
        // Unset createMode is Azure's Default: a server created here too.
        assert.deepStrictEqual(await violations(s.postgresEntraAdministrator, mutate(withoutAdmin, "postgres", (r) => delete r.props.createMode)), [
            "PostgreSQL server lsdr-sec-pg has no Microsoft Entra administrator (AdministratorsMicrosoftEntra).",
        ]);
        // A read replica takes its source's administrators and is refused one of its own.
        const replica = mutate(withoutAdmin, "postgres", (r) => Object.assign(r.props, { createMode: "Replica", sourceServerResourceId: "/subscriptions/s/resourceGroups/g/providers/Microsoft.DBforPostgreSQL/flexibleServers/p" }));
        assert.deepStrictEqual(await violations(s.postgresEntraAdministrator, replica), []);
        assert.deepStrictEqual(await violations(s.postgresEntraAdministrator, standbyStack()), []);
    });

    it("redis-tls-only", async () => {
        await assertPasses(s.redisTlsOnly, activeStack());
        assert.deepStrictEqual(await violations(s.redisTlsOnly, mutate(activeStack(), "redis", (r) => (r.props.enableNonSslPort = true))), ["enableNonSslPort must be false."]);
        assert.deepStrictEqual(await violations(s.redisTlsOnly, mutate(activeStack(), "redis", (r) => (r.props.minimumTlsVersion = "1.0"))), ['minimumTlsVersion is "1.0"; it must be 1.2.']);
    });

    it("no-literal-secrets-in-env", async () => {
        await assertPasses(s.noLiteralSecretsInEnv, activeStack());
        assert.deepStrictEqual(
            await violations(s.noLiteralSecretsInEnv, mutate(activeStack(), "api", (r) => (r.props.spec.template.spec.containers[0].env[0] = { name: "API_TOKEN", value: "abc123" }))),
            ["containers[api].env: API_TOKEN has a literal value; take it from a Secret with valueFrom.secretKeyRef."],
        );
        const leaky = mutate(standbyStack(), "logscale-cluster", (r) => r.props.spec.nodePools[0].spec.environmentVariables.push({ name: "DB_PASSWORD", value: "hunter2" }));
        assert.deepStrictEqual(await violations(s.noLiteralSecretsInEnv, leaky), [
            "spec.nodePools[ui].spec.environmentVariables: DB_PASSWORD has a literal value; take it from a Secret with valueFrom.secretKeyRef.",
        ]);
        const literalPrefix = mutate(standbyStack(), "logscale-cluster", (r) => r.props.spec.commonEnvironmentVariables.push({ name: "S3_SECRET_NAME", value: "not-a-secret" }));
        assert.strictEqual((await violations(s.noLiteralSecretsInEnv, literalPrefix)).length, 1);
        assert.deepStrictEqual(await violations(s.noLiteralSecretsInEnv, literalPrefix, { "no-literal-secrets-in-env": { allowedLiteralNames: ["*_OBJECT_KEY_PREFIX", "*_SECRET_NAME"] } }), []);
    });

    it("no-literal-secrets-in-env: names that hold credentials without saying so", async () => {
        const staticUsers = mutate(standbyStack(), "logscale-cluster", (r) => r.props.spec.commonEnvironmentVariables.push({ name: "STATIC_USERS", value: "admin:hunter2" }));
        assert.deepStrictEqual(await violations(s.noLiteralSecretsInEnv, staticUsers), [
            "spec.commonEnvironmentVariables: STATIC_USERS has a literal value; take it from a Secret with valueFrom.secretKeyRef.",
        ]);
        // allowedLiteralNames never exempts a name known to hold credentials.
        assert.strictEqual((await violations(s.noLiteralSecretsInEnv, staticUsers, { "no-literal-secrets-in-env": { allowedLiteralNames: ["*_OBJECT_KEY_PREFIX", "STATIC_*"] } })).length, 1);
        await assertPasses(s.noLiteralSecretsInEnv, mutate(standbyStack(), "logscale-cluster", (r) => r.props.spec.commonEnvironmentVariables.push({ name: "STATIC_USERS", valueFrom: { secretKeyRef: { name: "u", key: "users" } } })));
    });

    it("storage-shared-key-access-disabled", async () => {
        await assertPasses(s.storageSharedKeyDisabled, standbyStack());
        assert.deepStrictEqual(await violations(s.storageSharedKeyDisabled, mutate(standbyStack(), "failover-host", (r) => (r.props.allowSharedKeyAccess = true))), [
            "storage account lsdrsecfn1: allowSharedKeyAccess must be false (only LogScale's own bucket may take its key).",
        ]);
        assert.strictEqual((await violations(s.storageSharedKeyDisabled, mutate(standbyStack(), "failover-host", (r) => delete r.props.allowSharedKeyAccess))).length, 1, "unset means allowed");
        // LogScale's bucket takes its key; without a HumioCluster nothing is exempt.
        assert.deepStrictEqual(await violations(s.storageSharedKeyDisabled, standbyStack().filter((r) => r.name !== "logscale-cluster")), [
            "storage account lsdrseclogs1: allowSharedKeyAccess must be false (only LogScale's own bucket may take its key).",
        ]);
    });

    it("redis-access-keys-disabled", async () => {
        await assertPasses(s.redisAccessKeysDisabled, activeStack());
        assert.deepStrictEqual(await violations(s.redisAccessKeysDisabled, mutate(activeStack(), "redis", (r) => (r.props.disableAccessKeyAuthentication = false))), ["disableAccessKeyAuthentication must be true."]);
    });

    it("key-vault-secrets-expire", async () => {
        await assertPasses(s.keyVaultSecretsExpire, activeStack());
        assert.deepStrictEqual(await violations(s.keyVaultSecretsExpire, mutate(activeStack(), "vault-storage-account-key", (r) => delete r.props.properties.attributes)), [
            "secret storage-account-key has no properties.attributes.expires.",
        ]);
        // A break-glass copy stays readable in the emergency it is kept for: no expiry asked of it.
        await assertPasses(s.keyVaultSecretsExpire, mutate(activeStack(), "vault-storage-account-key", (r) => ((r.props.properties.contentType = "text/plain; break-glass-copy"), delete r.props.properties.attributes)));
        // A secret's properties hold its value: handed over as a whole Secret, they are read all the same.
        await assertPasses(s.keyVaultSecretsExpire, mutate(activeStack(), "vault-storage-account-key", (r) => (r.props.properties = new Secret(r.props.properties))));
    });

    it("no-retired-ingress-nginx", async () => {
        await assertPasses(s.noRetiredIngressNginx, activeStack());
        const nginxChart = mutate(activeStack(), "ingress-controller-cert-manager", (r) => (r.props = { chart: "ingress-nginx", repositoryOpts: { repo: "https://kubernetes.github.io/ingress-nginx" } }));
        assert.deepStrictEqual(await violations(s.noRetiredIngressNginx, nginxChart), ['chart "ingress-nginx" is the retired ingress-nginx controller.']);
        const nginxIngress = [...activeStack(), resource("kubernetes:networking.k8s.io/v1:Ingress", "logscale-ingress-ingress", { spec: { ingressClassName: "nginx" } })];
        assert.deepStrictEqual(await violations(s.noRetiredIngressNginx, nginxIngress), ["the Ingress is for the retired ingress-nginx controller (class nginx); route with a Gateway API HTTPRoute."]);
    });
});
