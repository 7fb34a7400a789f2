// The edge: each policy passes its compliant baseline and catches exactly the
// violation each mutation introduces.
import * as assert from "assert";
import * as edge from "../../policy/edge";
import { Secret } from "../../tools/offline/engine";
import { activeStack, assertPasses, mutate, resource, standbyStack, violations } from "./fixtures";

const setting = (name: string, value: unknown) => (r: { props: any }) => r.props.siteConfig.appSettings.push({ name, value });

describe("policy: edge", () => {
    it("waf-prevention-mode", async () => {
        await assertPasses(edge.wafPreventionMode, activeStack());
        assert.deepStrictEqual(await violations(edge.wafPreventionMode, mutate(activeStack(), "appgw-waf", (r) => (r.props.policySettings.mode = "Detection"))), [
            'policySettings.mode is "Detection"; it must be Prevention.',
        ]);
        assert.deepStrictEqual(await violations(edge.wafPreventionMode, mutate(activeStack(), "appgw-waf", (r) => (r.props.policySettings.state = "Disabled"))), ["policySettings.state is Disabled."]);
        assert.deepStrictEqual(
            await violations(edge.wafPreventionMode, mutate(activeStack(), "appgw-gateway", (r) => (r.props.webApplicationFirewallConfiguration = { enabled: true, firewallMode: "Detection" }))),
            ["webApplicationFirewallConfiguration must be enabled in Prevention mode."],
        );
    });

    it("waf-managed-rules-not-bypassed", async () => {
        await assertPasses(edge.wafManagedRulesApply, activeStack());
        const allowIngest = {
            name: "AllowIngest",
            priority: 10,
            ruleType: "MatchRule",
            action: "Allow",
            matchConditions: [{ matchVariables: [{ variableName: "RequestUri" }], operator: "BeginsWith", matchValues: ["/api/v1/ingest/", "/services/collector"], transforms: ["Lowercase"] }],
        };
        assert.deepStrictEqual(await violations(edge.wafManagedRulesApply, mutate(activeStack(), "appgw-waf", (r) => r.props.customRules.push(allowIngest))), [
            'custom rule AllowIngest allows requests by RequestUri BeginsWith ["/api/v1/ingest/","/services/collector"], which skips the managed rule set for them.',
        ]);
        // Allowlisting known clients by address is what Allow rules are for.
        const fromCollectors = { ...allowIngest, name: "AllowCollectors", matchConditions: [{ matchVariables: [{ variableName: "RemoteAddr" }], operator: "IPMatch", matchValues: ["203.0.113.0/28"] }] };
        await assertPasses(edge.wafManagedRulesApply, mutate(activeStack(), "appgw-waf", (r) => r.props.customRules.push(fromCollectors)));
        assert.deepStrictEqual(await violations(edge.wafManagedRulesApply, mutate(activeStack(), "appgw-waf", (r) => (r.props.managedRules.managedRuleSets = []))), [
            "managedRules.managedRuleSets is empty: no managed rules run.",
        ]);
    });

    it("app-gateway-minimum-tls-1-2", async () => {
        await assertPasses(edge.appGatewayTls12, activeStack());
        const policy = (sslPolicy: unknown) => mutate(activeStack(), "appgw-gateway", (r) => (r.props.sslPolicy = sslPolicy));
        assert.deepStrictEqual(await violations(edge.appGatewayTls12, policy({ policyType: "Predefined", policyName: "AppGwSslPolicy20150501" })), [
            'sslPolicy: predefined policy "AppGwSslPolicy20150501" allows TLS below 1.2; use one of AppGwSslPolicy20170401S, AppGwSslPolicy20220101, AppGwSslPolicy20220101S.',
        ]);
        assert.deepStrictEqual(await violations(edge.appGatewayTls12, policy({ policyType: "CustomV2", minProtocolVersion: "TLSv1_0" })), [
            'sslPolicy: CustomV2 policy minProtocolVersion is "TLSv1_0"; it must be TLSv1_2 or newer.',
        ]);
        assert.strictEqual((await violations(edge.appGatewayTls12, policy(undefined))).length, 1, "the default depends on the API version: state it");
        await assertPasses(edge.appGatewayTls12, policy({ policyType: "CustomV2", minProtocolVersion: "TLSv1_3" }));
        assert.deepStrictEqual(
            await violations(edge.appGatewayTls12, mutate(activeStack(), "appgw-gateway", (r) => (r.props.sslProfiles = [{ name: "legacy", sslPolicy: { policyType: "Predefined", policyName: "AppGwSslPolicy20170401" } }]))),
            ['sslProfiles[legacy].sslPolicy: predefined policy "AppGwSslPolicy20170401" allows TLS below 1.2; use one of AppGwSslPolicy20170401S, AppGwSslPolicy20220101, AppGwSslPolicy20220101S.'],
        );
    });

    it("app-service-https-only", async () => {
        await assertPasses(edge.appServiceHttpsOnly, standbyStack());
        assert.deepStrictEqual(await violations(edge.appServiceHttpsOnly, mutate(standbyStack(), "failover-app", (r) => (r.props.httpsOnly = false))), ["httpsOnly must be true."]);
    });

    it("app-service-minimum-tls-1-2", async () => {
        await assertPasses(edge.appServiceTls12, standbyStack());
        assert.deepStrictEqual(await violations(edge.appServiceTls12, mutate(standbyStack(), "failover-app", (r) => (r.props.siteConfig.minTlsVersion = "1.0"))), [
            'siteConfig.minTlsVersion is "1.0"; it must be 1.2 or newer.',
        ]);
        assert.deepStrictEqual(await violations(edge.appServiceTls12, mutate(standbyStack(), "failover-app", (r) => (r.props.siteConfig.scmMinTlsVersion = "1.1"))), [
            'siteConfig.scmMinTlsVersion is "1.1"; it must be 1.2 or newer.',
        ]);
    });

    it("app-service-ftp-disabled", async () => {
        await assertPasses(edge.appServiceNoFtp, standbyStack());
        assert.deepStrictEqual(await violations(edge.appServiceNoFtp, mutate(standbyStack(), "failover-app", (r) => (r.props.siteConfig.ftpsState = "AllAllowed"))), [
            'siteConfig.ftpsState is "AllAllowed"; it must be Disabled (or FtpsOnly).',
        ]);
        await assertPasses(edge.appServiceNoFtp, mutate(standbyStack(), "failover-app", (r) => (r.props.siteConfig.ftpsState = "FtpsOnly")));
    });

    it("app-service-no-storage-keys-in-settings", async () => {
        await assertPasses(edge.appServiceNoKeysInSettings, standbyStack());
        const keyed = "DefaultEndpointsProtocol=https;AccountName=lsdrsecfn1;AccountKey=c2VjcmV0;EndpointSuffix=core.windows.net";
        assert.deepStrictEqual(await violations(edge.appServiceNoKeysInSettings, mutate(standbyStack(), "failover-app", setting("AzureWebJobsStorage", keyed))), [
            "app setting AzureWebJobsStorage carries a storage key or signature.",
        ]);
        // Marked secret, it is still a key in the app's settings.
        assert.strictEqual((await violations(edge.appServiceNoKeysInSettings, mutate(standbyStack(), "failover-app", setting("AzureWebJobsStorage", new Secret(keyed))))).length, 1);
        assert.deepStrictEqual(
            await violations(edge.appServiceNoKeysInSettings, mutate(standbyStack(), "failover-app", setting("WEBSITE_RUN_FROM_PACKAGE", "https://lsdrsecfn1.blob.core.windows.net/packages/f.zip?sv=2022-11-02&sig=abc"))),
            ["app setting WEBSITE_RUN_FROM_PACKAGE carries a storage key or signature."],
        );
        const settings = resource("azure-native:web:WebAppApplicationSettings", "failover-settings", { name: "lsdr-sec-failover", properties: { AzureWebJobsStorage: keyed } });
        assert.deepStrictEqual(await violations(edge.appServiceNoKeysInSettings, [...standbyStack(), settings]), ["app setting AzureWebJobsStorage carries a storage key or signature."]);
    });
});
