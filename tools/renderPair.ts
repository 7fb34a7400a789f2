// Renders a stack the way it is brought up for real: a stack that references
// its peer sees the outputs of the peer rendered in the same process, and a
// peer that itself needs this stack's outputs (a standby) is fed a first pass
// of this stack — primary, secondary, primary again.
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

async function renderWith(config: StackConfigFile, peers: Record<string, StackOutputs>): Promise<StackPlan> {
    const project = readProject().name;
    const rendering = await renderStack(
        { project, stack: config.stack, config: runtimeConfig(config.values), secretKeys: config.secretKeys, peers },
        program,
    );
    return { config, rendering };
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

/** Render `stack` with its shipped config plus `overrides` (key=value), fed by its peer. */
export async function planStack(stack: string, overrides: string[] = []): Promise<StackPlan> {
    const target = readStackConfig(stack, overrides);
    const reference = peerReference(target);
    const peerName = reference ? stackNameOf(reference) : "";
    if (!reference || !listStacks().includes(peerName) || peerName === stack) return renderWith(target, {});

    const peer = readStackConfig(peerName);
    const peerNeedsTarget = peer.values[`${readProject().name}:dr`] === "standby";
    const firstPass = peerNeedsTarget ? { [peerReference(peer)]: asPeerOutputs((await renderWith(target, {})).rendering.outputs) } : {};
    const peerPlan = await renderPeer(peer, firstPass);
    return renderWith(target, { [reference]: asPeerOutputs(peerPlan.rendering.outputs) });
}
