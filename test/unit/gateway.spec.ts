// The edge's decisions, without a render: which issuer each host name gets,
// one certificate per host, the Gateway's listeners and routes, the Envoy
// Gateway policies that carry ingress-nginx's behaviour, and the values the
// charts get.
import * as assert from "assert";
import { acmeIssuerSpec, certManagerValues, dnsZoneScope, envoyGatewayValues, issuerKinds, issuerName } from "../../components/gateway";
import { backendTlsSpec, gatewaySpec, routeName, routeSpecs, siteCertificate, trafficPolicySpecs } from "../../components/logscaleIngress";
import { certificateIssuers } from "../../model/regionPlan";

const cluster = "lsdr-pri-logscale.eastus.cloudapp.azure.com";
const global = "logscale.logs.example.com";

describe("certificate decisions", () => {
    it("with a DNS zone the global name is issued by DNS-01 in it; the cluster's name is always HTTP-01", () => {
        assert.deepStrictEqual(certificateIssuers({ dnsZone: "logs.example.com", dnsZoneResourceGroup: "dns-global" }), {
            issuers: { cluster: "http01", global: "dns01" },
            dnsZone: { name: "logs.example.com", resourceGroupName: "dns-global" },
        });
    });
    it("without a zone (a trafficmanager.net name) both are HTTP-01, and nothing writes DNS", () => {
        assert.deepStrictEqual(certificateIssuers({ dnsZone: "", dnsZoneResourceGroup: "" }), { issuers: { cluster: "http01", global: "http01" } });
    });
    it("one ClusterIssuer per kind in use; the HTTP-01 one keeps the ingress-nginx issuer's name", () => {
        assert.deepStrictEqual(issuerKinds({ cluster: "http01", global: "dns01" }), ["dns01", "http01"]);
        assert.deepStrictEqual(issuerKinds({ cluster: "http01", global: "http01" }), ["http01"]);
        assert.deepStrictEqual([issuerName("http01"), issuerName("dns01")], ["letsencrypt", "letsencrypt-dns01"]);
    });
    it("one certificate per host name, each with its own secret and issuer", () => {
        const [c, g] = [siteCertificate("p", "cluster", cluster, "http01"), siteCertificate("p", "global", global, "dns01")];
        assert.deepStrictEqual(c, { metadata: { name: "p-logscale-cluster" }, spec: { secretName: "p-logscale-cluster-tls", dnsNames: [cluster], issuerRef: { group: "cert-manager.io", kind: "ClusterIssuer", name: "letsencrypt" } } });
        assert.deepStrictEqual([g.spec.dnsNames, g.spec.secretName, g.spec.issuerRef.name], [[global], "p-logscale-global-tls", "letsencrypt-dns01"]);
    });
    it("HTTP-01 is answered on the Gateway's HTTP listener", () => {
        const spec = acmeIssuerSpec("http01", { acmeEmail: "ops@example.com", challenge: { gateway: "p-logscale", namespace: "logging", sectionName: "http" } }) as any;
        assert.deepStrictEqual(spec.acme.solvers, [{ http01: { gatewayHTTPRoute: { parentRefs: [{ group: "gateway.networking.k8s.io", kind: "Gateway", name: "p-logscale", namespace: "logging", sectionName: "http" }] } } }]);
        assert.deepStrictEqual([spec.acme.email, spec.acme.privateKeySecretRef.name], ["ops@example.com", "letsencrypt-account-key"]);
    });
    it("DNS-01 writes in the Azure DNS zone as the federated identity, and cannot be had without one", () => {
        const challenge = { gateway: "p-logscale", namespace: "logging", sectionName: "http" };
        const spec = acmeIssuerSpec("dns01", { acmeEmail: "", challenge, dns01: { zone: { name: "logs.example.com", resourceGroupName: "dns-global" }, subscriptionId: "sub", clientId: "client", ready: [] } }) as any;
        assert.deepStrictEqual(spec.acme.solvers, [
            { dns01: { azureDNS: { hostedZoneName: "logs.example.com", resourceGroupName: "dns-global", subscriptionID: "sub", environment: "AzurePublicCloud", managedIdentity: { clientID: "client" } } } },
        ]);
        assert.strictEqual(spec.acme.email, undefined);
        assert.throws(() => acmeIssuerSpec("dns01", { acmeEmail: "", challenge }), /DNS-01 issuer needs the zone/);
        assert.strictEqual(dnsZoneScope("sub", "dns-global", "logs.example.com"), "/subscriptions/sub/resourceGroups/dns-global/providers/Microsoft.Network/dnsZones/logs.example.com");
    });
});

describe("the Gateway", () => {
    const listeners = gatewaySpec("p", "logscale", global).listeners as any[];
    it("HTTP on 80; HTTPS on 443 for any name with the cluster's certificate, and for the global name with its own", () => {
        assert.deepStrictEqual(
            listeners.map((l) => [l.name, l.protocol, l.port, l.hostname, l.tls?.certificateRefs.map((r: any) => r.name)]),
            [
                ["http", "HTTP", 80, undefined, undefined],
                ["https", "HTTPS", 443, undefined, ["p-logscale-cluster-tls"]],
                ["https-global", "HTTPS", 443, global, ["p-logscale-global-tls"]],
            ],
        );
        assert.ok(listeners.every((l) => l.allowedRoutes.namespaces.from === "Same"));
    });
    it("ingest paths go to the ingest service and everything else to the UI service, for both names on both HTTPS listeners", () => {
        const r = routeSpecs("p", [cluster, global]);
        for (const [route, path, service] of [
            [r.ingest, "/api/v1/ingest/", "p-ingest-cip"],
            [r.ui, "/", "p-ui-cip"],
        ] as const) {
            assert.deepStrictEqual(route.hostnames, [cluster, global]);
            assert.deepStrictEqual(route.parentRefs, [
                { name: "p-logscale", sectionName: "https" },
                { name: "p-logscale", sectionName: "https-global" },
            ]);
            assert.deepStrictEqual(route.rules, [{ matches: [{ path: { type: "PathPrefix", value: path } }], backendRefs: [{ name: service, port: 8080 }] }]);
        }
    });
    it("plain HTTP is redirected to HTTPS, and only on the HTTP listener", () => {
        const { redirect } = routeSpecs("p", [cluster, global]);
        assert.deepStrictEqual(redirect.parentRefs, [{ name: "p-logscale", sectionName: "http" }]);
        assert.deepStrictEqual(redirect.rules, [{ filters: [{ type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode: 301 } }] }]);
    });
});

describe("traffic policies: what ingress-nginx's annotations did", () => {
    const p = trafficPolicySpecs("p") as any;
    it("each policy shapes the route it names", () => {
        assert.deepStrictEqual(p.ui.targetRefs, [{ group: "gateway.networking.k8s.io", kind: "HTTPRoute", name: routeName("p", "ui") }]);
        assert.deepStrictEqual(p.ingest.targetRefs, [{ group: "gateway.networking.k8s.io", kind: "HTTPRoute", name: routeName("p", "ingest") }]);
    });
    it("sticky sessions on the cookie logscale-route (affinity=cookie, session-cookie-name)", () => {
        assert.deepStrictEqual(p.ui.loadBalancer, { type: "ConsistentHash", consistentHash: { type: "Cookie", cookie: { name: "logscale-route", ttl: "24h" } } });
    });
    it("16 MiB request bodies (proxy-body-size: 16m)", () => {
        assert.deepStrictEqual(p.ingest.requestBuffer, { limit: "16Mi" });
    });
    it("300 s without traffic ends a request, and no limit on a whole response (proxy-read/send-timeout: 300)", () => {
        for (const policy of [p.ui, p.ingest]) assert.deepStrictEqual(policy.timeout, { http: { requestTimeout: "0s", streamIdleTimeout: "300s" } });
    });
    it("no buffering where it would break streaming: the UI route keeps WebSocket upgrades (the CRD's rule: requestBuffer excludes httpUpgrade)", () => {
        assert.strictEqual(p.ui.requestBuffer, undefined);
        assert.strictEqual(p.ingest.httpUpgrade, undefined);
        // The CRD's CEL rules ajv cannot evaluate: a ConsistentHash balancer carries its consistentHash, and a Cookie hash its cookie.
        assert.ok(p.ui.loadBalancer.type === "ConsistentHash" && p.ui.loadBalancer.consistentHash.type === "Cookie" && p.ui.loadBalancer.consistentHash.cookie);
    });
    it("TLS to LogScale's port, checked against humio-operator's CA and the name in every node certificate", () => {
        assert.deepStrictEqual(backendTlsSpec("p", "p", "logging"), {
            targetRefs: [
                { group: "", kind: "Service", name: "p-ui-cip" },
                { group: "", kind: "Service", name: "p-ingest-cip" },
            ],
            validation: { caCertificateRefs: [{ group: "", kind: "Secret", name: "p" }], hostname: "p-headless.logging" },
        });
    });
});

describe("chart values", () => {
    it("cert-manager: CRDs kept, Gateway API on, a failed request retried within the hour; the workload identity label only with DNS-01", () => {
        const withDns = certManagerValues(true) as any;
        assert.deepStrictEqual(withDns.crds, { enabled: true, keep: true });
        assert.deepStrictEqual([withDns.config.gatewayAPI, withDns.config.certificateRequestMaximumBackoffDuration], [{ enabled: true }, "1h"]);
        assert.deepStrictEqual(withDns.podLabels, { "azure.workload.identity/use": "true" });
        assert.strictEqual((certManagerValues(false) as any).podLabels, undefined);
    });
    it("Envoy Gateway: its chart installs no CRDs (they come from the Gateway API release and gateway-crds-helm)", () => {
        assert.deepStrictEqual(envoyGatewayValues(), { crds: { enabled: false } });
    });
});
