// The HumioCluster builder against the real CRD (humio-operator 0.34.1, read
// from ../shared/schemas), with unknown fields rejected, for every plan the
// region plan can make; and what the builder puts in.
import * as assert from "assert";
import { createHash } from "crypto";
import { recoveryVariableNames } from "../../contract";
import { clusterSizes, clusterTypes, DrMode } from "../../config/keys";
import { humioClusterObject, HumioClusterInputs } from "../../components/humioCluster";
import { planRegion } from "../../model/regionPlan";
import { humioClusterCrdFile, humioClusterValidator } from "../crd";
import { envByName } from "../helpers";
import { sharedSchema } from "../schemas";
import { deployedPeer, settings } from "./regionFixtures";

// Compiled at the first validation, not while mocha loads the file.
const validate = (doc: unknown) => humioClusterValidator()(doc);

/** The HumioCluster the program would build for a region with these settings: the plan's decisions, the static rest. */
function inputsFor(raw: Record<string, string> = {}, over: Partial<HumioClusterInputs> = {}): HumioClusterInputs {
    const s = settings(raw);
    return {
        ...planRegion(s, deployedPeer(s)).logscale,
        namespace: "logging",
        image: "humio/humio-core:1.159.1",
        location: "westus",
        publicHostname: "logscale.logs.example.com",
        storage: { accountName: "lsdrseclogs1", containerName: "logscale-data", blobEndpoint: "https://lsdrseclogs1.blob.core.windows.net/", objectKeyPrefix: "lsdr-sec/" },
        authentication: { kind: "static" },
        ...over,
    };
}

const oidc: HumioClusterInputs["authentication"] = { kind: "oidc", provider: "https://login.microsoftonline.com/t/v2.0", clientId: "c1" };

describe("HumioCluster CRD validation", () => {
    it("reads the humio-operator 0.34.1 CRD, verbatim as its SOURCES.md records", () => {
        const sha = createHash("sha256").update(sharedSchema(humioClusterCrdFile)).digest("hex");
        const record = sharedSchema("SOURCES.md").split("\n").find((l) => l.startsWith(`| ${humioClusterCrdFile} |`));
        assert.ok(record?.includes(`sha256 ${sha}`), `SOURCES.md does not record sha256 ${sha} for ${humioClusterCrdFile}`);
    });

    it("the validator rejects what the CRD rejects, and unknown fields", () => {
        const good = humioClusterObject(inputsFor());
        assert.deepStrictEqual(validate(good), []);
        assert.notDeepStrictEqual(validate({ ...good, spec: { ...good.spec, nodeCount: "three" } }), []);
        assert.notDeepStrictEqual(validate({ ...good, spec: { ...good.spec, digestPartitionCount: 840 } }), []);
        const { license: _license, ...unlicensed } = good.spec;
        assert.notDeepStrictEqual(validate({ ...good, spec: unlicensed }), []);
    });

    it("built: every type × size × mode × preserve × sign-in × pod identity combination the region plan makes", () => {
        let checked = 0;
        for (const logscaleClusterType of clusterTypes)
            for (const logscaleClusterSize of clusterSizes)
                for (const dr of ["standby", "active", ""] as DrMode[])
                    for (const drPreserveRecoveryEnv of ["false", "true"])
                        for (const authentication of [{ kind: "static" } as const, oidc])
                            for (const serviceAccountName of [undefined, "logscale"]) {
                                const doc = humioClusterObject(inputsFor({ logscaleClusterType, logscaleClusterSize, dr, drPreserveRecoveryEnv }, { authentication, serviceAccountName }));
                                assert.deepStrictEqual(validate(doc), [], `${logscaleClusterType}/${logscaleClusterSize}/${dr}/${drPreserveRecoveryEnv}/${authentication.kind}/${serviceAccountName}`);
                                checked++;
                            }
        assert.strictEqual(checked, 192);
    });
});

describe("humioClusterObject", () => {
    it("declares the dedicated pools of the cluster type with their NODE_ROLES", () => {
        const pools = (logscaleClusterType: string) =>
            humioClusterObject(inputsFor({ dr: "active", logscaleClusterType })).spec.nodePools.map((p) => [p.name, envByName(p.spec.environmentVariables).NODE_ROLES]);
        assert.deepStrictEqual(pools("basic"), []);
        assert.deepStrictEqual(pools("ingress"), []);
        assert.deepStrictEqual(pools("dedicated-ui"), [["ui", "httponly"]]);
        assert.deepStrictEqual(pools("advanced"), [
            ["ui", "httponly"],
            ["ingest-only", "ingestonly"],
        ]);
        const main = humioClusterObject(inputsFor({ dr: "active" })).spec;
        assert.strictEqual(envByName(main.environmentVariables).NODE_ROLES, "all");
    });
    it("sizes pods from the cluster size", () => {
        const small = humioClusterObject(inputsFor({ dr: "active", logscaleClusterSize: "small" })).spec;
        assert.strictEqual(small.nodeCount, 6);
        assert.deepStrictEqual(small.resources.requests, { cpu: "14", memory: "100Gi" });
        assert.deepStrictEqual(
            small.nodePools.map((p) => p.spec.nodeCount),
            [3, 6],
        );
    });
    it("keeps every variable name unique in every mode", () => {
        for (const dr of ["standby", "active", ""]) for (const drPreserveRecoveryEnv of ["false", "true"]) envByName(humioClusterObject(inputsFor({ dr, drPreserveRecoveryEnv })).spec.commonEnvironmentVariables);
    });
    it("declares its DR mode in an annotation, metadata only", () => {
        assert.deepStrictEqual(["standby", "active", ""].map((dr) => humioClusterObject(inputsFor({ dr })).metadata.annotations["logscale.dr/mode"]), ["standby", "active", "none"]);
    });
    it("static sign-in: one admin user from a secret", () => {
        const env = envByName(humioClusterObject(inputsFor()).spec.commonEnvironmentVariables);
        assert.strictEqual(env.AUTHENTICATION_METHOD, "static");
        assert.strictEqual(env.STATIC_USERS, "secretKeyRef:logscale-static-users/users");
        assert.strictEqual(env.OIDC_PROVIDER, undefined);
    });
    it("Entra ID sign-in: OIDC with the client secret by secretKeyRef, and no static users", () => {
        const env = envByName(humioClusterObject(inputsFor({}, { authentication: oidc })).spec.commonEnvironmentVariables);
        assert.strictEqual(env.AUTHENTICATION_METHOD, "oauth");
        assert.strictEqual(env.OIDC_PROVIDER, "https://login.microsoftonline.com/t/v2.0");
        assert.strictEqual(env.OIDC_OAUTH_CLIENT_ID, "c1");
        assert.strictEqual(env.OIDC_OAUTH_CLIENT_SECRET, "secretKeyRef:logscale-oidc/client-secret");
        assert.strictEqual(env.STATIC_USERS, undefined);
        assert.strictEqual(env.PUBLIC_URL, "https://logscale.logs.example.com", "the redirect LogScale asks for is <PUBLIC_URL>/auth/oidc");
    });
    it("with a workload identity, every pod of every pool runs as the federated service account with the injection label", () => {
        const spec = humioClusterObject(inputsFor({ dr: "active" }, { serviceAccountName: "logscale" })).spec as any;
        for (const s of [spec, ...spec.nodePools.map((p: any) => p.spec)]) {
            assert.strictEqual(s.humioServiceAccountName, "logscale");
            assert.deepStrictEqual(s.podLabels, { "azure.workload.identity/use": "true" });
        }
        const without = humioClusterObject(inputsFor({ dr: "active" })).spec as any;
        assert.strictEqual(without.humioServiceAccountName, undefined);
        assert.strictEqual(without.podLabels, undefined);
    });
    it("only the recovery variables' values stay between standby-preserved and active-preserved; alerts change", () => {
        const env = (dr: string) => envByName(humioClusterObject(inputsFor({ dr, drPreserveRecoveryEnv: "true" })).spec.commonEnvironmentVariables);
        const [standby, active] = [env("standby"), env("active")];
        const changed = Object.keys({ ...standby, ...active }).filter((k) => standby[k] !== active[k]);
        assert.deepStrictEqual(changed, ["ENABLE_ALERTS"]);
        for (const name of recoveryVariableNames) assert.strictEqual(active[name], standby[name]);
    });
    it("every pool reads the storage and encryption keys and the Kafka truststore password from secrets", () => {
        const env = envByName(humioClusterObject(inputsFor()).spec.commonEnvironmentVariables);
        assert.strictEqual(env.AZURE_STORAGE_ACCOUNTKEY, "secretKeyRef:azure-storage-key/storage-access-key");
        assert.strictEqual(env.AZURE_STORAGE_ENCRYPTION_KEY, "secretKeyRef:azure-storage-encryption-key/storage-encryption-key");
        assert.strictEqual(env.KAFKA_COMMON_SSL_TRUSTSTORE_PASSWORD, "secretKeyRef:lsdr-sec-strimzi-kafka-cluster-ca-cert/ca.password");
        assert.strictEqual(env.KAFKA_BOOTSTRAP_SERVERS, "lsdr-sec-strimzi-kafka-kafka-bootstrap.logging.svc:9093");
    });
});
