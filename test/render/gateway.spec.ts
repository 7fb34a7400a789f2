// The edge as the program renders it: every Gateway API, Envoy Gateway and
// cert-manager object against the upstream CRD it will be applied to, every
// chart value against the chart's own values, the routes and policies that
// carry ingress-nginx's behaviour, one certificate per host name, DNS-01 for
// the global name with a zone-scoped identity, and the Traffic Manager probe
// and the Application Gateway still reaching LogScale through it.
import * as assert from "assert";
import Ajv from "ajv";
import * as yaml from "js-yaml";
import { StackPlan } from "../../tools/bringUp";
import { RecordedResource } from "../../tools/offline/engine";
import { crdValidator } from "../crd";
import { maybeNamed, named, ofType, plan } from "../helpers";
import { sharedSchema } from "../schemas";

/** The upstream definition of each kind the edge renders, by apiVersion and kind. */
const crds: Record<string, string> = {
    "gateway.networking.k8s.io/v1:GatewayClass": "gateway-api/v1.6.1/gateway.networking.k8s.io_gatewayclasses.yaml",
    "gateway.networking.k8s.io/v1:Gateway": "gateway-api/v1.6.1/gateway.networking.k8s.io_gateways.yaml",
    "gateway.networking.k8s.io/v1:HTTPRoute": "gateway-api/v1.6.1/gateway.networking.k8s.io_httproutes.yaml",
    "gateway.networking.k8s.io/v1:BackendTLSPolicy": "gateway-api/v1.6.1/gateway.networking.k8s.io_backendtlspolicies.yaml",
    "gateway.envoyproxy.io/v1alpha1:EnvoyProxy": "envoy-gateway/v1.9.0/gateway.envoyproxy.io_envoyproxies.yaml",
    "gateway.envoyproxy.io/v1alpha1:BackendTrafficPolicy": "envoy-gateway/v1.9.0/gateway.envoyproxy.io_backendtrafficpolicies.yaml",
    "cert-manager.io/v1:ClusterIssuer": "cert-manager/v1.21.1/cert-manager.io_clusterissuers.yaml",
    "cert-manager.io/v1:Certificate": "cert-manager/v1.21.1/cert-manager.io_certificates.yaml",
};

const edgeGroups = /^kubernetes:(gateway\.networking\.k8s\.io|gateway\.envoyproxy\.io|cert-manager\.io)\//;

/** The renders the edge differs in: both shipped stacks, the Application Gateway edge, and a global name without a DNS zone. */
const variants: Array<[label: string, render: () => Promise<StackPlan>]> = [
    ["primary", () => plan("primary")],
    ["secondary (standby)", () => plan("secondary")],
    ["primary, edge=appGateway", () => plan("primary", { edge: "appGateway" }, { edge: "appGateway" })],
    ["primary without a DNS zone", () => plan("primary", noZone, noZone)],
];
const noZone = { dnsZone: "", dnsZoneResourceGroup: "" };

const inputs = (p: StackPlan, name: string) => named(p, name).inputs as any;
const state = (p: StackPlan, name: string) => named(p, name).state as any;
const specsOf = (p: StackPlan, kind: string) => ofType(p, `kubernetes:${kind}`).map((r) => r.inputs as any);

/** Paths set in `values` that the chart's values file does not have; under a key whose default is an empty map (labels, config) anything goes. */
function unknownValuePaths(values: Record<string, unknown>, defaults: unknown, at = ""): string[] {
    return Object.entries(values).flatMap(([key, value]) => {
        const path = at ? `${at}.${key}` : key;
        if (!defaults || typeof defaults !== "object" || !(key in defaults)) return [path];
        const d = (defaults as Record<string, unknown>)[key];
        const nested = value && typeof value === "object" && !Array.isArray(value) && d && typeof d === "object" && Object.keys(d).length > 0;
        return nested ? unknownValuePaths(value as Record<string, unknown>, d, path) : [];
    });
}

describe("edge objects against their upstream definitions", () => {
    for (const [label, render] of variants) {
        it(`${label}: every Gateway API, Envoy Gateway and cert-manager object validates against its CRD`, async () => {
            const objects = (await render()).rendering.resources.filter((r) => edgeGroups.test(r.type));
            assert.ok(objects.length >= 12, `${objects.length} objects`);
            for (const r of objects) {
                const file = crds[r.type.slice("kubernetes:".length)];
                assert.ok(file, `${r.type} has no upstream definition listed`);
                const doc = r.inputs as any;
                const version = String(doc.apiVersion).split("/")[1];
                assert.deepStrictEqual(crdValidator(file, version)(doc), [], `${r.name} (${r.type})`);
            }
        });
    }

    it("every Helm value set exists in the chart's values (cert-manager v1.21.1 also against its values.schema.json)", async () => {
        for (const [, render] of variants) {
            const p = await render();
            const certManager = inputs(p, "ingress-controller-cert-manager");
            assert.deepStrictEqual([certManager.chart, certManager.version, certManager.repositoryOpts.repo], ["cert-manager", "v1.21.1", "https://charts.jetstack.io"]);
            assert.deepStrictEqual(unknownValuePaths(certManager.values, yaml.load(sharedSchema("cert-manager/v1.21.1/values.yaml"))), []);
            const schema = JSON.parse(sharedSchema("cert-manager/v1.21.1/values.schema.json"));
            const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
            assert.ok(validate(certManager.values), JSON.stringify(validate.errors));

            const envoyGateway = inputs(p, "ingress-controller-envoy-gateway");
            assert.deepStrictEqual([envoyGateway.chart, envoyGateway.version, envoyGateway.namespace], ["oci://docker.io/envoyproxy/gateway-helm", "v1.9.0", "envoy-gateway-system"]);
            assert.deepStrictEqual(unknownValuePaths(envoyGateway.values, yaml.load(sharedSchema("envoy-gateway/v1.9.0/values.tmpl.yaml"))), []);
            // gateway-crds-helm's values file is not among the shared schemas: these are the keys its v1.9 README lists.
            const crdsChart = inputs(p, "ingress-controller-envoy-gateway-crds");
            assert.deepStrictEqual([crdsChart.chart, crdsChart.version, crdsChart.values], [
                "oci://docker.io/envoyproxy/gateway-crds-helm",
                "v1.9.0",
                { crds: { gatewayAPI: { enabled: false }, envoyGateway: { enabled: true } } },
            ]);
            assert.strictEqual(inputs(p, "ingress-controller-gateway-api-crds").file, "https://github.com/kubernetes-sigs/gateway-api/releases/download/v1.6.1/standard-install.yaml");
        }
    });
});

describe("routes, policies and certificates", () => {
    it("both names route /api/v1/ingest/ to the ingest service and / to the UI service, with ingress-nginx's behaviour as policies", async () => {
        const p = await plan("primary");
        const hosts = [p.rendering.outputs.clusterFqdn, "logscale.logs.example.com"];
        const routes = Object.fromEntries(specsOf(p, "gateway.networking.k8s.io/v1:HTTPRoute").map((r) => [r.metadata.name, r.spec]));
        const backend = (route: any) => route.rules.map((rule: any) => [rule.matches[0].path.value, rule.backendRefs[0].name, rule.backendRefs[0].port]);
        assert.deepStrictEqual(backend(routes["lsdr-pri-logscale-ingest"]), [["/api/v1/ingest/", "lsdr-pri-ingest-cip", 8080]]);
        assert.deepStrictEqual(backend(routes["lsdr-pri-logscale-ui"]), [["/", "lsdr-pri-ui-cip", 8080]]);
        for (const name of ["lsdr-pri-logscale-ingest", "lsdr-pri-logscale-ui", "lsdr-pri-logscale-redirect"]) assert.deepStrictEqual(routes[name].hostnames, hosts, name);

        const policies: Record<string, any> = Object.fromEntries(specsOf(p, "gateway.envoyproxy.io/v1alpha1:BackendTrafficPolicy").map((b) => [b.spec.targetRefs[0].name, b.spec]));
        assert.deepStrictEqual(Object.keys(policies).sort(), ["lsdr-pri-logscale-ingest", "lsdr-pri-logscale-ui"], "each policy names a rendered route");
        assert.strictEqual(policies["lsdr-pri-logscale-ui"].loadBalancer.consistentHash.cookie.name, "logscale-route");
        assert.strictEqual(policies["lsdr-pri-logscale-ingest"].requestBuffer.limit, "16Mi");
        for (const policy of Object.values(policies)) assert.deepStrictEqual(policy.timeout.http, { requestTimeout: "0s", streamIdleTimeout: "300s" });
        assert.ok(!Object.values(policies).some((policy) => policy.httpUpgrade), "WebSocket upgrades keep their default");

        const [backendTls] = specsOf(p, "gateway.networking.k8s.io/v1:BackendTLSPolicy");
        const services = ofType(p, "kubernetes:core/v1:Service").map((s) => (s.inputs as any).metadata.name);
        assert.deepStrictEqual(backendTls.spec.targetRefs.map((t: any) => t.name).sort(), services.filter((n) => n.endsWith("-cip")).sort());
        assert.strictEqual(backendTls.spec.validation.hostname, "lsdr-pri-headless.logging");
    });

    it("the old single tls entry is gone: no Ingress, and every certificate and TLS listener holds exactly one of the two names", async () => {
        for (const p of [await plan("primary"), await plan("secondary"), await plan("primary", noZone, noZone)]) {
            const cluster = String(p.rendering.outputs.clusterFqdn);
            assert.deepStrictEqual(ofType(p, "kubernetes:networking.k8s.io/v1:Ingress"), [], "an Ingress (its tls entry held both names)");
            const certificates = specsOf(p, "cert-manager.io/v1:Certificate");
            assert.deepStrictEqual(certificates.map((c) => c.spec.dnsNames.length), [1, 1]);
            const names = certificates.map((c) => c.spec.dnsNames[0]);
            assert.ok(names.includes(cluster), names.join(","));
            assert.strictEqual(new Set(names).size, 2);
            const secrets = new Set(certificates.map((c) => c.spec.secretName));
            const [gateway] = specsOf(p, "gateway.networking.k8s.io/v1:Gateway");
            for (const l of gateway.spec.listeners.filter((l: any) => l.tls)) {
                assert.strictEqual(l.tls.certificateRefs.length, 1, l.name);
                assert.ok(secrets.has(l.tls.certificateRefs[0].name), l.name);
            }
        }
    });

    it("with a DNS zone, both regions issue the global name by DNS-01 in the zone, as an identity that is DNS Zone Contributor on that zone only", async () => {
        for (const p of [await plan("primary"), await plan("secondary")]) {
            const prefix = p.rendering.stack === "primary" ? "lsdr-pri" : "lsdr-sec";
            const certificate = inputs(p, "logscale-ingress-certificate-global");
            assert.deepStrictEqual(certificate.spec.dnsNames, ["logscale.logs.example.com"]);
            const issuer = specsOf(p, "cert-manager.io/v1:ClusterIssuer").find((i) => i.metadata.name === certificate.spec.issuerRef.name);
            assert.ok(issuer, "the global certificate's issuer is rendered");
            const [solver] = issuer.spec.acme.solvers;
            assert.deepStrictEqual(solver.dns01.azureDNS, {
                hostedZoneName: "logs.example.com",
                resourceGroupName: "dns-global",
                subscriptionID: "00000000-0000-0000-0000-000000000000",
                environment: "AzurePublicCloud",
                managedIdentity: { clientID: state(p, "cert-manager-dns-identity").clientId },
            });
            assert.strictEqual(inputs(p, "logscale-ingress-certificate-cluster").spec.issuerRef.name, "letsencrypt", "the cluster's name stays HTTP-01");

            const principal = state(p, "cert-manager-dns-identity").principalId;
            const grants = ofType(p, "azure-native:authorization:RoleAssignment").filter((r) => (r.inputs as any).principalId === principal);
            assert.deepStrictEqual(
                grants.map((g) => [(g.inputs as any).scope, (g.inputs as any).roleDefinitionId]),
                [["/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/dns-global/providers/Microsoft.Network/dnsZones/logs.example.com", "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/befefa01-2a29-4197-83a8-272ff33ce314"]],
            );
            const federation = inputs(p, "cert-manager-dns-federation");
            assert.deepStrictEqual([federation.subject, federation.issuer, federation.audiences], ["system:serviceaccount:cert-manager:cert-manager", state(p, "aks-cluster").oidcIssuerProfile.issuerURL, ["api://AzureADTokenExchange"]]);
            assert.strictEqual(inputs(p, "cert-manager-dns-identity").resourceName, `${prefix}-cert-manager`);
            assert.deepStrictEqual(inputs(p, "ingress-controller-cert-manager").values.podLabels, { "azure.workload.identity/use": "true" });
            // The issuer waits for the identity's federation and role.
            const dependsOn = named(p, "ingress-controller-issuer-dns01").options.dependsOn;
            for (const name of ["cert-manager-dns-federation", "cert-manager-dns-zone"]) assert.ok(dependsOn.includes(named(p, name).urn), name);
        }
    });

    it("without a DNS zone the global name is HTTP-01 on a certificate of its own, and nothing is granted on DNS", async () => {
        const p = await plan("primary", noZone, noZone);
        assert.deepStrictEqual(inputs(p, "logscale-ingress-certificate-global").spec, {
            secretName: "lsdr-pri-logscale-global-tls",
            dnsNames: ["logscale.trafficmanager.net"],
            issuerRef: { group: "cert-manager.io", kind: "ClusterIssuer", name: "letsencrypt" },
        });
        assert.deepStrictEqual(specsOf(p, "cert-manager.io/v1:ClusterIssuer").map((i) => i.metadata.name), ["letsencrypt"]);
        assert.strictEqual(maybeNamed(p, "cert-manager-dns"), undefined);
        assert.strictEqual(inputs(p, "ingress-controller-cert-manager").values.podLabels, undefined);
    });
});

describe("what reaches LogScale through the Gateway", () => {
    const routeFor = (p: StackPlan, host: string, path: string, listener: string): string | undefined => {
        // The longest matching prefix among routes attached to the listener for the host.
        const candidates = specsOf(p, "gateway.networking.k8s.io/v1:HTTPRoute").filter((r) => r.spec.parentRefs.some((ref: any) => ref.sectionName === listener) && r.spec.hostnames.includes(host));
        const rules = candidates.flatMap((r) => r.spec.rules.filter((rule: any) => rule.backendRefs && path.startsWith(rule.matches[0].path.value)));
        rules.sort((a: any, b: any) => b.matches[0].path.value.length - a.matches[0].path.value.length);
        return rules[0]?.backendRefs[0].name;
    };

    it("the Traffic Manager probe (cluster's FQDN, global Host, /api/v1/status) lands on the UI service, whatever SNI it sends", async () => {
        const p = await plan("primary");
        const monitor = inputs(p, "global-dns-profile").monitorConfig;
        const host = monitor.customHeaders.find((h: any) => h.name === "Host").value;
        assert.deepStrictEqual([monitor.protocol, monitor.port, monitor.path, host], ["HTTPS", 443, "/api/v1/status", "logscale.logs.example.com"]);
        const [gateway] = specsOf(p, "gateway.networking.k8s.io/v1:Gateway");
        // A listener without a hostname takes any SNI (or none); its certificate is the cluster's, the endpoint's name.
        const catchAll = gateway.spec.listeners.find((l: any) => l.protocol === "HTTPS" && l.port === monitor.port && !l.hostname);
        assert.ok(catchAll, "an HTTPS listener for any SNI");
        assert.strictEqual(catchAll.tls.certificateRefs[0].name, inputs(p, "logscale-ingress-certificate-cluster").spec.secretName);
        assert.strictEqual(routeFor(p, host, monitor.path, catchAll.name), "lsdr-pri-ui-cip");
        assert.strictEqual(routeFor(p, host, "/api/v1/ingest/hec", catchAll.name), "lsdr-pri-ingest-cip");
    });

    it("edge=appGateway: the gateway's backend is Envoy's internal address, asked for the cluster's name on 443 and passing port 80", async () => {
        const p = await plan("primary", { edge: "appGateway" }, { edge: "appGateway" });
        const appgw = inputs(p, "appgw-gateway");
        const annotations = inputs(p, "ingress-controller-envoy-proxy").spec.provider.kubernetes.envoyService.annotations;
        assert.strictEqual(appgw.backendAddressPools[0].backendAddresses[0].ipAddress, annotations["service.beta.kubernetes.io/azure-load-balancer-ipv4"]);
        const [https, http] = appgw.backendHttpSettingsCollection;
        const cluster = String(p.rendering.outputs.clusterFqdn);
        assert.deepStrictEqual([https.port, https.hostName, http.port], [443, cluster, 80]);
        const listeners = specsOf(p, "gateway.networking.k8s.io/v1:Gateway")[0].spec.listeners;
        assert.deepStrictEqual(listeners.filter((l: any) => !l.hostname).map((l: any) => [l.protocol, l.port]), [["HTTP", 80], ["HTTPS", 443]]);
        assert.strictEqual(routeFor(p, cluster, appgw.probes[0].path, "https"), "lsdr-pri-ui-cip");
    });

    it("nothing of ingress-nginx is left", async () => {
        for (const p of [await plan("primary"), await plan("secondary")]) {
            const charts = ofType(p, "kubernetes:helm.sh/v3:Release").map((r: RecordedResource) => String((r.inputs as any).chart));
            assert.ok(!charts.some((c) => c.includes("ingress-nginx")), charts.join(", "));
        }
    });
});
