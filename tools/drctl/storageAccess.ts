// How drctl reaches the two buckets and the DR state record through their
// storage firewalls (default Deny; only the regions' subnets and the peer's
// NAT IP are admitted, components/storage.ts).
//
// The choice: a temporary IP rule for the operator's public address, added
// through ARM before the first step and removed after the last (also after a
// refusal, a failure or Ctrl-C), each change recorded first in a ledger so a
// killed run's rule is removed by the next run. Running the blob work in a pod
// inside the region (the vendor's script) would need the DR state record's
// lease, ETag-conditional writes and service-time reads, interleaved with the
// Kubernetes and ARM steps over many minutes, re-implemented as pod
// invocations; the rule keeps one code path (the failover function's own
// BlobStateStore) at the price of one address admitted for one run.
//
// Microsoft Learn, "Azure Storage firewall guidelines and limitations"
// (storage-network-security-limitations): firewall rules govern the data
// plane only, so ARM can change them from anywhere; IP rules take public IPv4
// addresses only (no private ranges, /31 and /32 as single addresses); and
// they have no effect on requests from the same Azure region as the account.
// The docs give no time for a rule to take effect: drctl waits, bounded,
// until a read passes.
import * as fs from "fs";
import * as path from "path";
import { RestError } from "@azure/storage-blob";
import type { AzureOps } from "./azure";
import type { SnapshotOps } from "./commands";
import { firstLine, Refusal, StepContext, waitFor } from "./runbook";

/** Reaching the buckets for one run. */
export interface StorageAccess {
    /** Make every bucket reachable from here, or refuse (a Refusal) saying how. Removes what a killed run left first. */
    open(step: StepContext): Promise<void>;
    /** Undo what open did and anything a killed run left. Safe to call twice. */
    close(step: StepContext): Promise<void>;
    /** What open and close would touch, for --dry-run. */
    describe(): string[];
}

/** One account drctl may need to admit itself to, and how to tell whether it is admitted. */
export interface Bucket {
    accountId: string;
    accountName: string;
    snapshots: Pick<SnapshotOps, "serviceTime">;
}

/** The storage service's answer to a request its firewall refuses (403 AuthorizationFailure). */
export function firewallRefused(e: unknown): boolean {
    return e instanceof RestError && e.statusCode === 403 && (e.code === "AuthorizationFailure" || (e.details as { errorCode?: string } | undefined)?.errorCode === "AuthorizationFailure");
}

const privateRanges: Array<[number, number]> = [
    [0x0a000000, 8], // 10.0.0.0/8
    [0xac100000, 12], // 172.16.0.0/12
    [0xc0a80000, 16], // 192.168.0.0/16
    [0x7f000000, 8], // loopback
    [0xa9fe0000, 16], // link-local
    [0x64400000, 10], // 100.64.0.0/10, carrier-grade NAT
    [0x00000000, 8],
];

/** Why `ip` cannot be an IP rule, or undefined: one public IPv4 address, as the storage firewall takes them. */
export function operatorIpProblem(ip: string): string | undefined {
    const parts = ip.split(".");
    if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return "is not an IPv4 address (the storage firewall takes IPv4 only)";
    const n = parts.reduce((acc, p) => acc * 256 + Number(p), 0);
    const inRange = ([base, bits]: [number, number]) => Math.floor(n / 2 ** (32 - bits)) === Math.floor(base / 2 ** (32 - bits));
    return privateRanges.some(inRange) ? "is not a public address (the storage firewall admits public addresses only)" : undefined;
}

type LedgerEntry = { accountId: string; ip: string };

/** The temporary rules this pair's runs have added and not yet removed, on disk before each ARM change. */
class Ledger {
    constructor(private readonly file: string) {}

    read(): LedgerEntry[] {
        return fs.existsSync(this.file) ? (JSON.parse(fs.readFileSync(this.file, "utf8")) as LedgerEntry[]) : [];
    }

    write(entries: LedgerEntry[]): void {
        if (!entries.length) return void fs.rmSync(this.file, { force: true });
        fs.mkdirSync(path.dirname(this.file), { recursive: true });
        fs.writeFileSync(this.file, `${JSON.stringify(entries, null, 2)}\n`);
    }
}

/** A temporary IP rule per account that refuses this machine, for the operator's address (`--operator-ip`). */
export class TemporaryIpRules implements StorageAccess {
    private readonly ledger: Ledger;

    constructor(
        private readonly o: {
            buckets: Bucket[];
            azure: Pick<AzureOps, "setStorageIpRule">;
            operatorIp?: string;
            ledgerFile: string;
            /** The command to rerun with --operator-ip, for the refusal's next line. */
            rerun: string;
            waits: { timeoutMs: number; pollMs: number; sleep?: (ms: number) => Promise<void> };
        },
    ) {
        this.ledger = new Ledger(o.ledgerFile);
    }

    private async admitted(b: Bucket): Promise<boolean> {
        try {
            await b.snapshots.serviceTime();
            return true;
        } catch (e) {
            if (firewallRefused(e)) return false;
            throw new Error(`the storage account ${b.accountName} cannot be reached from here: ${firstLine(e)}`);
        }
    }

    async open(step: StepContext): Promise<void> {
        await this.close(step);
        const refusing: Bucket[] = [];
        for (const b of this.o.buckets) if (!(await this.admitted(b))) refusing.push(b);
        if (!refusing.length) return;
        const names = refusing.map((b) => b.accountName).join(" and ");
        const ip = this.o.operatorIp;
        if (!ip) {
            throw new Refusal(
                "storage-access",
                `the storage firewall of ${names} refuses this machine; nothing was changed`,
                `${this.o.rerun} --operator-ip <this machine's public IPv4>   (drctl admits it for this run only and removes the rule at the end), or run drctl from a subnet the accounts admit`,
            );
        }
        for (const b of refusing) {
            // The ledger first: a run killed between the two still has its rule removed by the next.
            this.ledger.write([...this.ledger.read(), { accountId: b.accountId, ip }]);
            await this.o.azure.setStorageIpRule(b.accountId, ip, true);
            step.progress(`storage firewall of ${b.accountName}: admitted ${ip} for this run`);
        }
        for (const b of refusing) {
            await waitFor(`the storage firewall of ${b.accountName} to admit ${ip} (an IP rule has no effect from inside the account's own Azure region)`, () => this.admitted(b), { ...this.o.waits, step });
        }
    }

    async close(step: StepContext): Promise<void> {
        for (const entry of this.ledger.read()) {
            try {
                await this.o.azure.setStorageIpRule(entry.accountId, entry.ip, false);
            } catch (e) {
                throw new Error(`the temporary rule for ${entry.ip} on ${entry.accountId} could not be removed (${firstLine(e)}); it stays listed in ${this.o.ledgerFile}, and the next drctl run removes it`);
            }
            this.ledger.write(this.ledger.read().filter((e) => e.accountId !== entry.accountId || e.ip !== entry.ip));
            step.progress(`storage firewall of ${entry.accountId.split("/").pop()}: removed the temporary rule for ${entry.ip}`);
        }
    }

    describe(): string[] {
        const ip = this.o.operatorIp ?? "<--operator-ip>";
        return this.o.buckets.map((b) => `storage firewall of ${b.accountName}: an IP rule for ${ip} if it refuses this machine, removed at the end (${b.accountId})`);
    }
}
