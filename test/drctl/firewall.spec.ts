// drctl through the storage firewalls: each account denies by default and
// admits only its subnets and the peer's NAT address, so from an operator's
// machine every blob call is refused (403 AuthorizationFailure) until drctl
// admits that machine's address for the run, and removes it afterwards,
// whatever the run's end.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { witnessBlob, witnessContainer } from "../../contract";
import { BlobStateStore } from "../../functions/failover/src/drState";
import { Command, pairKey, parseArgs, run, UsageError } from "../../tools/drctl/index";
import { DrHarness, drContext, seedFailedOver, startDrHarness, stopDrHarness } from "./harness";
import { FakeStorageFirewall } from "../fakes/storageFirewall";

const operatorIp = "203.0.113.7";
/** What each account admits as deployed: the peer region's NAT address and the region's subnets. */
describe("drctl through the storage firewalls", function () {
    this.timeout(60_000);
    let h: DrHarness;
    let firewall: FakeStorageFirewall;
    const ledger = () => path.join(h.journalDir, `${pairKey(h.outputs)}.storage-rules.json`);
    const acls = () => Object.fromEntries([...h.arm.storageAccounts.entries()].map(([id, a]) => [id, a.networkAcls]));
    const storagePatches = () => h.arm.requests.filter((q) => q.method === "PATCH" && q.path.includes("/microsoft.storage/storageaccounts/"));

    async function drctl(command: Command, o: { operatorIp?: string; dryRun?: boolean; fresh?: boolean } = {}) {
        const lines: string[] = [];
        const ctx = drContext(h, command, { operatorIp: o.operatorIp, fresh: o.fresh, blobs: firewall.client() });
        const result = await run(command, ctx, { dryRun: o.dryRun ?? false }, (l) => lines.push(l));
        return { ...result, lines, ctx };
    }

    before(async () => {
        h = await startDrHarness();
        const accountOf = (container: string) => (container === h.outputs.primary.storageContainerName ? h.outputs.primary.storageAccountId : h.outputs.secondary.storageAccountId);
        firewall = await new FakeStorageFirewall(h.azurite, h.arm, accountOf, operatorIp).start();
    });
    after(async () => {
        await firewall.stop();
        await stopDrHarness(h);
    });
    beforeEach(async () => {
        await seedFailedOver(h, Math.floor(Date.now() / 1000) - 3600);
        firewall.sameRegion = false;
        firewall.refused = 0;
    });

    it("without --operator-ip: refused before anything changes, naming both accounts and the flag", async () => {
        const before = acls();
        const r = await drctl("failback");
        assert.strictEqual(r.code, 3, r.lines.join("\n"));
        assert.match(r.lines.join("\n"), new RegExp(`refused: the storage firewall of ${h.outputs.primary.storageAccountName} and ${h.outputs.secondary.storageAccountName} refuses this machine; nothing was changed\nnext: npm run drctl -- failback --operator-ip <this machine's public IPv4>`));
        assert.ok(firewall.refused > 0, "the fake firewall refused the reads");
        assert.deepStrictEqual([h.arm.requests.filter((q) => q.method !== "GET").length, h.kube.secondary.replicas, acls()], [0, 1, before], "no ARM change, the secondary still serves, the firewalls as deployed");
        assert.strictEqual((await new BlobStateStore(h.blobs.getContainerClient(witnessContainer).getBlockBlobClient(witnessBlob)).peek())?.phase, "failed-over");
    });

    it("with --operator-ip: admitted for the run (waiting until the rule takes effect), the failback completes, and only drctl's rule comes and goes", async () => {
        const before = acls();
        const r = await drctl("failback", { operatorIp });
        assert.strictEqual(r.code, 0, r.lines.join("\n"));
        assert.deepStrictEqual(acls(), before, "the deployed rules are as they were: the peer's address and the subnets");
        const patches = storagePatches().map((q) => q.body.properties.networkAcls.ipRules.map((i: { value: string }) => i.value).join(","));
        assert.deepStrictEqual(patches.sort(), [h.outputs.primary.egressIp, h.outputs.secondary.egressIp, `${h.outputs.primary.egressIp},${operatorIp}`, `${h.outputs.secondary.egressIp},${operatorIp}`].sort());
        assert.match(r.lines.join("\n"), /storage: storage firewall of \w+: admitted 203\.0\.113\.7 for this run[\s\S]*storage: storage firewall of \w+: removed the temporary rule for 203\.0\.113\.7/);
        assert.ok(!fs.existsSync(ledger()), "the ledger is gone with the rules");
    });

    it("a run that fails or is refused midway removes its rules; the reruns (resumed, then fresh as the refusal says) remove them again", async () => {
        const before = acls();
        const failing = drContext(h, "failback", { operatorIp, blobs: firewall.client() });
        failing.enableFlushOnShutdown = async () => {
            throw new Error("LogScale did not answer");
        };
        const lines: string[] = [];
        assert.strictEqual((await run("failback", failing, { dryRun: false }, (l) => lines.push(l))).code, 1, lines.join("\n"));
        assert.deepStrictEqual(acls(), before, "removed after the failure");
        h.logscale.secondary.writesFinalSnapshot = false;
        const refused = await drctl("failback", { operatorIp });
        assert.strictEqual(refused.code, 3, refused.lines.join("\n"));
        assert.match(refused.lines.join("\n"), /refused: the secondary wrote no global snapshot after it was asked to stop[\s\S]*next: .*npm run drctl -- failback --fresh/);
        assert.deepStrictEqual(acls(), before, "removed after the refusal");
        h.logscale.secondary.writesFinalSnapshot = true;
        const resumed = await drctl("failback", { operatorIp, fresh: true });
        assert.strictEqual(resumed.code, 0, resumed.lines.join("\n"));
        assert.deepStrictEqual(acls(), before);
    });

    it("a failover needs only the secondary's account (the primary's region may be the disaster): only its rule comes and goes", async () => {
        h.logscale.primary.status = 503;
        const before = acls();
        const r = await drctl("failover", { operatorIp });
        assert.strictEqual(r.code, 0, r.lines.join("\n"));
        assert.deepStrictEqual(acls(), before);
        assert.deepStrictEqual([...new Set(storagePatches().map((q) => q.path))], [h.outputs.secondary.storageAccountId.toLowerCase()], "no call to the primary's account");
    });

    it("a killed run's rule is removed by the next drctl run, even a status", async () => {
        const killed = drContext(h, "failback", { operatorIp, blobs: firewall.client() });
        await killed.access.open({ progress: () => undefined });
        assert.ok(Object.values(acls()).every((a) => a.ipRules.some((r) => r.value === operatorIp)) && fs.existsSync(ledger()), "the killed run left its rules, listed in the ledger");
        const status = await drctl("status");
        assert.ok(Object.values(acls()).every((a) => !a.ipRules.some((r) => r.value === operatorIp)), "removed");
        assert.ok(!fs.existsSync(ledger()));
        assert.match(status.lines.join("\n"), /storage: storage firewall of \w+: removed the temporary rule for 203\.0\.113\.7/);
        assert.match(status.lines.join("\n"), /storage: the storage firewall of .* refuses this machine; nothing was changed; npm run drctl -- status --operator-ip/);
        assert.match(status.lines[status.lines.length - 1], /^NOT READY: /);
    });

    it("from inside the account's own region the rule never takes effect: drctl gives up within its bound, says why, and removes it", async () => {
        firewall.sameRegion = true;
        const before = acls();
        const started = Date.now();
        const r = await drctl("failback", { operatorIp });
        assert.strictEqual(r.code, 1, r.lines.join("\n"));
        assert.ok(Date.now() - started < 10_000);
        assert.match(r.lines.join("\n"), /failed: gave up waiting for the storage firewall of \w+ to admit 203\.0\.113\.7 \(an IP rule has no effect from inside the account's own Azure region\)/);
        assert.deepStrictEqual(acls(), before);
        assert.strictEqual(h.kube.secondary.replicas, 1, "nothing else was touched");
    });

    it("--dry-run says which firewalls a run may open, and touches none", async () => {
        const r = await drctl("failback", { operatorIp, dryRun: true });
        assert.strictEqual(r.code, 0);
        assert.strictEqual(r.lines.filter((l) => l.startsWith("before the first step and after the last: storage firewall of ")).length, 2);
        assert.strictEqual(h.arm.requests.length, 0);
    });

    it("--operator-ip takes one public IPv4 address, as the storage firewall does", () => {
        assert.strictEqual(parseArgs(["failback", "--operator-ip", operatorIp]).options.operatorIp, operatorIp);
        for (const [ip, why] of [
            ["10.1.2.3", "is not a public address"],
            ["192.168.0.9", "is not a public address"],
            ["2001:db8::1", "is not an IPv4 address"],
            ["203.0.113.0/24", "is not an IPv4 address"],
            ["256.1.1.1", "is not an IPv4 address"],
        ]) {
            assert.throws(() => parseArgs(["failback", "--operator-ip", ip]), (e: unknown) => e instanceof UsageError && e.message.startsWith(`--operator-ip "${ip}" ${why}`), ip);
        }
    });
});
