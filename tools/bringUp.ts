// Renders this program's stacks offline the way they are brought up for
// real: a stack that references its peer sees the outputs of the peer
// rendered first, and a peer that itself needs this stack's outputs (a
// standby) is fed a first pass of this stack as shipped — primary,
// secondary, primary again.
import program = require("../stacks");
import { projectName } from "../contract";
import { ConfigError } from "../config/problem";
import { qualifiedStackName, stackNameOf } from "../config/peer";
import { needsPeerOutputs } from "../config/rules";
import { asPeerOutputs, PeerOutputs, Rendering, renderProgram } from "./offline/engine";
import { mockCloud } from "./offline/mockCloud";
import { listStacks, projectRoot, readStackConfig, runtimeConfig, StackConfigFile } from "./stackFiles";
import { asPeerOf, checkStack, CheckedStack, findingLine, findingsOf, pairFindings, StackConfigError } from "./stackProblems";

export interface StackPlan {
    config: StackConfigFile;
    rendering: Rendering;
    /** The peer's outputs this stack was rendered against, where it has a peer. */
    peer?: { stack: string; outputs: Record<string, unknown> };
    /** The peer's problems, where this stack was rendered without its outputs because of them. */
    notes?: string[];
}

/** Renders fail with this when the stack that failed is the peer, not the one asked for, and not for its config. */
class PeerRenderError extends Error {
    constructor(
        readonly peer: string,
        readonly cause: unknown,
    ) {
        super(`while rendering peer stack ${peer}: ${cause instanceof Error ? cause.message : String(cause)}`);
    }
}

/**
 * The organization offline renders run in: a self-managed (DIY) backend's,
 * which "must be set to organization" (Pulumi's Node.js SDK reference,
 * automation.fullyQualifiedStackName). A bare peerStack resolves to it.
 */
export const offlineOrganization = "organization";

function peerStackOf(config: StackConfigFile): string {
    return String(config.values[`${projectName}:peerStack`] ?? "");
}

/** The name the program's stack reference asks for (config/load.ts): peerStack, fully qualified. */
function peerReference(config: StackConfigFile): string {
    const peerStack = peerStackOf(config);
    return peerStack && qualifiedStackName(peerStack, { organization: () => offlineOrganization, project: projectName });
}

/** Freeze a rendering all the way down: whoever holds it reads what the program registered, never a change someone made. */
function deepFreeze<T>(v: T): T {
    if (v && typeof v === "object" && !Object.isFrozen(v)) {
        Object.freeze(v);
        for (const x of Object.values(v)) deepFreeze(x);
    }
    return v;
}

/**
 * Renders made together. Renders are deterministic and frozen, so one
 * session renders each stack configuration against each set of peer outputs
 * once, and the peers several plans need are shared: what a caller gets does
 * not depend on what was rendered before.
 */
export class BringUp {
    private readonly renders = new Map<string, Promise<StackPlan>>();

    /** `root` holds Pulumi.yaml and the stack files: the repository's, or a test's copy. */
    constructor(readonly root = projectRoot) {}

    private render(config: StackConfigFile, peers: Record<string, PeerOutputs>): Promise<StackPlan> {
        const key = JSON.stringify([config, peers]);
        let plan = this.renders.get(key);
        if (!plan) {
            plan = renderProgram(
                { organization: offlineOrganization, project: projectName, stack: config.stack, config: runtimeConfig(config.values), secretKeys: config.secretKeys, mocks: mockCloud(peers) },
                program,
            ).then((rendering) => deepFreeze({ config, rendering }));
            this.renders.set(key, plan);
        }
        return plan;
    }

    /** Render a stack whose config validates alone; what its render refuses is told with where it comes from. */
    private async renderChecked(checked: CheckedStack, peers: Record<string, PeerOutputs>): Promise<StackPlan> {
        try {
            return await this.render(checked.config!, peers);
        } catch (e) {
            if (!ConfigError.isConfigError(e)) throw e;
            throw new StackConfigError(findingsOf(checked, e.problems, this.root));
        }
    }

    /**
     * The peer rendered the way it was first deployed: alone when its config
     * allows that (it came up first), else against the target as shipped (it
     * came up second), or as overridden here when the peer's own overrides need
     * that. A ConfigError is the peer's: a target that does not render alone
     * never fed it.
     */
    private async renderPeer(target: CheckedStack, peer: StackConfigFile): Promise<StackPlan> {
        try {
            return await this.render(peer, {});
        } catch (alone) {
            if (!ConfigError.isConfigError(alone)) throw new PeerRenderError(peer.stack, alone);
            let refused: unknown = alone;
            for (const first of [readStackConfig(target.stack, [], this.root), target.config!]) {
                const fed = await this.render(first, {}).catch((e: unknown) => (ConfigError.isConfigError(e) ? undefined : Promise.reject(e)));
                if (!fed) continue;
                try {
                    return await this.render(peer, { [peerReference(peer)]: asPeerOutputs(fed.rendering.outputs) });
                } catch (e) {
                    if (!ConfigError.isConfigError(e)) throw new PeerRenderError(peer.stack, e);
                    if (refused === alone) refused = e;
                }
            }
            throw refused;
        }
    }

    /**
     * Render `stack` with its shipped config plus `overrides` (key=value), fed by
     * its peer rendered with `peerOverrides`. Each config is validated alone
     * first, then the pair; every problem is told with where it comes from,
     * this stack's before its peer's. A peer that is broken stops only a stack
     * that needs its outputs (config/rules.ts, needsPeerOutputs): any other is
     * rendered without them, as it is first brought up, and told why in notes.
     */
    async planStack(stack: string, overrides: string[] = [], peerOverrides: string[] = []): Promise<StackPlan> {
        const target = checkStack(stack, overrides, "--config", this.root);
        const reference = target.config ? peerReference(target.config) : "";
        const peerName = stackNameOf(reference);
        if (!reference || !listStacks(this.root).includes(peerName) || peerName === stack) {
            if (target.findings.length) throw new StackConfigError(target.findings);
            return this.renderChecked(target, {});
        }

        const peer = checkStack(peerName, peerOverrides, "--peer-config", this.root);
        const needed = target.settings && needsPeerOutputs(target.settings);
        const peerFindings = asPeerOf(stack, needed, peer.findings);
        const pair = pairFindings(target, peer, this.root);
        if (target.findings.length || pair.length || (peerFindings.length && needed)) throw new StackConfigError([...target.findings, ...peerFindings, ...pair]);
        // Only the peer's own problems are left, and this stack does not need its outputs.
        if (peerFindings.length) return { ...(await this.renderChecked(target, {})), notes: peerFindings.map(findingLine) };

        let peerPlan: StackPlan;
        try {
            peerPlan = await this.renderPeer(target, peer.config!);
        } catch (e) {
            if (!ConfigError.isConfigError(e)) throw e;
            const rendered = asPeerOf(stack, needed, findingsOf(peer, e.problems, this.root));
            if (needed) throw new StackConfigError(rendered);
            return { ...(await this.renderChecked(target, {})), notes: rendered.map(findingLine) };
        }
        const plan = await this.renderChecked(target, { [reference]: asPeerOutputs(peerPlan.rendering.outputs) });
        return { ...plan, peer: { stack: peerName, outputs: peerPlan.rendering.outputs } };
    }
}

/** A stack rendered with config overrides, against its peer rendered with its own. */
export interface Target {
    stack: string;
    overrides: string[];
    peerOverrides: string[];
}

/**
 * `stack` in DR mode `dr`, configured the way an operator would set it. A
 * stack shipped active becomes a standby only beside its promoted peer, and
 * re-protects its PostgreSQL server as a replica of the peer's.
 */
export async function modeTarget(stack: string, dr: string, session = new BringUp()): Promise<Target> {
    const checked = checkStack(stack, [], "--config", session.root);
    if (!checked.config || checked.findings.length) throw new StackConfigError(checked.findings);
    const shipped = checked.config.values;
    if (dr !== "standby" || shipped[`${projectName}:dr`] === "standby") return { stack, overrides: [`dr=${dr}`], peerOverrides: [] };
    const target: Target = { stack, overrides: [`dr=${dr}`], peerOverrides: ["dr=active"] };
    if (shipped[`${projectName}:postgres`] === true && !shipped[`${projectName}:postgresReplicaOf`]) {
        const peerName = stackNameOf(peerStackOf(checked.config));
        const peer = await session.planStack(peerName, target.peerOverrides).catch((e: unknown) => {
            if (!(e instanceof StackConfigError)) throw e;
            // The peer's problems, which this standby needs fixed; those it tells of its own peer are this stack's, and the pair's stay the pair's.
            throw new StackConfigError(e.findings.map((f) => (f.pair ? f : f.peerOf?.stack === peerName ? { where: f.where, problem: f.problem } : { ...f, peerOf: { stack, needed: true } })));
        });
        target.overrides.push(`postgresReplicaOf=${peer.rendering.outputs.postgresServerId}`, "postgresReprotect=true");
    }
    return target;
}
