// Rule family 3: Kubernetes objects against the OpenAPI documents of the
// cluster's version and the CRDs of the charts installed; unknown fields too.
import * as assert from "assert";
import { checkObject, kubernetesViolations } from "../../tools/preflight/kubernetes";
import { prune, union } from "../../tools/preflight/jsonSchema";
import { input, mutated, recorded } from "./fixtures";

const service = recorded("kubernetes:core/v1:Service", "ui", {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "lsdr-ui-cip", namespace: "logging", labels: { app: "logscale" } },
    spec: { type: "ClusterIP", selector: { "app.kubernetes.io/name": "humio" }, ports: [{ name: "http", port: 8080, targetPort: 8080, protocol: "TCP" }] },
});
const deploymentPatch = recorded("kubernetes:apps/v1:DeploymentPatch", "gate", { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "humio-operator", namespace: "logging" }, spec: { replicas: 0 } });
const certManager = recorded("kubernetes:helm.sh/v3:Release", "cert-manager", { chart: "cert-manager", version: "v1.21.1", values: {} });
const humioOperator = recorded("kubernetes:helm.sh/v3:Release", "humio-operator", { chart: "humio-operator", version: "0.34.1", values: {} });
const certificate = recorded("kubernetes:cert-manager.io/v1:Certificate", "cert", {
    apiVersion: "cert-manager.io/v1",
    kind: "Certificate",
    metadata: { name: "logscale", namespace: "logging" },
    spec: { dnsNames: ["logscale.logs.example.com"], secretName: "logscale-tls", issuerRef: { group: "cert-manager.io", kind: "ClusterIssuer", name: "letsencrypt" } },
});
const humioCluster = recorded("kubernetes:core.humio.com/v1alpha1:HumioCluster", "cluster", {
    apiVersion: "core.humio.com/v1alpha1",
    kind: "HumioCluster",
    metadata: { name: "lsdr", namespace: "logging" },
    spec: { license: { secretKeyRef: { name: "logscale-license", key: "license" } }, nodeCount: 1, environmentVariables: [{ name: "A", value: "1" }, { name: "B", valueFrom: { secretKeyRef: { name: "s", key: "k" } } }] },
});

const found = (...rs: Parameters<typeof mutated>[0][]) => kubernetesViolations(input(rs)).violations.map((v) => `${v.ruleId} ${v.property}`);

describe("preflight: Kubernetes objects", () => {
    it("compliant built-in objects, a patch without the object's required fields, and custom resources of installed charts", () => {
        assert.deepStrictEqual(found(service, deploymentPatch, certManager, certificate, humioOperator, humioCluster), []);
        assert.strictEqual(kubernetesViolations(input([service, deploymentPatch, certManager, certificate, humioOperator, humioCluster])).checked, 4);
    });

    it("an unknown field, which server-side apply rejects", () => {
        assert.deepStrictEqual(found(mutated(service, "spec.selectr", {})), ["k8s.unknownField spec.selectr"]);
        assert.deepStrictEqual(found(certManager, mutated(certificate, "spec.dnsName", ["x"])), ["k8s.unknownField spec.dnsName"]);
    });

    it("a custom resource's metadata is ObjectMeta", () => {
        assert.deepStrictEqual(found(humioOperator, mutated(humioCluster, "metadata.lables", {})), ["k8s.unknownField metadata.lables"]);
    });

    it("required fields, type and enum", () => {
        assert.deepStrictEqual(found(mutated(service, "spec.ports[0].port", undefined)), ["k8s.required spec.ports[0].port"]);
        assert.deepStrictEqual(found(mutated(service, "spec.ports[0].port", "8080")), ["k8s.type spec.ports[0].port"]);
        assert.deepStrictEqual(found(humioOperator, mutated(humioCluster, "spec.license", undefined)), ["k8s.required spec.license"]);
        assert.deepStrictEqual(found(certManager, mutated(certificate, "spec.privateKey", { algorithm: "DSA" })), ["k8s.enum spec.privateKey.algorithm"]);
    });

    it("every element of a list is checked (one pruned schema for all of them)", () => {
        assert.deepStrictEqual(found(humioOperator, mutated(humioCluster, "spec.environmentVariables[1].valueFrom.secretKeyRef.nam", "s")), ["k8s.unknownField spec.environmentVariables[1].valueFrom.secretKeyRef.nam"]);
    });

    it("CRDs come from the charts installed (Helm v3 Release or v4 Chart, version with or without a v) and from Gateway API bundles", () => {
        const bundle = recorded("kubernetes:yaml/v2:ConfigFile", "gateway-api", { file: "https://github.com/kubernetes-sigs/gateway-api/releases/download/v1.6.1/standard-install.yaml" });
        const envoyCrds = recorded("kubernetes:helm.sh/v4:Chart", "eg-crds", { chart: "oci://docker.io/envoyproxy/gateway-crds-helm", version: "1.9.0", values: {} });
        const route = recorded("kubernetes:gateway.networking.k8s.io/v1:HTTPRoute", "route", { apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", metadata: { name: "r", namespace: "logging" }, spec: { parentRefs: [{ name: "g" }], hostnames: ["logscale.logs.example.com"] } });
        const proxy = recorded("kubernetes:gateway.envoyproxy.io/v1alpha1:EnvoyProxy", "proxy", { apiVersion: "gateway.envoyproxy.io/v1alpha1", kind: "EnvoyProxy", metadata: { name: "p", namespace: "e" }, spec: { provider: { type: "Kubernetes" } } });
        assert.deepStrictEqual(kubernetesViolations(input([bundle, envoyCrds, route, proxy])), { violations: [], unchecked: [], checked: 2 });
        assert.deepStrictEqual(found(bundle, mutated(route, "spec.hostname", ["x"])), ["k8s.unknownField spec.hostname"]);
        assert.strictEqual(kubernetesViolations(input([route, proxy])).unchecked.length, 2);
    });

    it("objects with no schema are listed as not checked", () => {
        const result = kubernetesViolations(input([certificate]));
        assert.deepStrictEqual([result.checked, result.unchecked.length], [0, 1]);
        assert.match(result.unchecked[0], /no schema for cert-manager\.io\/v1 Certificate/);
    });

    it("the cluster's Kubernetes version picks the OpenAPI documents", () => {
        assert.match(kubernetesViolations(input([mutated(service, "spec.x", 1)], { kubernetesVersion: "1.35.2" })).violations[0].source, /^Kubernetes 1\.35 OpenAPI v3 api_v1\.json#\/components\/schemas\/io\.k8s\.api\.core\.v1\.Service$/);
    });

    it("pruning keeps what applies to the value: union of list elements, closed objects", () => {
        assert.deepStrictEqual(union([{ a: 1 }, { b: [{ c: 1 }] }, { b: [{ d: 2 }] }]), { a: 1, b: [{ c: 1 }, { d: 2 }] });
        const schema = { type: "object", properties: { a: { type: "string" }, b: { type: "integer" } }, required: ["b"] };
        assert.deepStrictEqual(prune(schema, { a: "x" }, {}, { close: true, patch: false }), { type: "object", properties: { a: { type: "string" } }, required: ["b"], additionalProperties: false });
        assert.deepStrictEqual(checkObject(recorded("kubernetes:x/v1:Y", "y", { a: "x", b: 1 }), { doc: {}, schema, source: "s" }), []);
    });
});
