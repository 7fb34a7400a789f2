// npm run drctl -- <status|failover|promote|failback|clean-secondary|rotate-recovery-key> [options]
// The DR runbook as commands: every step idempotent and journaled (.drctl/),
// --dry-run to see exactly what each step would touch.
import * as path from "path";
import * as readline from "readline/promises";
import * as k8s from "@kubernetes/client-node";
import { DefaultAzureCredential } from "@azure/identity";
import { BlobServiceClient, BlockBlobClient, StorageSharedKeyCredential } from "@azure/storage-blob";
import { BlobStateStore } from "../../functions/failover/src/drState";
import { outlastByWaiting } from "../../functions/failover/src/failover";
import { alertRuleName, logscaleNamespace, projectName, witnessBlob, witnessContainer } from "../../contract";
import { probeHealth } from "../../functions/failover/src/health";
import { projectRoot } from "../stackFiles";
import { AzureOps, parseEndpointId } from "./azure";
import { RegionCluster } from "./cluster";
import { cleanSecondarySteps, DrContext, failbackSteps, failoverSteps, preflight, promoteSteps, Region, rotateRecoveryKeySteps, StackOps, Witness } from "./commands";
import { enableFlushOnShutdown } from "./logscale";
import { loadOutputs, OutputsError, PairOutputs, RegionName, RegionOutputs, selectStack } from "./outputs";
import { Journal, Refusal, runSteps, Step, StepContext, StepReport } from "./runbook";
import { SnapshotStore } from "./snapshots";
import { status } from "./status";
import { operatorIpProblem, StorageAccess, TemporaryIpRules } from "./storageAccess";

export const commands = ["status", "failover", "promote", "failback", "clean-secondary", "rotate-recovery-key"] as const;
export type Command = (typeof commands)[number];

/** What shapes a command's steps beside its name: promote's phase, clean-secondary's --primary-down. */
export type Variant = Pick<CliOptions, "phase" | "primaryDown">;

/** The command as a person types it again. */
export function commandLine(command: Command, v: Variant = {}): string {
    return `npm run drctl -- ${command}${v.phase ? ` --phase ${v.phase}` : ""}${v.primaryDown ? " --primary-down" : ""}`;
}

export function stepsFor(command: Exclude<Command, "status">, { phase, primaryDown = false }: Variant = {}): Step<DrContext>[] {
    switch (command) {
        case "failover":
            return failoverSteps();
        case "promote":
            if (phase !== 1 && phase !== 2) throw new UsageError("promote needs --phase 1 or --phase 2");
            return promoteSteps(phase);
        case "failback":
            return failbackSteps();
        case "clean-secondary":
            return cleanSecondarySteps(primaryDown);
        case "rotate-recovery-key":
            return rotateRecoveryKeySteps();
    }
}

export class UsageError extends Error {}

/** The primary Traffic Manager endpoint's resource ID, from the primary's outputs. */
export function primaryEndpointId(outputs: PairOutputs): string {
    return `${outputs.primary.trafficManagerProfileId}/externalEndpoints/${outputs.primary.primaryEndpointName}`;
}

export function snapshotStore(o: RegionOutputs, blobs: BlobServiceClient): SnapshotStore {
    return new SnapshotStore(blobs.getContainerClient(o.storageContainerName), o.storageObjectKeyPrefix);
}

function accountClient(o: RegionOutputs): BlobServiceClient {
    return new BlobServiceClient(o.storageBlobEndpoint, new StorageSharedKeyCredential(o.storageAccountName, o.storageAccountKey));
}

/** A region of the pair; its Kubernetes context must exist unless the run only lists steps (--dry-run). */
function region(name: RegionName, o: RegionOutputs, kubeContext: string | undefined, needsCluster: boolean): Region {
    const kc = new k8s.KubeConfig();
    try {
        kc.loadFromDefault();
    } catch {
        // No readable kubeconfig: no contexts, reported below.
    }
    const contextName = kubeContext ?? o.aksClusterName;
    const howToConnect = `az aks get-credentials --resource-group ${o.aksResourceGroup} --name ${o.aksClusterName}, or pass --${name}-context`;
    // client-node would otherwise fail later with "No active cluster!".
    const known = kc.getContexts().some((c) => c.name === contextName);
    if (!known && needsCluster) throw new UsageError(`no Kubernetes context ${JSON.stringify(contextName)} for the ${name} (${o.aksClusterName}): run ${howToConnect}`);
    if (known) kc.setCurrentContext(contextName);
    return { name, outputs: o, cluster: new RegionCluster(kc, logscaleNamespace, howToConnect), snapshots: snapshotStore(o, accountClient(o)), url: `https://${o.clusterFqdn}` };
}

/** Which buckets a command needs (promotion none, a failover the secondary's), each admitting this machine for the run if its firewall refuses it. */
export function storageAccess(outputs: PairOutputs, command: Command, regions: Record<RegionName, Pick<Region, "snapshots">>, azure: Pick<AzureOps, "setStorageIpRule">, o: Pick<CliOptions, "operatorIp" | "journalDir"> & Variant, waits: DrContext["waits"]): StorageAccess {
    // A failover needs only the secondary's (the DR state record and its snapshots): the primary's region may be the disaster.
    // A rotation, too: the primary's key changes through ARM, which the firewall does not govern.
    const names: RegionName[] = command === "promote" ? [] : command === "failover" || command === "rotate-recovery-key" ? ["secondary"] : ["primary", "secondary"];
    return new TemporaryIpRules({
        buckets: names.map((r) => ({ accountId: outputs[r].storageAccountId, accountName: outputs[r].storageAccountName, snapshots: regions[r].snapshots })),
        azure,
        operatorIp: o.operatorIp,
        ledgerFile: path.join(o.journalDir, `${pairKey(outputs)}.storage-rules.json`),
        rerun: commandLine(command, o),
        // Microsoft gives no time for a rule to take effect: minutes at most for a command, seconds for status (its answer is due within 20 s).
        waits: { ...waits, timeoutMs: Math.min(waits.timeoutMs, command === "status" ? 6_000 : 5 * 60_000) },
    });
}

/** The DR state record in its blob, as the failover function keeps it. */
export function witness(blob: BlockBlobClient): Witness {
    return { url: blob.url, store: new BlobStateStore(blob) };
}

/** Config flips and `pulumi up` through the automation API. */
function automationStackOps(): StackOps {
    return {
        getConfig: async (r, key) => {
            const stack = await selectStack(r);
            return (await stack.getAllConfig())[`${projectName}:${key}`]?.value;
        },
        setConfig: async (r, key, value) => (await selectStack(r)).setConfig(`${projectName}:${key}`, { value }),
        removeConfig: async (r, key) => (await selectStack(r)).removeConfig(`${projectName}:${key}`),
        preview: async (r) => (await (await selectStack(r)).preview({ diff: true })).stdout,
        up: async (r) => void (await (await selectStack(r)).up({ onOutput: (out) => process.stdout.write(out) })),
    };
}

/** A yes/no question at the terminal; no terminal, no yes. */
async function askAtTerminal(question: string): Promise<boolean> {
    if (!process.stdin.isTTY) {
        process.stdout.write(`${question} (no terminal to ask at: pass --yes)\n`);
        return false;
    }
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
    try {
        return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
    } finally {
        rl.close();
    }
}

export interface CliOptions {
    outputs?: string;
    /** Answer yes to drctl's questions (the promotion review). */
    yes?: boolean;
    dryRun: boolean;
    force: boolean;
    fresh: boolean;
    phase?: number;
    /** clean-secondary for a failover next: the primary is down, and the steps that re-arm automatic failover are left out. */
    primaryDown?: boolean;
    journalDir: string;
    primaryContext?: string;
    secondaryContext?: string;
    failoverTime?: Date;
    /** This machine's public IPv4, admitted through a storage firewall that refuses it, for the run only. */
    operatorIp?: string;
    /** Another cloud's ARM endpoint (https). */
    armEndpoint?: string;
}

/** Names the pair in the journal's file name: the project and both stacks' name prefixes. */
export function pairKey(outputs: PairOutputs): string {
    return `${projectName}.${outputs.primary.namePrefix}.${outputs.secondary.namePrefix}`;
}

export function contextFor(outputs: PairOutputs, command: Command, o: CliOptions): DrContext {
    const endpointId = primaryEndpointId(outputs);
    const secondaryBlobs = accountClient(outputs.secondary);
    const primary = region("primary", outputs.primary, o.primaryContext, !o.dryRun);
    const secondary = region("secondary", outputs.secondary, o.secondaryContext, !o.dryRun);
    const azure = new AzureOps(new DefaultAzureCredential(), parseEndpointId(endpointId).subscriptionId, { cloud: o.armEndpoint });
    const waits = { timeoutMs: 20 * 60_000, pollMs: 10_000 };
    return {
        primary,
        secondary,
        azure,
        access: storageAccess(outputs, command, { primary, secondary }, azure, o, waits),
        alert: { resourceGroup: outputs.secondary.aksResourceGroup, name: alertRuleName(outputs.secondary.namePrefix) },
        primaryEndpointId: endpointId,
        witness: witness(secondaryBlobs.getContainerClient(witnessContainer).getBlockBlobClient(witnessBlob)),
        stack: automationStackOps(),
        journal: new Journal(Journal.path(o.journalDir, pairKey(outputs), command), command, () => new Date(), o.fresh),
        probe: (url) => probeHealth(url, 10_000),
        enableFlushOnShutdown,
        outlastInvocations: outlastByWaiting,
        confirm: (question) => (o.yes ? Promise.resolve(true) : askAtTerminal(question)),
        globalUrl: [outputs.primary.globalFqdn, outputs.secondary.globalFqdn].filter(Boolean).map((f) => `https://${f}`)[0],
        waits,
        now: () => new Date(),
        elapsedMs: () => performance.now(),
        force: o.force,
        failoverTime: o.failoverTime,
    };
}

/** What each command is for, as --help says it. */
const summaries: Record<Command, string> = {
    status: "whether the standby is ready to take over, within 20 s: each region, the RPO a failover would have now, both endpoints, the DR state record, the alert, PostgreSQL replica lag, the Redis link; READY (exit 0) or NOT READY with the reasons (exit 1)",
    failover: "fail over to the secondary now, as a person: refuses while the primary answers (--force overrides)",
    promote: "make the secondary the active region: --phase 1 (dr=active, shared routing), then --phase 2 (dedicated routing)",
    failback: "return to the primary without losing an event written during the failover (the vendor's phases 1-3 and 5)",
    "clean-secondary": "reset the secondary's Kafka and snapshots once the primary has its own snapshot, then re-arm automatic failover (phase 4)",
    "rotate-recovery-key": "revoke the primary's recovery key (key2) wherever a failover handed it out and give the standby a new one; refused while the secondary holds LogScale state recovered with it",
};

export const isHelp = (a: string | undefined) => a === "--help" || a === "-h" || a === "help";

/** The text of `drctl --help`, or of `drctl <command> --help` (its steps). */
export function help(command?: Command): string {
    if (!command) return [usage, "", "commands:", ...commands.map((c) => `  ${c.padEnd(16)}${summaries[c]}`), "", "npm run drctl -- <command> --help lists a command's steps."].join("\n");
    if (command === "status") return `${command}: ${summaries[command]}`;
    const variants: Variant[] = command === "promote" ? [{ phase: 1 }, { phase: 2 }] : command === "clean-secondary" ? [{}, { primaryDown: true }] : [{}];
    const lines = [`${command}: ${summaries[command]}`];
    for (const v of variants) {
        if (v.phase) lines.push(`--phase ${v.phase}:`);
        if (v.primaryDown) lines.push("--primary-down (the primary is down; a failover comes next):");
        stepsFor(command, v).forEach((step, i) => lines.push(`  ${i + 1}. ${step.title}`));
    }
    return lines.join("\n");
}

function armEndpoint(from: string, url: string): string {
    if (!/^https:\/\/[^/\s]+$/.test(url)) throw new UsageError(`${from} ${JSON.stringify(url)} is not an https:// origin such as https://management.chinacloudapi.cn`);
    return url;
}

export function parseArgs(argv: string[]): { command: Command; options: CliOptions } {
    const [command, ...rest] = argv;
    if (!commands.includes(command as Command)) throw new UsageError(`unknown command ${JSON.stringify(command ?? "")}; allowed: ${commands.join(", ")}`);
    // Defaults from the environment, for a machine where they are always the same (a jump host, another cloud).
    const env = process.env;
    const options: CliOptions = { dryRun: false, force: false, fresh: false, journalDir: path.resolve(env.DRCTL_JOURNAL_DIR || path.join(projectRoot, ".drctl")) };
    if (env.DRCTL_ARM_ENDPOINT) options.armEndpoint = armEndpoint("DRCTL_ARM_ENDPOINT", env.DRCTL_ARM_ENDPOINT);
    for (let i = 0; i < rest.length; i++) {
        const value = () => {
            const v = rest[++i];
            if (v === undefined) throw new UsageError(`${rest[i - 1]} needs a value`);
            return v;
        };
        switch (rest[i]) {
            case "--outputs":
                options.outputs = value();
                break;
            case "--dry-run":
                options.dryRun = true;
                break;
            case "--force":
                options.force = true;
                break;
            case "--fresh":
                options.fresh = true;
                break;
            case "--yes":
                options.yes = true;
                break;
            case "--phase":
                options.phase = Number(value());
                break;
            case "--primary-down":
                if (command !== "clean-secondary") throw new UsageError(`--primary-down is for clean-secondary only, not ${command}`);
                options.primaryDown = true;
                break;
            case "--journal-dir":
                options.journalDir = path.resolve(value());
                break;
            case "--operator-ip": {
                const ip = value();
                const problem = operatorIpProblem(ip);
                if (problem) throw new UsageError(`--operator-ip ${JSON.stringify(ip)} ${problem}`);
                options.operatorIp = ip;
                break;
            }
            case "--arm-endpoint":
                options.armEndpoint = armEndpoint("--arm-endpoint", value());
                break;
            case "--primary-context":
                options.primaryContext = value();
                break;
            case "--secondary-context":
                options.secondaryContext = value();
                break;
            case "--failover-time": {
                const t = new Date(value());
                if (Number.isNaN(t.getTime())) throw new UsageError("--failover-time needs an ISO time such as 2026-11-21T10:00:00Z");
                options.failoverTime = t;
                break;
            }
            default:
                throw new UsageError(`unknown option ${rest[i]}`);
        }
    }
    return { command: command as Command, options };
}

const usage = `usage: npm run drctl -- <${commands.join("|")}> [--outputs .drctl/outputs.json] [--dry-run] [--force] [--phase 1|2]
       [--failover-time ISO] [--fresh] [--yes] [--primary-down] [--journal-dir dir] [--primary-context ctx] [--secondary-context ctx]
       [--operator-ip IPv4] [--arm-endpoint https://…]`;

/** What to do after a command finished, printed as its last line. */
export function nextAfter(command: Exclude<Command, "status">, { phase, primaryDown }: Variant = {}): string {
    switch (command) {
        case "failover":
            return "npm run drctl -- status   (LogScale recovers on the secondary; promote once it serves: npm run drctl -- promote --phase 1)";
        case "promote":
            return phase === 1 ? "npm run drctl -- promote --phase 2   (once the UI and ingest pods are Ready)" : "npm run drctl -- status";
        case "failback":
            return "wait for the primary's first global snapshot of its own (10-20 minutes after its start), then npm run drctl -- clean-secondary; do not pulumi up the primary before then";
        case "clean-secondary":
            if (primaryDown) return "npm run drctl -- failover   (the secondary recovers the primary's newest global snapshot; automatic failover stays disarmed until the next failback and clean-secondary)";
            return "pulumi up --stack secondary   (dr: standby in its config: re-arms the standby gate); then npm run drctl -- rotate-recovery-key   (revokes the key the failover used)";
        case "rotate-recovery-key":
            return "pulumi up --stack primary, then pulumi up --stack secondary   (the primary exports the new key first; the other order writes the old key back into the standby's secret, which npm run drctl -- status reports)";
    }
}

/** Run a command against a context; what it printed, and how it ended (0 done, 1 failed, 3 refused). */
export async function run(command: Command, ctx: DrContext, o: Pick<CliOptions, "dryRun"> & Variant, write: (line: string) => void): Promise<{ code: number; reports: StepReport[] }> {
    const storage: StepContext = { progress: (m) => write(`storage: ${m}`) };
    const again = commandLine(command, o);
    if (o.dryRun) ctx.access.describe().forEach((line) => write(`before the first step and after the last: ${line}`));
    try {
        if (command === "status") {
            // A bucket the run cannot reach is a NOT READY reason, not the end of the check.
            await ctx.access.open(storage).catch((e) => (e instanceof Refusal ? write(`storage: ${e.reason}; ${e.next}`) : Promise.reject(e)));
            const { lines, ready } = await status(ctx, write);
            lines.forEach(write);
            return { code: ready ? 0 : 1, reports: [] };
        }
        if (!o.dryRun) {
            await ctx.access.open(storage);
            const reasons = await preflight(command, ctx);
            if (reasons.length) throw new Refusal("preflight", `${reasons.join("; ")}; nothing was changed`, `${again}   (once that is fixed)`);
        }
        const reports = await runSteps(command, stepsFor(command, o), ctx, ctx.journal, { dryRun: o.dryRun, write, now: ctx.now });
        if (!o.dryRun) write(`next: ${nextAfter(command, o)}`);
        return { code: 0, reports };
    } catch (e) {
        if (e instanceof Refusal) {
            write(`refused: ${e.reason}`);
            write(`next: ${e.next}`);
            return { code: 3, reports: [] };
        }
        write(`failed: ${e instanceof Error ? e.message : String(e)}`);
        write(`next: fix the cause and run ${again} again: it resumes at the failed step`);
        return { code: 1, reports: [] };
    } finally {
        if (!o.dryRun) await ctx.access.close(storage).catch((e) => write(`storage: ${e instanceof Error ? e.message : String(e)}`));
    }
}

export async function main(argv: string[]): Promise<number> {
    if (argv.length === 0 || isHelp(argv[0])) {
        process.stdout.write(`${help()}\n`);
        return 0;
    }
    if (commands.includes(argv[0] as Command) && argv.slice(1).some(isHelp)) {
        process.stdout.write(`${help(argv[0] as Command)}\n`);
        return 0;
    }
    let parsed: ReturnType<typeof parseArgs>;
    try {
        parsed = parseArgs(argv);
    } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        process.stderr.write(`${e.message} (npm run drctl -- --help)\n`);
        return 2;
    }
    try {
        const outputs = await loadOutputs(parsed.options.outputs);
        const ctx = contextFor(outputs, parsed.command, parsed.options);
        // Ctrl-C still removes a temporary firewall rule before drctl exits.
        const interrupted = () => void ctx.access.close({ progress: (m) => process.stdout.write(`storage: ${m}\n`) }).finally(() => process.exit(130));
        process.once("SIGINT", interrupted).once("SIGTERM", interrupted);
        return (await run(parsed.command, ctx, parsed.options, (l) => process.stdout.write(`${l}\n`))).code;
    } catch (e) {
        if (e instanceof OutputsError || e instanceof UsageError) {
            process.stderr.write(`${e.message}\n`);
            return 2;
        }
        throw e;
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        // Exit now: a read status gave up on may still hold a socket open (stdout to a pipe or file is written synchronously on Linux).
        (code) => process.exit(code),
        (e) => {
            process.stderr.write(`drctl failed: ${e instanceof Error ? e.message : String(e)}\n`);
            process.exitCode = 1;
        },
    );
}
