// The pack as a whole: its policies' metadata, the pack served over the
// analyzer protocol as the Pulumi engine talks to it, `npm run policy`, and
// the pull-request workflow that runs it for real.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { Policy } from "@pulumi/policy";
import { auditPolicies } from "../../policy/audit";
import { drInvariants } from "../../policy/dr";
import { edgePolicies } from "../../policy/edge";
import { identityPolicies, networkContributorScoped } from "../../policy/identity";
import { kubernetesPolicies } from "../../policy/kubernetes";
import { networkPolicies } from "../../policy/network";
import { operations } from "../../policy/operations";
import { recoveryPolicies } from "../../policy/recovery";
import { securityBaseline } from "../../policy/security";
import { checkTargets, everyStackAndMode, main, packPolicies, resultTable, violationLines } from "../../tools/policy";
import { AnalyzedResource } from "../../tools/policyRunner";
import { projectRoot } from "../../tools/stackFiles";
import { policyPackServer } from "../background";
import { runMain, session } from "../helpers";
import { baseline, standbyStack } from "./fixtures";

/* eslint-disable @typescript-eslint/no-require-imports */
const grpc = require("@grpc/grpc-js");
const analyzerRpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
const analyzer = require("@pulumi/pulumi/proto/analyzer_pb");
const { Struct } = require("google-protobuf/google/protobuf/struct_pb");
const { Empty } = require("google-protobuf/google/protobuf/empty_pb");
/* eslint-enable @typescript-eslint/no-require-imports */

describe("policy pack", () => {
    it("every policy says what it checks and why, at a deliberate level", () => {
        const names = packPolicies.map((p) => p.name);
        assert.strictEqual(new Set(names).size, names.length, "names are unique");
        for (const p of packPolicies as Policy[]) {
            assert.match(p.name, /^[a-z0-9]+(-[a-z0-9]+)*$/, p.name);
            assert.ok(p.description.length >= 60, `${p.name}: a description that says why`);
            for (const [key, schema] of Object.entries(p.configSchema?.properties ?? {})) assert.ok("default" in (schema as object), `${p.name}.${key} has a default`);
        }
        // Mandatory where a change would expose data or a credential (or break the DR pair); advisory where it is a hardening choice.
        assert.ok(packPolicies.every((p) => p.enforcementLevel === "mandatory" || p.enforcementLevel === "advisory"));
        assert.deepStrictEqual(
            packPolicies.filter((p) => p.enforcementLevel === "advisory").map((p) => p.name),
            [
                "postgres-entra-administrator",
                "redis-access-keys-disabled",
                "key-vault-secrets-expire",
                "network-contributor-scoped-to-resources",
                "kubernetes-network-policies",
                "namespace-pod-security-admission",
                "storage-log-account-recovery",
                "storage-log-account-zone-redundant",
                "storage-log-account-delete-lock",
                "key-vault-soft-delete-retention",
                "aks-audit-logs",
                "key-vault-audit-logs",
                "required-tags",
                "failover-timeline-budget",
                "failover-notifies-people",
            ],
        );
        assert.ok([...drInvariants, ...identityPolicies.filter((p) => p !== networkContributorScoped)].every((p) => p.enforcementLevel === "mandatory"));
        assert.ok(operations.every((p) => p.enforcementLevel === "advisory"));
        // Every group's module is in the pack, once.
        assert.deepStrictEqual(
            packPolicies.map((p) => p.name),
            [securityBaseline, identityPolicies, networkPolicies, edgePolicies, kubernetesPolicies, recoveryPolicies, auditPolicies, drInvariants, operations].flat().map((p) => p.name),
        );
    });

    it("policy/index.ts only constructs the PolicyPack", () => {
        const code = fs.readFileSync(path.join(projectRoot, "policy/index.ts"), "utf8").replace(/\/\/.*$/gm, "");
        assert.strictEqual((code.match(/new PolicyPack\(/g) ?? []).length, 1);
        assert.deepStrictEqual(
            code.split("\n").filter((l) => l.trim() && !/^\s*(import |new PolicyPack|description:|policies:|\}\);)/.test(l)),
            [],
        );
        const manifest = yaml.load(fs.readFileSync(path.join(projectRoot, "policy/PulumiPolicy.yaml"), "utf8")) as { runtime: string };
        assert.strictEqual(manifest.runtime, "nodejs");
    });

    describe("over the analyzer protocol", function () {
        this.timeout(60_000);
        let client: any;
        const call = <T>(method: string, request: unknown): Promise<T> =>
            new Promise((resolve, reject) => client[method](request, (err: Error | null, res: T) => (err ? reject(err) : resolve(res))));

        const options = (r: AnalyzedResource) => {
            const o = new analyzer.AnalyzerResourceOptions();
            o.setProtect(r.opts.protect);
            o.setIgnorechangesList(r.opts.ignoreChanges);
            o.setAliasesList([]);
            o.setAdditionalsecretoutputsList([]);
            if (r.parent) o.setParent(r.parent);
            return o;
        };
        /** An AnalyzeRequest or AnalyzerResource message for a resource: the fields both share. */
        const describe = <T extends { setType(v: string): void; setName(v: string): void; setUrn(v: string): void; setProperties(v: unknown): void; setOptions(v: unknown): void }>(message: T, r: AnalyzedResource): T => {
            message.setType(r.type);
            message.setName(r.name);
            message.setUrn(r.urn);
            message.setProperties(Struct.fromJavaScript(r.props));
            message.setOptions(options(r));
            return message;
        };
        const analyzeRequest = (r: AnalyzedResource) => describe(new analyzer.AnalyzeRequest(), r);
        // The pack prefixes each message with the policy's description; Analyze diagnostics name no URN (the request's resource is meant).
        const diagnostics = (res: any) =>
            res.getDiagnosticsList().map((d: any) => ({ policy: d.getPolicyname(), level: d.getEnforcementlevel(), message: String(d.getMessage()).split("\n").pop(), urn: d.getUrn() }));

        before(async () => {
            const { port } = await policyPackServer();
            client = new analyzerRpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
        });
        after(() => client?.close());

        it("describes itself with every policy", async () => {
            const info: any = await call("getAnalyzerInfo", new Empty());
            assert.strictEqual(info.getName(), "logscale-dr");
            assert.deepStrictEqual(
                info.getPoliciesList().map((p: any) => p.getName()),
                packPolicies.map((p) => p.name),
            );
        });

        it("Analyze: a resource's inputs, with its options", async () => {
            const good = baseline.storageAccount();
            assert.deepStrictEqual(diagnostics(await call("analyze", analyzeRequest(good))), []);
            const bad = baseline.storageAccount();
            bad.props.enableHttpsTrafficOnly = false;
            bad.props.networkRuleSet = { defaultAction: "Allow" };
            assert.deepStrictEqual(diagnostics(await call("analyze", analyzeRequest(bad))), [
                { policy: "storage-https-only", level: analyzer.EnforcementLevel.MANDATORY, message: "enableHttpsTrafficOnly must be true.", urn: "" },
                { policy: "storage-firewall-default-deny", level: analyzer.EnforcementLevel.MANDATORY, message: "networkRuleSet.defaultAction must be Deny.", urn: "" },
            ]);
            const untagged = baseline.managedCluster();
            delete untagged.props.tags;
            assert.deepStrictEqual(
                diagnostics(await call("analyze", analyzeRequest(untagged))).map((d: { policy: string; level: number }) => [d.policy, d.level]),
                [["required-tags", analyzer.EnforcementLevel.ADVISORY]],
            );
        });

        it("AnalyzeStack: every resource's state, parents linked", async () => {
            const stack = (resources: AnalyzedResource[]) => {
                const req = new analyzer.AnalyzeStackRequest();
                req.setResourcesList(
                    resources.map((r) => {
                        const a = describe(new analyzer.AnalyzerResource(), r);
                        if (r.parent) a.setParent(r.parent);
                        a.setDependenciesList(r.dependencies);
                        return a;
                    }),
                );
                return req;
            };
            assert.deepStrictEqual(diagnostics(await call("analyzeStack", stack(standbyStack()))), []);
            const nested = standbyStack();
            const endpoint = nested.find((r) => r.name === "secondary-endpoint-endpoint")!;
            endpoint.parent = baseline.failoverFunction().urn;
            endpoint.opts.protect = false;
            assert.deepStrictEqual(diagnostics(await call("analyzeStack", stack(nested))), [
                {
                    policy: "secondary-endpoint-outlives-failover-function",
                    level: analyzer.EnforcementLevel.MANDATORY,
                    message: "endpoint lsdr-sec-secondary is parented under the failover function.",
                    urn: endpoint.urn,
                },
            ]);
        });
    });

    describe("npm run policy", function () {
        this.timeout(120_000);
        it("every shipped stack in every DR mode passes: no mandatory or advisory violation", async () => {
            const checked = await checkTargets(await everyStackAndMode(undefined, session), undefined, session);
            console.log(resultTable(checked).replace(/^/gm, "      "));
            assert.strictEqual(checked.length, 6);
            assert.deepStrictEqual(violationLines(checked), []);
            assert.ok(checked.every((c) => c.results.some((r) => r.applicable)));
        });
        it("fails on a mandatory violation", async () => {
            const broken = await runMain(main, ["--stack", "primary", "--config", "trafficManagerTtlSeconds=300"]);
            assert.strictEqual(broken.code, 1, broken.stdout);
            assert.match(broken.stdout, /^traffic-manager-priority-profile\s+1 FAIL$/m);
            assert.match(broken.stdout, /primary\/active {2}traffic-manager-priority-profile \[mandatory\]: dnsConfig.ttl is 300; it must be at most 60\./);
            assert.match(broken.stdout, /: 1 mandatory, 0 advisory violations$/m);
        });
        it("only warns on an advisory one", async () => {
            const [slow] = await checkTargets([{ stack: "secondary", overrides: ["failoverConfirmationSeconds=600"], peerOverrides: [] }], undefined, session);
            const budget = slow.results.find((r) => r.policy === "failover-timeline-budget")!;
            assert.deepStrictEqual([budget.level, budget.violations.length], ["advisory", 1]);
            assert.ok(slow.results.every((r) => r.level !== "mandatory" || r.violations.length === 0));
            assert.match(resultTable([slow]), /^failover-timeline-budget\s+1 warn$/m);
        });
    });
});

describe("pull-request workflow", () => {
    const workflow = yaml.load(fs.readFileSync(path.join(projectRoot, ".github/workflows/pull-request.yml"), "utf8")) as any;
    it("runs the tests, then previews each stack with the policy pack, logged in by OIDC", () => {
        assert.ok(workflow.on.pull_request !== undefined);
        assert.strictEqual(workflow.permissions["id-token"], "write");
        const test = workflow.jobs.test;
        assert.ok(test.steps.some((s: any) => s.run === "npm ci && npm test"));
        const preview = workflow.jobs.preview;
        assert.deepStrictEqual(preview.needs, "test");
        assert.deepStrictEqual(preview.strategy.matrix.stack, ["primary", "secondary"]);
        const login = preview.steps.find((s: any) => String(s.uses).startsWith("azure/login@"));
        assert.ok(login && login.with["client-id"] && login.with["tenant-id"] && login.with["subscription-id"] && !login.with.creds, "federated credentials, no secret");
        const pulumi = preview.steps.find((s: any) => String(s.uses).startsWith("pulumi/actions@"));
        const build = preview.steps.findIndex((s: any) => /\bnpm run build\b/.test(String(s.run)));
        assert.ok(build >= 0 && build < preview.steps.indexOf(pulumi), "the failover package is built before pulumi preview reads it");
        assert.strictEqual(pulumi.with.command, "preview");
        assert.strictEqual(pulumi.with["policyPacks"], "policy");
        assert.match(pulumi.with["stack-name"], /\$\{\{ matrix\.stack \}\}/);
        assert.strictEqual(preview.env.ARM_USE_OIDC, "true");
    });

    it("runs a preview, whose identity can read the stacks' secrets, never for a fork and only in the reviewed environment", () => {
        const preview = workflow.jobs.preview;
        assert.strictEqual(preview.if, "github.event.pull_request.head.repo.full_name == github.repository");
        assert.strictEqual(preview.environment, "preview");
        assert.ok(workflow.on.pull_request_target === undefined, "pull_request_target would hand a fork's code the repository's token");
    });

    it("pins actions by commit, naming the release beside it", () => {
        const text = fs.readFileSync(path.join(projectRoot, ".github/workflows/pull-request.yml"), "utf8");
        const uses = [...text.matchAll(/uses: (\S+)(.*)$/gm)].map((m) => [m[1], m[2]]);
        const byTag = uses.filter(([u]) => !/@[0-9a-f]{40}$/.test(u)).map(([u]) => u);
        assert.deepStrictEqual(byTag, ["pulumi/actions@v6"], "only the one whose commit is not known yet (docs/security.md)");
        assert.ok(uses.filter(([u]) => /@[0-9a-f]{40}$/.test(u)).every(([, comment]) => /# v\d+\.\d+\.\d+$/.test(comment)));
    });
});
