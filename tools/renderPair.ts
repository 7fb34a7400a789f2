// Renders a stack the way it is brought up for real: a stack that references
// its peer sees the outputs of the peer rendered in the same process, and a
// peer that itself needs this stack's outputs (a standby) is fed a first pass
// of this stack as shipped — primary, secondary, primary again.
import program = require("../stacks");
import { ConfigError } from "../stacks/configSchema";
import { asPeerOutputs, Rendering, renderStack } from "./render";
import { StackOutputs } from "./mockCloud";
import { listStacks, readProject, readStackConfig, runtimeConfig, StackConfigFile, stackNameOf } from "./stackFiles";

export interface StackPlan {
    config: StackConfigFile;
    rendering: Rendering;
    /** The peer's outputs this stack was rendered against, where it has a peer. */
    peer?: { stack: string; outputs: Record<string, unknown> };
}

/** Renders fail with this when the stack being rendered is not the one asked for. */
export class PeerRenderError extends Error {
    constructor(
        readonly peer: string,
        readonly cause: unknown,
    ) {
        super(`while rendering peer stack ${peer}: ${cause instanceof Error ? cause.message : String(cause)}`);
    }
}

// Renders are deterministic: the same config and peer outputs give the same
// plan, so a process renders each combination once.
const renders = new Map<string, Promise<StackPlan>>();

function renderWith(config: StackConfigFile, peers: Record<string, StackOutputs>): Promise<StackPlan> {
    const key = JSON.stringify([config, peers]);
    let plan = renders.get(key);
    if (!plan) {
        const project = readProject().name;
        plan = renderStack({ project, stack: config.stack, config: runtimeConfig(config.values), secretKeys: config.secretKeys, peers }, program).then(
            (rendering) => ({ config, rendering }),
        );
        // A failed render is not kept: the caller sees the error, a retry renders again.
        plan.catch(() => renders.delete(key));
        renders.set(key, plan);
    }
    return plan;
}

function peerReference(config: StackConfigFile): string {
    return String(config.values[`${readProject().name}:peerStack`] ?? "");
}

/**
 * Render `stack` with its shipped config plus `overrides` (key=value), fed by
 * its peer rendered with `peerOverrides`. The peer is rendered the way it was
 * first deployed: alone when its config allows that (it came up first), else
 * against this stack as shipped (it came up second), or as overridden here
 * when the peer's own overrides need that.
 */
export async function planStack(stack: string, overrides: string[] = [], peerOverrides: string[] = []): Promise<StackPlan> {
    const target = readStackConfig(stack, overrides);
    const reference = peerReference(target);
    const peerName = reference ? stackNameOf(reference) : "";
    if (!reference || !listStacks().includes(peerName) || peerName === stack) return renderWith(target, {});

    const peer = readStackConfig(peerName, peerOverrides);
    let peerPlan: StackPlan;
    try {
        peerPlan = await renderWith(peer, {});
    } catch (alone) {
        if (!ConfigError.isConfigError(alone)) throw new PeerRenderError(peer.stack, alone);
        // The peer was deployed against this stack as shipped; peer overrides may instead need it as overridden here.
        const against = async (config: StackConfigFile) => renderWith(peer, { [peerReference(peer)]: asPeerOutputs((await renderWith(config, {})).rendering.outputs) });
        try {
            peerPlan = await against(readStackConfig(stack));
        } catch (asShipped) {
            if (!ConfigError.isConfigError(asShipped)) throw new PeerRenderError(peer.stack, asShipped);
            peerPlan = await against(target).catch(() => Promise.reject(new PeerRenderError(peer.stack, asShipped)));
        }
    }
    return { ...(await renderWith(target, { [reference]: asPeerOutputs(peerPlan.rendering.outputs) })), peer: { stack: peerName, outputs: peerPlan.rendering.outputs } };
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
export async function modeTarget(stack: string, dr: string): Promise<Target> {
    const project = readProject().name;
    const shipped = readStackConfig(stack).values;
    if (dr !== "standby" || shipped[`${project}:dr`] === "standby") return { stack, overrides: [`dr=${dr}`], peerOverrides: [] };
    const target: Target = { stack, overrides: [`dr=${dr}`], peerOverrides: ["dr=active"] };
    if (shipped[`${project}:postgres`] === true && !shipped[`${project}:postgresReplicaOf`]) {
        const peer = await planStack(stackNameOf(String(shipped[`${project}:peerStack`])), target.peerOverrides);
        target.overrides.push(`postgresReplicaOf=${peer.rendering.outputs.postgresServerId}`, "postgresReprotect=true");
    }
    return target;
}
