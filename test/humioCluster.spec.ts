// Rendered HumioClusters against the real CRD (humio-operator 0.34.1), with
// unknown fields rejected: Kubernetes would silently prune a misspelt field.
import * as assert from "assert";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import Ajv, { ValidateFunction } from "ajv";
import * as yaml from "js-yaml";
import { recoveryVariableNames } from "../components/drEnv";
import { humioClusterObject, HumioClusterInputs } from "../components/humioCluster";
import { clusterSizeNames } from "../components/sizing";
import { projectRoot } from "../tools/stackFiles";
import { clusterTypes, drModes, envByName, humioCluster, planMode, stackModes } from "./helpers";

const crdPath = path.join(projectRoot, "schemas/humiocluster-crd.yaml");

/** Reject properties the schema does not declare, as pruning would drop them. */
function closeObjects(schema: any): any {
    if (Array.isArray(schema)) return schema.map(closeObjects);
    if (!schema || typeof schema !== "object") return schema;
    const out: any = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, closeObjects(v)]));
    if (out.type === "object" && out.properties && out.additionalProperties === undefined && !out["x-kubernetes-preserve-unknown-fields"]) {
        out.additionalProperties = false;
    }
    return out;
}

let validator: ValidateFunction;
function validate(doc: unknown): string[] {
    if (!validator) {
        const crd = yaml.load(fs.readFileSync(crdPath, "utf8")) as any;
        const version = crd.spec.versions.find((v: any) => v.name === "v1alpha1");
        validator = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(closeObjects(version.schema.openAPIV3Schema));
    }
    return validator(doc) ? [] : (validator.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}

const baseInputs: HumioClusterInputs = {
    name: "lsdr-sec",
    namespace: "logging",
    image: "humio/humio-core:1.159.1",
    dr: "standby",
    drPreserveRecoveryEnv: false,
    clusterType: "advanced",
    clusterSize: "xsmall",
    location: "westus",
    publicHostname: "logscale.logs.example.com",
    storage: { accountName: "lsdrseclogs1", containerName: "logscale-data", blobEndpoint: "https://lsdrseclogs1.blob.core.windows.net/", objectKeyPrefix: "lsdr-sec/" },
    recoverySource: {
        location: "eastus",
        accountName: "lsdrprilogs1",
        containerName: "logscale-data",
        blobEndpoint: "https://lsdrprilogs1.blob.core.windows.net/",
        objectKeyPrefix: "lsdr-pri/",
    },
    authentication: { kind: "static" },
};

const oidc: HumioClusterInputs["authentication"] = { kind: "oidc", provider: "https://login.microsoftonline.com/t/v2.0", clientId: "c1" };

describe("HumioCluster CRD validation", () => {
    it("uses the humio-operator 0.34.1 CRD, verbatim", () => {
        const sha = createHash("sha256").update(fs.readFileSync(crdPath)).digest("hex");
        assert.ok(fs.readFileSync(path.join(projectRoot, "schemas/SOURCE.md"), "utf8").includes(sha), `schemas/SOURCE.md does not record ${sha}`);
        assert.strictEqual(sha, "2e94ab8a4f1252ede0093c9be0ac41797f046775e12c76b117f9bb960c5aac16");
    });

    it("the validator rejects what the CRD rejects, and unknown fields", () => {
        const good = humioClusterObject(baseInputs);
        assert.deepStrictEqual(validate(good), []);
        assert.notDeepStrictEqual(validate({ ...good, spec: { ...good.spec, nodeCount: "three" } }), []);
        assert.notDeepStrictEqual(validate({ ...good, spec: { ...good.spec, digestPartitionCount: 840 } }), []);
        const { license: _license, ...unlicensed } = good.spec;
        assert.notDeepStrictEqual(validate({ ...good, spec: unlicensed }), []);
    });

    for (const [stack, dr] of stackModes) {
        it(`rendered: ${stack} with dr=${JSON.stringify(dr)}`, async () => {
            assert.deepStrictEqual(validate(humioCluster(await planMode(stack, dr))), []);
        });
    }

    // Rendered stacks run the shipped type; the builder covers every other one.
    it("built: every type × size × mode × preserve × sign-in × pod identity combination", () => {
        let checked = 0;
        for (const clusterType of clusterTypes)
            for (const clusterSize of clusterSizeNames)
                for (const dr of drModes)
                    for (const drPreserveRecoveryEnv of [false, true])
                        for (const authentication of [baseInputs.authentication, oidc])
                            for (const serviceAccountName of [undefined, "logscale"]) {
                                const doc = humioClusterObject({ ...baseInputs, clusterType, clusterSize, dr, drPreserveRecoveryEnv, authentication, serviceAccountName });
                                assert.deepStrictEqual(validate(doc), [], `${clusterType}/${clusterSize}/${dr}/${drPreserveRecoveryEnv}/${authentication.kind}/${serviceAccountName}`);
                                checked++;
                            }
        assert.strictEqual(checked, 192);
    });
});

describe("humioClusterObject", () => {
    it("declares the dedicated pools of the cluster type with their NODE_ROLES", () => {
        const pools = (clusterType: HumioClusterInputs["clusterType"]) =>
            humioClusterObject({ ...baseInputs, dr: "active", clusterType }).spec.nodePools.map((p) => [p.name, envByName(p.spec.environmentVariables).NODE_ROLES]);
        assert.deepStrictEqual(pools("basic"), []);
        assert.deepStrictEqual(pools("ingress"), []);
        assert.deepStrictEqual(pools("dedicated-ui"), [["ui", "httponly"]]);
        assert.deepStrictEqual(pools("advanced"), [
            ["ui", "httponly"],
            ["ingest-only", "ingestonly"],
        ]);
        const main = humioClusterObject({ ...baseInputs, dr: "active" }).spec;
        assert.strictEqual(envByName(main.environmentVariables).NODE_ROLES, "all");
    });
    it("sizes pods from the cluster size", () => {
        const small = humioClusterObject({ ...baseInputs, dr: "active", clusterSize: "small" }).spec;
        assert.strictEqual(small.nodeCount, 6);
        assert.deepStrictEqual(small.resources.requests, { cpu: "14", memory: "100Gi" });
        assert.deepStrictEqual(
            small.nodePools.map((p) => p.spec.nodeCount),
            [3, 6],
        );
    });
    it("keeps every variable name unique in every mode", () => {
        for (const dr of drModes) for (const drPreserveRecoveryEnv of [false, true]) envByName(humioClusterObject({ ...baseInputs, dr, drPreserveRecoveryEnv }).spec.commonEnvironmentVariables);
    });
    it("static sign-in: one admin user from a secret", () => {
        const env = envByName(humioClusterObject(baseInputs).spec.commonEnvironmentVariables);
        assert.strictEqual(env.AUTHENTICATION_METHOD, "static");
        assert.strictEqual(env.STATIC_USERS, "secretKeyRef:logscale-static-users/users");
        assert.strictEqual(env.OIDC_PROVIDER, undefined);
    });
    it("Entra ID sign-in: OIDC with the client secret by secretKeyRef, and no static users", () => {
        const env = envByName(humioClusterObject({ ...baseInputs, authentication: oidc }).spec.commonEnvironmentVariables);
        assert.strictEqual(env.AUTHENTICATION_METHOD, "oauth");
        assert.strictEqual(env.OIDC_PROVIDER, "https://login.microsoftonline.com/t/v2.0");
        assert.strictEqual(env.OIDC_OAUTH_CLIENT_ID, "c1");
        assert.strictEqual(env.OIDC_OAUTH_CLIENT_SECRET, "secretKeyRef:logscale-oidc/client-secret");
        assert.strictEqual(env.STATIC_USERS, undefined);
        assert.strictEqual(env.PUBLIC_URL, "https://logscale.logs.example.com", "the redirect LogScale asks for is <PUBLIC_URL>/auth/oidc");
    });
    it("with a workload identity, every pod of every pool runs as the federated service account with the injection label", () => {
        const spec = humioClusterObject({ ...baseInputs, dr: "active", serviceAccountName: "logscale" }).spec as any;
        for (const s of [spec, ...spec.nodePools.map((p: any) => p.spec)]) {
            assert.strictEqual(s.humioServiceAccountName, "logscale");
            assert.deepStrictEqual(s.podLabels, { "azure.workload.identity/use": "true" });
        }
        const without = humioClusterObject({ ...baseInputs, dr: "active" }).spec as any;
        assert.strictEqual(without.humioServiceAccountName, undefined);
        assert.strictEqual(without.podLabels, undefined);
    });
    it("on standby without a recovery source refuses to build", () => {
        assert.throws(() => humioClusterObject({ ...baseInputs, recoverySource: undefined }), /needs its peer's bucket/);
    });
    it("only the recovery variables change between standby-preserved and active-preserved, besides alerts", () => {
        const env = (dr: "standby" | "active") => envByName(humioClusterObject({ ...baseInputs, dr, drPreserveRecoveryEnv: true }).spec.commonEnvironmentVariables);
        const [standby, active] = [env("standby"), env("active")];
        const changed = Object.keys({ ...standby, ...active }).filter((k) => standby[k] !== active[k]);
        assert.deepStrictEqual(changed, ["ENABLE_ALERTS"]);
        for (const name of recoveryVariableNames) assert.strictEqual(active[name], standby[name]);
    });
});
