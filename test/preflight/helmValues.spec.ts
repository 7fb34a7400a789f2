// Rule family 4: Helm values against the chart's values.yaml, or its
// values.schema.json where it has one.
import * as assert from "assert";
import { coalesce, helmValueViolations, unknownKeys } from "../../tools/preflight/helmValues";
import { input, mutated, recorded } from "./fixtures";

const humioOperator = recorded("kubernetes:helm.sh/v3:Release", "operator", { chart: "humio-operator", version: "0.34.1", values: { certmanager: true, operator: { nodeSelector: { "k8s-app": "support" } } } });
const certManager = recorded("kubernetes:helm.sh/v3:Release", "cert-manager", { chart: "cert-manager", version: "v1.21.1", values: { crds: { enabled: true, keep: true }, podLabels: { "azure.workload.identity/use": "true" } } });
const envoyGateway = recorded("kubernetes:helm.sh/v3:Release", "eg", { chart: "oci://docker.io/envoyproxy/gateway-helm", version: "v1.9.0", values: { crds: { enabled: false } } });

const found = (...rs: Parameters<typeof mutated>[0][]) => helmValueViolations(input(rs)).violations.map((v) => `${v.ruleId} ${v.property}`);

describe("preflight: Helm values", () => {
    it("values the charts have pass, free-form maps included (nodeSelector: {})", () => {
        assert.deepStrictEqual(found(humioOperator, certManager, envoyGateway), []);
        assert.strictEqual(helmValueViolations(input([humioOperator, certManager, envoyGateway])).checked, 3);
    });

    it("a key the chart's values.yaml does not have", () => {
        assert.deepStrictEqual(found(mutated(humioOperator, "values.operator.nodeSelectr", {})), ["helm.unknownKey values.operator.nodeSelectr"]);
        assert.deepStrictEqual(found(mutated(envoyGateway, "values.crd", { enabled: false })), ["helm.unknownKey values.crd"]);
    });

    it("values.schema.json decides where the chart has one", () => {
        assert.deepStrictEqual(found(mutated(certManager, "values.crds.enabeld", true)), ["helm.schema values.crds.enabeld"]);
        assert.deepStrictEqual(found(mutated(certManager, "values.replicaCount", "two")), ["helm.schema values.replicaCount"]);
    });

    it("a chart with no upstream values is listed as not checked", () => {
        const result = helmValueViolations(input([recorded("kubernetes:helm.sh/v4:Chart", "crds", { chart: "oci://docker.io/envoyproxy/gateway-crds-helm", version: "v1.9.0", values: {} })]));
        assert.deepStrictEqual([result.checked, result.violations.length, result.unchecked.length], [0, 0, 1]);
    });

    it("unknownKeys and Helm's coalescing", () => {
        assert.deepStrictEqual(unknownKeys({ a: { b: 1, c: 2 }, m: { any: 1 } }, { a: { b: 0 }, m: {} }), [["a", "c"]]);
        assert.deepStrictEqual(coalesce({ a: { b: 1, c: 2 }, d: 1 }, { a: { c: 3 }, d: null }), { a: { b: 1, c: 3 } });
    });
});
