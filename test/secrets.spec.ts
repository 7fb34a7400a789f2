// Secrets stay secret: marked secret in outputs and inputs, `secretKeyRef` in
// Kubernetes, and never printed by the plan, as text or JSON.
import * as assert from "assert";
import { Secret } from "../tools/render";
import { planText } from "../tools/planOutput";
import { cli } from "./cli";
import { named, ofType, plan, secretValues } from "./helpers";

describe("secrets", () => {
    it("stack outputs carrying keys are secrets", async () => {
        for (const stack of ["primary", "secondary"]) {
            const outputs = (await plan(stack)).rendering.outputs;
            for (const name of ["storageAccountKey", "storageEncryptionKey"]) assert.ok(outputs[name] instanceof Secret, `${stack}.${name}`);
            assert.ok((outputs.storageEncryptionKey as Secret).value && String((outputs.storageEncryptionKey as Secret).value).length >= 64);
        }
    });

    it("kubeconfig, Kubernetes secret data and the license reach resources only as secrets", async () => {
        const p = await plan("secondary");
        assert.ok(named(p, "logscale-k8s").inputs.kubeconfig instanceof Secret);
        for (const name of ["logscale-storage-key", "logscale-encryption-key", "logscale-oidc", "logscale-license", "logscale-recovery-source"]) {
            assert.ok(named(p, name).inputs.stringData instanceof Secret, name);
        }
        const staticUsers = await plan("secondary", { entraSignIn: false }, { entraSignIn: false });
        assert.ok(named(staticUsers, "logscale-static-users").inputs.stringData instanceof Secret);
    });

    it("break-glass copies in Key Vault, the PostgreSQL admin password and the sign-in client secret are secrets", async () => {
        const primary = await plan("primary");
        const vaultSecrets = ofType(primary, "azure-native:keyvault:Secret");
        assert.deepStrictEqual(vaultSecrets.map((r) => (r.inputs as any).secretName).sort(), ["postgres-admin-password", "storage-account-key", "storage-encryption-key"]);
        for (const r of vaultSecrets) assert.ok((r.inputs as any).properties.value instanceof Secret, r.name);
        assert.ok(named(primary, "postgres-server").inputs.administratorLoginPassword instanceof Secret);
        const staticUsers = await plan("primary", { entraSignIn: false });
        assert.ok(ofType(staticUsers, "azure-native:keyvault:Secret").some((r) => (r.inputs as any).secretName === "logscale-admin-password"));
        const oidc = named(await plan("secondary"), "logscale-oidc").inputs.stringData as Secret;
        assert.ok(Object.values(oidc.value as Record<string, unknown>).every((v) => typeof v === "string" && v.length >= 32), "the client secret is in the secret's data");
    });

    describe("plan output", () => {
        let json: { code: number; stdout: string; stderr: string };
        let text: string;
        let secrets: string[];
        before(async function () {
            this.timeout(120000);
            const [primary, secondary] = [await plan("primary"), await plan("secondary")];
            secrets = secretValues(primary, secondary);
            // The text plan is planText of each stack, which the CLI prints unchanged; the JSON comes from the CLI itself.
            text = [primary, secondary].map(planText).join("\n");
            json = await cli("plan", ["--json"]);
        });

        it("the renders hold real secret values to look for", async () => {
            const outputs = (await plan("primary")).rendering.outputs;
            assert.ok(secrets.includes(String((outputs.storageAccountKey as Secret).value)));
            assert.ok(secrets.includes(String((outputs.storageEncryptionKey as Secret).value)));
            assert.ok(secrets.length >= 8, `only ${secrets.length} secret values found`);
        });

        it("text and JSON plans print none of them", () => {
            assert.strictEqual(json.code, 0, json.stderr);
            for (const out of [text, json.stdout, json.stderr]) {
                for (const s of secrets) assert.ok(!out.includes(s), `secret value leaked: ${s.slice(0, 6)}…`);
            }
            assert.ok(text.includes("[secret]") && json.stdout.includes("[secret]"));
        });

        it("--json prints the DESIGN document of each stack", () => {
            const docs = JSON.parse(json.stdout);
            assert.deepStrictEqual(docs.map((d: { stack: string }) => d.stack), ["primary", "secondary"]);
            const doc = docs[1];
            assert.deepStrictEqual(Object.keys(doc), ["project", "stack", "config", "resources", "outputs"]);
            assert.strictEqual(doc.project, "logscale-dr");
            assert.strictEqual(doc.stack, "secondary");
            assert.strictEqual(doc.config["logscale-dr:dr"], "standby");
            assert.strictEqual(doc.config["logscale-dr:logscaleLicense"], "[secret]");
            assert.strictEqual(doc.outputs.storageAccountKey, "[secret]");
            for (const r of doc.resources) {
                assert.deepStrictEqual(Object.keys(r), ["urn", "type", "name", "parent", "custom", "inputs", "options"]);
                assert.deepStrictEqual(Object.keys(r.options), ["protect", "retainOnDelete", "deleteBeforeReplace", "ignoreChanges", "aliases", "dependsOn"]);
            }
            const urns = new Set(doc.resources.map((r: { urn: string }) => r.urn));
            for (const r of doc.resources) assert.ok(r.parent === null || urns.has(r.parent), `${r.name}: parent ${r.parent} not in the plan`);
        });

        it("text shows each stack's tree and one-line summary (the CLI writes planText as is)", () => {
            assert.match(text, /^primary: \d+ resources \(azure-native \d+, kubernetes \d+.*\) · dr=active · routing dedicated pools$/m);
            assert.match(text, /^secondary: \d+ resources \(.*\) · dr=standby · routing shared \(app\.kubernetes\.io\/name=humio\)$/m);
            assert.match(text, /└─ azure-native:trafficmanager:Endpoint {2}secondary-endpoint-endpoint {2}\[priority 2; target lsdr-sec-logscale\.westus\.cloudapp\.azure\.com\]/);
        });
    });
});
