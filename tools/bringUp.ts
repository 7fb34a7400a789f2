// Renders this program's stacks offline the way they are brought up for
// real: a stack that references its peer sees the outputs of the peer
// rendered first, and a peer that itself needs this stack's outputs (a
// standby) is fed a first pass of this stack as shipped — primary,
// secondary, primary again.
import program = require("../stacks");
import { projectName } from "../contract";
import { ConfigError } from "../config/problem";
import { asPeerOutputs, PeerOutputs, Rendering, renderProgram } from "./offline/engine";
import { mockCloud } from "./offline/mockCloud";
import { stackNameOf } from "../config/peer";
import { listStacks, readStackConfig, runtimeConfig, StackConfigFile } from "./stackFiles";

export interface StackPlan {
    config: StackConfigFile;
    rendering: Rendering;
    /** The peer's outputs this stack was rendered against, where it has a peer. */
    peer?: { stack: string; outputs: Record<string, unknown> };
}

/** Renders fail with this when the stack that failed is the peer, not the one asked for. */
export class PeerRenderError extends Error {
    constructor(
        readonly peer: string,
        readonly cause: unknown,
    ) {
        super(`while rendering peer stack ${peer}: ${cause instanceof Error ? cause.message : String(cause)}`);
    }
}

function peerReference(config: StackConfigFile): string {
    return String(config.values[`${projectName}:peerStack`] ?? "");
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

    private render(config: StackConfigFile, peers: Record<string, PeerOutputs>): Promise<StackPlan> {
        const key = JSON.stringify([config, peers]);
        let plan = this.renders.get(key);
        if (!plan) {
            plan = renderProgram({ project: projectName, stack: config.stack, config: runtimeConfig(config.values), secretKeys: config.secretKeys, mocks: mockCloud(peers) }, program).then((rendering) =>
                deepFreeze({ config, rendering }),
            );
            this.renders.set(key, plan);
        }
        return plan;
    }

    /**
     * Render `stack` with its shipped config plus `overrides` (key=value), fed by
     * its peer rendered with `peerOverrides`. The peer is rendered the way it was
     * first deployed: alone when its config allows that (it came up first), else
     * against this stack as shipped (it came up second), or as overridden here
     * when the peer's own overrides need that.
     */
    async planStack(stack: string, overrides: string[] = [], peerOverrides: string[] = []): Promise<StackPlan> {
        const target = readStackConfig(stack, overrides);
        const reference = peerReference(target);
        const peerName = reference ? stackNameOf(reference) : "";
        if (!reference || !listStacks().includes(peerName) || peerName === stack) return this.render(target, {});

        const peer = readStackConfig(peerName, peerOverrides);
        let peerPlan: StackPlan;
        try {
            peerPlan = await this.render(peer, {});
        } catch (alone) {
            if (!ConfigError.isConfigError(alone)) throw new PeerRenderError(peer.stack, alone);
            // The peer was deployed against this stack as shipped; peer overrides may instead need it as overridden here.
            const against = async (config: StackConfigFile) => this.render(peer, { [peerReference(peer)]: asPeerOutputs((await this.render(config, {})).rendering.outputs) });
            try {
                peerPlan = await against(readStackConfig(stack));
            } catch (asShipped) {
                if (!ConfigError.isConfigError(asShipped)) throw new PeerRenderError(peer.stack, asShipped);
                peerPlan = await against(target).catch(() => Promise.reject(new PeerRenderError(peer.stack, asShipped)));
            }
        }
        const plan = await this.render(target, { [reference]: asPeerOutputs(peerPlan.rendering.outputs) });
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
    const shipped = readStackConfig(stack).values;
    if (dr !== "standby" || shipped[`${projectName}:dr`] === "standby") return { stack, overrides: [`dr=${dr}`], peerOverrides: [] };
    const target: Target = { stack, overrides: [`dr=${dr}`], peerOverrides: ["dr=active"] };
    if (shipped[`${projectName}:postgres`] === true && !shipped[`${projectName}:postgresReplicaOf`]) {
        const peer = await session.planStack(stackNameOf(String(shipped[`${projectName}:peerStack`])), target.peerOverrides);
        target.overrides.push(`postgresReplicaOf=${peer.rendering.outputs.postgresServerId}`, "postgresReprotect=true");
    }
    return target;
}
