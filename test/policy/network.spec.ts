// Network exposure: each policy passes its compliant baseline and catches
// exactly the violation each mutation introduces.
import * as assert from "assert";
import { widestStorageIpRange } from "../../config/formats";
import * as net from "../../policy/network";
import { activeStack, assertPasses, mutate, resource, standbyStack, violations } from "./fixtures";

describe("policy: network exposure", () => {
    it("firewall-ip-rules-narrow", async () => {
        await assertPasses(net.firewallIpRulesNarrow, activeStack());
        const storageRule = (range: string) => mutate(standbyStack(), "logs-account", (r) => r.props.networkRuleSet.ipRules.push({ action: "Allow", iPAddressOrRange: range }));
        assert.deepStrictEqual(await violations(net.firewallIpRulesNarrow, storageRule("0.0.0.0/0")), ["networkRuleSet.ipRules: 0.0.0.0/0 spans a /0; the widest allowed is a /16."]);
        assert.deepStrictEqual(await violations(net.firewallIpRulesNarrow, storageRule("10.0.0.0/24")), [
            "networkRuleSet.ipRules: 10.0.0.0/24 is a private range, which a public firewall rule cannot match (use a virtual network rule).",
        ]);
        assert.deepStrictEqual(await violations(net.firewallIpRulesNarrow, storageRule("300.1.2.3")), ['networkRuleSet.ipRules: "300.1.2.3" is not an IPv4 address or CIDR range.']);
        assert.deepStrictEqual(await violations(net.firewallIpRulesNarrow, storageRule("20.0.0.0/16")), []);
        assert.deepStrictEqual(await violations(net.firewallIpRulesNarrow, storageRule("20.0.0.0/16"), { "firewall-ip-rules-narrow": { minPrefixLength: 24 } }), [
            "networkRuleSet.ipRules: 20.0.0.0/16 spans a /16; the widest allowed is a /24.",
        ]);
        assert.strictEqual(net.defaultMinPrefixLength, widestStorageIpRange, "the pack's default admits what config admits, and no more");
        assert.deepStrictEqual(await violations(net.firewallIpRulesNarrow, mutate(activeStack(), "vault", (r) => r.props.properties.networkAcls.ipRules.push({ value: "0.0.0.0/1" }))), [
            "properties.networkAcls.ipRules: 0.0.0.0/1 spans a /1; the widest allowed is a /16.",
        ]);
    });

    it("key-vault-firewall-default-deny", async () => {
        await assertPasses(net.keyVaultFirewallDeny, activeStack());
        assert.deepStrictEqual(await violations(net.keyVaultFirewallDeny, mutate(activeStack(), "vault", (r) => (r.props.properties.networkAcls.defaultAction = "Allow"))), [
            "properties.networkAcls.defaultAction must be Deny.",
        ]);
        assert.strictEqual((await violations(net.keyVaultFirewallDeny, mutate(activeStack(), "vault", (r) => delete r.props.properties.networkAcls))).length, 1);
    });

    it("aks-api-server-authorized-ranges", async () => {
        await assertPasses(net.aksAuthorizedRanges, standbyStack());
        const ranges = (value: unknown) => mutate(standbyStack(), "aks-cluster", (r) => (r.props.apiServerAccessProfile = value));
        assert.deepStrictEqual(await violations(net.aksAuthorizedRanges, ranges({ authorizedIPRanges: ["0.0.0.0/0"] })), ["authorized range 0.0.0.0/0 spans a /0; the widest allowed is a /16."]);
        assert.deepStrictEqual(await violations(net.aksAuthorizedRanges, ranges(undefined)), [
            "the API server is public with no apiServerAccessProfile.authorizedIPRanges; authorize the operators' and pipelines' ranges or make the cluster private.",
        ]);
        assert.deepStrictEqual(await violations(net.aksAuthorizedRanges, ranges({ authorizedIPRanges: ["corp-vpn"] })), ['authorized range "corp-vpn" is not an IPv4 address or CIDR range.']);
        await assertPasses(net.aksAuthorizedRanges, ranges({ enablePrivateCluster: true }));
    });

    it("aks-network-policy-enforced", async () => {
        await assertPasses(net.aksNetworkPolicyEnforced, standbyStack());
        assert.deepStrictEqual(await violations(net.aksNetworkPolicyEnforced, mutate(standbyStack(), "aks-cluster", (r) => delete r.props.networkProfile.networkPolicy)), [
            "networkProfile.networkPolicy is undefined; it must be one of azure, calico, cilium.",
        ]);
        assert.strictEqual((await violations(net.aksNetworkPolicyEnforced, mutate(standbyStack(), "aks-cluster", (r) => (r.props.networkProfile.networkPolicy = "none")))).length, 1);
    });

    it("postgres-no-public-network-access", async () => {
        await assertPasses(net.postgresNoPublicAccess, activeStack());
        assert.deepStrictEqual(await violations(net.postgresNoPublicAccess, mutate(activeStack(), "postgres", (r) => (r.props.network.publicNetworkAccess = "Enabled"))), [
            "network.publicNetworkAccess is Enabled; it must be Disabled.",
        ]);
        assert.deepStrictEqual(await violations(net.postgresNoPublicAccess, mutate(activeStack(), "postgres", (r) => delete r.props.network)), [
            "the server has neither a delegated subnet nor network.publicNetworkAccess Disabled.",
        ]);
        const allowAll = resource("azure-native:dbforpostgresql:FirewallRule", "postgres-allow-all", { firewallRuleName: "all", startIpAddress: "0.0.0.0", endIpAddress: "255.255.255.255" });
        assert.deepStrictEqual(await violations(net.postgresNoPublicAccess, [...activeStack(), allowAll]), ["firewall rule all admits 0.0.0.0-255.255.255.255."]);
    });

    it("redis-no-public-network-access", async () => {
        await assertPasses(net.redisNoPublicAccess, activeStack());
        assert.deepStrictEqual(await violations(net.redisNoPublicAccess, mutate(activeStack(), "redis", (r) => (r.props.publicNetworkAccess = "Enabled"))), ['publicNetworkAccess is "Enabled"; it must be Disabled.']);
    });

    it("nsg-no-management-ports-from-internet", async () => {
        await assertPasses(net.nsgNoManagementPorts, standbyStack());
        const ssh = { name: "allow-ssh", access: "Allow", direction: "Inbound", priority: 110, protocol: "Tcp", sourceAddressPrefix: "*", sourcePortRange: "*", destinationAddressPrefix: "*", destinationPortRange: "22" };
        assert.deepStrictEqual(await violations(net.nsgNoManagementPorts, mutate(standbyStack(), "network-ingress-nsg", (r) => r.props.securityRules.push(ssh))), ["rule allow-ssh admits port 22 from the Internet."]);
        const everything = { ...ssh, name: "allow-all", sourceAddressPrefix: "Internet", destinationPortRange: "0-65535" };
        assert.deepStrictEqual(await violations(net.nsgNoManagementPorts, mutate(standbyStack(), "network-ingress-nsg", (r) => r.props.securityRules.push(everything))), [
            "rule allow-all admits port 22, 3389 from the Internet.",
        ]);
        // From a named range, or denied, a management port is not open to the Internet.
        await assertPasses(net.nsgNoManagementPorts, mutate(standbyStack(), "network-ingress-nsg", (r) => r.props.securityRules.push({ ...ssh, sourceAddressPrefix: "203.0.113.4/32" })));
        await assertPasses(net.nsgNoManagementPorts, mutate(standbyStack(), "network-ingress-nsg", (r) => r.props.securityRules.push({ ...ssh, access: "Deny" })));
        const rule = resource("azure-native:network:SecurityRule", "network-ingress-rdp", { ...ssh, securityRuleName: "allow-rdp", sourceAddressPrefix: "0.0.0.0/0", destinationPortRange: "3389" });
        assert.deepStrictEqual(await violations(net.nsgNoManagementPorts, [...standbyStack(), rule]), ["rule allow-rdp admits port 3389 from the Internet."]);
    });

    it("public-ip-dns-label-scoped", async () => {
        await assertPasses(net.publicIpDnsLabelScoped, standbyStack());
        assert.deepStrictEqual(await violations(net.publicIpDnsLabelScoped, mutate(standbyStack(), "network-ingress-ip", (r) => delete r.props.dnsSettings.domainNameLabelScope)), [
            "DNS label lsdr-sec-logscale has no dnsSettings.domainNameLabelScope; another tenant could claim the name once this IP is gone.",
        ]);
        // An IP without a DNS label has no name to take over.
        await assertPasses(net.publicIpDnsLabelScoped, mutate(standbyStack(), "network-ingress-ip", (r) => (r.props.dnsSettings = {})));
    });
});
