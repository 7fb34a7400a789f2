// Audit logs: each policy passes its compliant baseline and catches exactly
// the violation each mutation introduces.
import * as assert from "assert";
import * as audit from "../../policy/audit";
import { activeStack, assertPasses, mutate, standbyStack, violations } from "./fixtures";

describe("policy: audit logs", () => {
    it("aks-audit-logs", async () => {
        await assertPasses(audit.aksAuditLogs, standbyStack());
        const expected = ["AKS cluster lsdr-sec-aks exports no kube-audit or kube-audit-admin logs."];
        assert.deepStrictEqual(await violations(audit.aksAuditLogs, standbyStack().filter((r) => r.name !== "aks-audit")), expected);
        assert.deepStrictEqual(await violations(audit.aksAuditLogs, mutate(standbyStack(), "aks-audit", (r) => (r.props.logs = [{ category: "guard", enabled: true }]))), expected);
        assert.deepStrictEqual(await violations(audit.aksAuditLogs, mutate(standbyStack(), "aks-audit", (r) => delete r.props.workspaceId)), expected, "a setting that sends nowhere exports nothing");
        await assertPasses(audit.aksAuditLogs, mutate(standbyStack(), "aks-audit", (r) => (r.props.logs = [{ categoryGroup: "audit", enabled: true }])));
    });

    it("key-vault-audit-logs", async () => {
        await assertPasses(audit.keyVaultAuditLogs, activeStack());
        assert.deepStrictEqual(await violations(audit.keyVaultAuditLogs, activeStack().filter((r) => r.name !== "vault-audit")), ["Key Vault lsdrseckv1 exports no AuditEvent logs."]);
        assert.deepStrictEqual(await violations(audit.keyVaultAuditLogs, mutate(activeStack(), "vault-audit", (r) => (r.props.logs[0].enabled = false))), ["Key Vault lsdrseckv1 exports no AuditEvent logs."]);
    });
});
