// Identity: each policy passes its compliant baseline and catches exactly the
// violation each mutation introduces.
import * as assert from "assert";
import * as id from "../../policy/identity";
import { activeStack, assertPasses, baseline, ids, mutate, standbyStack, violations } from "./fixtures";

const day = 24 * 3600 * 1000;
const setRole = (guid: string, scope: string) => (r: { props: any }) => Object.assign(r.props, { roleDefinitionId: ids.role(guid), scope });

describe("policy: identity", () => {
    it("no-privileged-roles-at-broad-scope", async () => {
        await assertPasses(id.noPrivilegedRolesAtBroadScope, standbyStack());
        await assertPasses(id.noPrivilegedRolesAtBroadScope, activeStack());
        const cases: Array<[string, string, string]> = [
            [id.builtInRoles.owner, ids.subscription, `Owner is assigned on a subscription (${ids.subscription}); assign a narrower role on the resources the principal needs.`],
            [id.builtInRoles.contributor, ids.resourceGroup, `Contributor is assigned on a resource group (${ids.resourceGroup}); assign a narrower role on the resources the principal needs.`],
            [id.builtInRoles.userAccessAdministrator, "/", "User Access Administrator is assigned on the root scope (/); assign a narrower role on the resources the principal needs."],
            [
                id.builtInRoles.rbacAdministrator,
                "/providers/Microsoft.Management/managementGroups/acme",
                "Role Based Access Control Administrator is assigned on a management group (/providers/Microsoft.Management/managementGroups/acme); assign a narrower role on the resources the principal needs.",
            ],
        ];
        for (const [guid, scope, message] of cases) {
            assert.deepStrictEqual(await violations(id.noPrivilegedRolesAtBroadScope, mutate(standbyStack(), "logscale-pods-own-container", setRole(guid, scope))), [message]);
        }
        // On one resource, Owner is a choice for the resource's owner, not a region-wide grant.
        await assertPasses(id.noPrivilegedRolesAtBroadScope, mutate(standbyStack(), "logscale-pods-own-container", setRole(id.builtInRoles.owner, ids.logsAccount)));
        assert.deepStrictEqual(
            await violations(id.noPrivilegedRolesAtBroadScope, mutate(standbyStack(), "failover-endpoint-switch", (r) => r.props.permissions[0].actions.push("Microsoft.Authorization/roleAssignments/write"))),
            ['custom role "lsdr-sec LogScale DR endpoint switch" grants Microsoft.Authorization/roleAssignments/write.'],
        );
    });

    it("network-contributor-scoped-to-resources", async () => {
        await assertPasses(id.networkContributorScoped, standbyStack());
        assert.deepStrictEqual(await violations(id.networkContributorScoped, mutate(standbyStack(), "aks-control-plane-network", (r) => (r.props.scope = ids.resourceGroup))), [
            `Network Contributor is assigned on a resource group (${ids.resourceGroup}); grant it on the subnet and public IP instead.`,
        ]);
    });

    it("key-vault-secret-access-per-secret", async () => {
        await assertPasses(id.keyVaultSecretPerReader, activeStack());
        const wholeVault = mutate(activeStack(), "appgw-certificate", (r) => (r.props.scope = ids.vault));
        assert.deepStrictEqual(await violations(id.keyVaultSecretPerReader, wholeVault), [
            `Key Vault Secrets User is assigned on ${ids.vault}, which reads every secret there; scope it to the one secret (…/vaults/<vault>/secrets/<name>).`,
        ]);
        assert.strictEqual((await violations(id.keyVaultSecretPerReader, mutate(activeStack(), "appgw-certificate", setRole(id.builtInRoles.keyVaultAdministrator, ids.resourceGroup)))).length, 1);
        // A named break-glass principal may hold a vault-wide role.
        assert.deepStrictEqual(await violations(id.keyVaultSecretPerReader, wholeVault, { "key-vault-secret-access-per-secret": { vaultWidePrincipalIds: ["57d69afe-c698-4058-29fe-a4896415a2c4"] } }), []);
    });

    it("sign-in-requires-assignment", async () => {
        await assertPasses(id.signInRequiresAssignment, activeStack());
        assert.deepStrictEqual(await violations(id.signInRequiresAssignment, mutate(activeStack(), "sign-in-principal", (r) => delete r.props.appRoleAssignmentRequired)), ["appRoleAssignmentRequired must be true."]);
    });

    it("sign-in-secret-expiry", async () => {
        await assertPasses(id.signInSecretExpiry, activeStack());
        const set = (props: Record<string, unknown>) => (r: { props: any }) => {
            delete r.props.endDate;
            Object.assign(r.props, props);
        };
        assert.deepStrictEqual(await violations(id.signInSecretExpiry, mutate(activeStack(), "sign-in-secret", set({}))), ["the client secret has no endDate; set one at most 180 days ahead."]);
        const [longLived] = await violations(id.signInSecretExpiry, mutate(activeStack(), "sign-in-secret", set({ endDate: "2299-12-31T00:00:00Z" })));
        assert.match(longLived, /^the client secret lives \d+ days; at most 180 are allowed\.$/);
        assert.deepStrictEqual(await violations(id.signInSecretExpiry, mutate(activeStack(), "sign-in-secret", set({ startDate: "2026-01-01T00:00:00Z", endDate: "2026-12-01T00:00:00Z" }))), [
            "the client secret lives 334 days; at most 180 are allowed.",
        ]);
        assert.deepStrictEqual(await violations(id.signInSecretExpiry, mutate(activeStack(), "sign-in-secret", set({ endDateRelative: "8760h" }))), ["the client secret lives 365 days; at most 180 are allowed."]);
        await assertPasses(id.signInSecretExpiry, mutate(activeStack(), "sign-in-secret", set({ endDateRelative: "2160h" })));
        assert.deepStrictEqual(await violations(id.signInSecretExpiry, mutate(activeStack(), "sign-in-secret", set({ endDate: new Date(Date.now() + 300 * day).toISOString() })), { "sign-in-secret-expiry": { maxDays: 365 } }), []);
    });

    it("sign-in-redirect-uris-https", async () => {
        await assertPasses(id.signInRedirectsHttps, activeStack());
        const redirect = (uri: string) => mutate(activeStack(), "sign-in-application", (r) => r.props.web.redirectUris.push(uri));
        assert.deepStrictEqual(await violations(id.signInRedirectsHttps, redirect("http://logscale.logs.example.com/auth/oidc")), ["redirect URI http://logscale.logs.example.com/auth/oidc is not https."]);
        assert.deepStrictEqual(await violations(id.signInRedirectsHttps, redirect("https://*.cloudapp.azure.com/auth/oidc")), ["redirect URI https://*.cloudapp.azure.com/auth/oidc has a wildcard."]);
        assert.deepStrictEqual(await violations(id.signInRedirectsHttps, redirect("http://localhost:8080/auth/oidc")), [
            "redirect URI http://localhost:8080/auth/oidc is not https.",
            "redirect URI http://localhost:8080/auth/oidc points at the local machine.",
        ]);
    });

    it("federated-credential-exact-subject", async () => {
        await assertPasses(id.federatedCredentialExact, standbyStack());
        const subject = (value: string) => mutate(standbyStack(), "logscale-pods-federation", (r) => (r.props.subject = value));
        for (const wide of ["system:serviceaccount:logging:*", "system:serviceaccounts:logging", "system:serviceaccount:*:logscale"]) {
            assert.deepStrictEqual(await violations(id.federatedCredentialExact, subject(wide)), [`subject ${JSON.stringify(wide)} must name one service account: system:serviceaccount:<namespace>:<name>.`]);
        }
        assert.deepStrictEqual(await violations(id.federatedCredentialExact, mutate(standbyStack(), "logscale-pods-federation", (r) => (r.props.claimsMatchingExpression = { value: "claims['sub'] matches 'system:serviceaccount:logging:*'", languageVersion: 1 }))), [
            "claimsMatchingExpression widens the credential beyond one subject.",
        ]);
        assert.deepStrictEqual(await violations(id.federatedCredentialExact, mutate(standbyStack(), "logscale-pods-federation", (r) => r.props.audiences.push("api://other"))), [
            'audiences are ["api://AzureADTokenExchange","api://other"]; they must be ["api://AzureADTokenExchange"].',
        ]);
        assert.strictEqual(baseline.federatedCredential().props.subject, "system:serviceaccount:logging:logscale");
    });
});
