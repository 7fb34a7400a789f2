// Rule family 5: combinations Azure or the ACME flow refuses. Each rule: a
// minimal violating rendering, and the compliant one beside it.
import * as assert from "assert";
import { agentPoolCreatedStopped, postgresPromoteOnCreate, redisGeoReplicationZones, storagePeerByIpOnly, tlsHostsHttp01 } from "../../tools/preflight/semantic";
import { baseline, input, mutated, recorded } from "./fixtures";

const ids = (vs: Array<{ ruleId: string; property: string }>) => vs.map((v) => `${v.ruleId} ${v.property}`);

describe("preflight: semantic rules", () => {
    describe("Redis geo-replication with a zone-redundant cache", () => {
        const automatic = mutated(baseline.redis, "zonalAllocationPolicy", undefined);
        it("a linked Premium cache in a zone region without zonalAllocationPolicy or zones", () => {
            assert.deepStrictEqual(ids(redisGeoReplicationZones(input([automatic, baseline.linkedServer]))), ["semantic.redisGeoReplicationZones zonalAllocationPolicy"]);
        });
        it("the peer running a cache makes it geo-replicated too (the pair links them when one is a standby)", () => {
            assert.strictEqual(redisGeoReplicationZones(input([automatic], { peerOutputs: { redisCacheId: "/subscriptions/x/resourceGroups/y/providers/Microsoft.Cache/Redis/peer" } })).length, 1);
        });
        it("passes with an explicit policy other than Automatic, explicit zones, no link, or a region without zones", () => {
            assert.deepStrictEqual(redisGeoReplicationZones(input([baseline.redis, baseline.linkedServer])), []);
            assert.deepStrictEqual(redisGeoReplicationZones(input([mutated(automatic, "zones", ["1"]), baseline.linkedServer])), []);
            assert.deepStrictEqual(redisGeoReplicationZones(input([automatic])), []);
            assert.deepStrictEqual(redisGeoReplicationZones(input([mutated(automatic, "location", "westus"), baseline.linkedServer])), []);
            assert.strictEqual(redisGeoReplicationZones(input([mutated(baseline.redis, "zonalAllocationPolicy", "Automatic"), baseline.linkedServer])).length, 1);
        });
    });

    describe("PostgreSQL promotion sent with createMode Replica", () => {
        it("replica.promoteMode with createMode Replica", () => {
            assert.deepStrictEqual(ids(postgresPromoteOnCreate(input([mutated(baseline.postgres, "replica", { promoteMode: "Standalone", promoteOption: "Planned" })]))), ["semantic.postgresPromoteOnCreate replica.promoteMode"]);
        });
        it("passes for a replica without them, and for a server created here", () => {
            assert.deepStrictEqual(postgresPromoteOnCreate(input([baseline.postgres])), []);
            assert.deepStrictEqual(postgresPromoteOnCreate(input([mutated(mutated(baseline.postgres, "createMode", "Create"), "replica", { promoteMode: "Standalone" })])), []);
        });
    });

    describe("one TLS entry, several hosts, an HTTP-01 issuer", () => {
        const http01 = recorded("kubernetes:cert-manager.io/v1:ClusterIssuer", "issuer", { apiVersion: "cert-manager.io/v1", kind: "ClusterIssuer", metadata: { name: "letsencrypt" }, spec: { acme: { solvers: [{ http01: { ingress: { ingressClassName: "nginx" } } }] } } });
        const dns01 = mutated(mutated(http01, "metadata.name", "letsencrypt-dns01"), "spec.acme.solvers", [{ dns01: { azureDNS: {} } }]);
        const hosts = ["lsdr-logscale.eastus.cloudapp.azure.com", "logscale.logs.example.com"];
        const ingress = recorded("kubernetes:networking.k8s.io/v1:Ingress", "ingress", { apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { name: "logscale", namespace: "logging", annotations: { "cert-manager.io/cluster-issuer": "letsencrypt" } }, spec: { tls: [{ hosts, secretName: "tls" }] } });
        const certificate = recorded("kubernetes:cert-manager.io/v1:Certificate", "certificate", { apiVersion: "cert-manager.io/v1", kind: "Certificate", metadata: { name: "logscale", namespace: "logging" }, spec: { dnsNames: hosts, secretName: "tls", issuerRef: { kind: "ClusterIssuer", name: "letsencrypt" } } });
        it("an annotated Ingress's TLS entry (ingress-shim: one Certificate per entry), and a Certificate", () => {
            assert.deepStrictEqual(ids(tlsHostsHttp01(input([http01, ingress]))), ["semantic.tlsHostsHttp01 spec.tls[0].hosts"]);
            assert.deepStrictEqual(ids(tlsHostsHttp01(input([http01, certificate]))), ["semantic.tlsHostsHttp01 spec.dnsNames"]);
        });
        it("passes with one host per certificate, or a DNS-01 issuer", () => {
            assert.deepStrictEqual(tlsHostsHttp01(input([http01, mutated(certificate, "spec.dnsNames", [hosts[0]])])), []);
            assert.deepStrictEqual(tlsHostsHttp01(input([dns01, mutated(certificate, "spec.issuerRef.name", "letsencrypt-dns01")])), []);
        });
    });

    describe("an AgentPool created Stopped", () => {
        it("powerState Stopped", () => {
            assert.deepStrictEqual(ids(agentPoolCreatedStopped(input([mutated(baseline.agentPool, "powerState.code", "Stopped")]))), ["semantic.agentPoolCreatedStopped powerState.code"]);
        });
        it("passes Running, or without a power state", () => {
            assert.deepStrictEqual(agentPoolCreatedStopped(input([baseline.agentPool, mutated(baseline.agentPool, "powerState", undefined)])), []);
        });
    });

    describe("a storage account admitting its paired peer by IP rule only", () => {
        const peerOutputs = { egressIp: "20.1.2.3", location: "westus" };
        const byIp = mutated(baseline.storageAccount, "networkRuleSet.ipRules", [{ iPAddressOrRange: "20.1.2.3", action: "Allow" }]);
        it("an IP rule for the peer's egress, service endpoints on, no rule for the peer's subnets", () => {
            assert.deepStrictEqual(ids(storagePeerByIpOnly(input([byIp, baseline.subnet], { peerOutputs }))), ["semantic.storagePeerByIpOnly networkRuleSet.ipRules"]);
        });
        it("passes with a virtual network rule for a peer subnet, without service endpoints, or with a peer outside the pair", () => {
            const peerSubnet = "/subscriptions/x/resourceGroups/peer/providers/Microsoft.Network/virtualNetworks/peer-vnet/subnets/system";
            const withPeerSubnet = mutated(byIp, "networkRuleSet.virtualNetworkRules", [...(baseline.storageAccount.inputs as any).networkRuleSet.virtualNetworkRules, { virtualNetworkResourceId: peerSubnet, action: "Allow" }]);
            assert.deepStrictEqual(storagePeerByIpOnly(input([withPeerSubnet, baseline.subnet], { peerOutputs })), []);
            assert.deepStrictEqual(storagePeerByIpOnly(input([byIp, mutated(baseline.subnet, "serviceEndpoints", [])], { peerOutputs })), []);
            assert.deepStrictEqual(storagePeerByIpOnly(input([byIp, baseline.subnet], { peerOutputs: { ...peerOutputs, location: "northeurope" } })), []);
        });
    });
});
