// Renders a stack the way it is brought up for real: a stack that references
// its peer sees the outputs of the peer rendered in the same process, and a
// peer that itself needs this stack's outputs (a standby) is fed a first pass
// of this stack as shipped — primary, secondary, primary again.
import program = require("../stacks");
import { asPeerOutputs, Rendering, renderStack } from "./render";
import { StackOutputs } from "./mockCloud";
import { listStacks, readProject, readStackConfig, runtimeConfig, StackConfigFile, stackNameOf } from "./stackFiles";

export interface StackPlan {
    config: StackConfigFile;
    rendering: Rendering;
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

async function renderPeer(config: StackConfigFile, peers: Record<string, StackOutputs>): Promise<StackPlan> {
    try {
        return await renderWith(config, peers);
    } catch (e) {
        throw new PeerRenderError(config.stack, e);
    }
}

/**
 * Render `stack` with its shipped config plus `overrides` (key=value), fed by
 * its peer rendered with `peerOverrides`.
 */
export async function planStack(stack: string, overrides: string[] = [], peerOverrides: string[] = []): Promise<StackPlan> {
    const target = readStackConfig(stack, overrides);
    const reference = peerReference(target);
    const peerName = reference ? stackNameOf(reference) : "";
    if (!reference || !listStacks().includes(peerName) || peerName === stack) return renderWith(target, {});

    const peer = readStackConfig(peerName, peerOverrides);
    const peerNeedsTarget = peer.values[`${readProject().name}:dr`] === "standby";
    // The peer was deployed against this stack as shipped, not as overridden here.
    const shipped = readStackConfig(stack);
    const firstPass = peerNeedsTarget ? { [peerReference(peer)]: asPeerOutputs((await renderWith(shipped, {})).rendering.outputs) } : {};
    const peerPlan = await renderPeer(peer, firstPass);
    return renderWith(target, { [reference]: asPeerOutputs(peerPlan.rendering.outputs) });
}
