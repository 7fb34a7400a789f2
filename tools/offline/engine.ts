// A recording engine for offline renders: runs a Pulumi program under the
// SDK's mock runtime and records every registration (type, name, parent,
// inputs, options) as the engine would receive it, the program's log
// messages, and the stack's outputs. Generic: it knows nothing of the program
// it renders. Public @pulumi/pulumi APIs only (setMocks, getMonitor,
// setAllConfig, runInPulumiStack, disconnect); the one dependency on how the
// SDK behaves beyond them, its console format for log messages, is in
// sdkLogs.ts.
import * as pulumi from "@pulumi/pulumi";
import { collectSdkLogs } from "./sdkLogs";

/** A value the program marked secret. Printed only as "[secret]". */
export class Secret {
    constructor(readonly value: unknown) {}
}

export interface RecordedOptions {
    protect: boolean;
    retainOnDelete: boolean;
    deleteBeforeReplace: boolean;
    ignoreChanges: string[];
    /** The aliases the engine receives: URNs, or alias specs as JSON (name, type, parentUrn, noParent). */
    aliases: string[];
    dependsOn: string[];
}

export interface RecordedResource {
    urn: string;
    type: string;
    name: string;
    parent: string | null;
    custom: boolean;
    /** Read (a stack reference, a `get`) rather than managed. */
    read: boolean;
    inputs: Record<string, unknown>;
    /** What the resource's provider returned: its outputs (mock values offline). Not part of the plan document. */
    state: Record<string, unknown>;
    options: RecordedOptions;
}

export interface Diagnostic {
    severity: "info" | "warning" | "error";
    message: string;
}

export interface Rendering {
    project: string;
    stack: string;
    resources: RecordedResource[];
    /** What the program logged (pulumi.log), as `pulumi preview` shows under Diagnostics. */
    diagnostics: Diagnostic[];
    /** Stack outputs; secret ones are Secret instances. */
    outputs: Record<string, unknown>;
}

export interface RenderRequest {
    /** What pulumi.getOrganization() returns; the SDK's mock runtime throws on it when unset. */
    organization?: string;
    project: string;
    stack: string;
    /** Fully qualified config keys (project:key) to the strings Pulumi would hand the program. */
    config: Record<string, string>;
    secretKeys: string[];
    /** What the providers answer. */
    mocks: pulumi.runtime.Mocks;
}

/** Turn a registration's protobuf value into plain data, keeping secrets marked. */
function decodeRpc(v: unknown): unknown {
    if (Array.isArray(v)) return v.map(decodeRpc);
    if (v === pulumi.runtime.unknownValue) return "[unknown]";
    if (v === null || typeof v !== "object") return v;
    const o = v as Record<string, unknown>;
    switch (o[pulumi.runtime.specialSigKey]) {
        case pulumi.runtime.specialSecretSig:
            return new Secret(decodeRpc(o.value));
        case pulumi.runtime.specialResourceSig:
            return o.urn;
        case pulumi.runtime.specialOutputValueSig: {
            const value = "value" in o ? decodeRpc(o.value) : "[unknown]";
            return o.secret ? new Secret(value) : value;
        }
        case pulumi.runtime.specialAssetSig:
        case pulumi.runtime.specialArchiveSig:
            return { asset: o.path ?? o.uri ?? "[inline]" };
    }
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, decodeRpc(x)]));
}

/** The SDK's mock monitor, as getMonitor hands it out: the calls the engine would receive. */
interface Monitor {
    registerResource(req: any, callback: (err: any, resp: any) => void): void;
    readResource(req: any, callback: (err: any, resp: any) => void): void;
    registerResourceOutputs(req: any, callback: (err: any, resp: any) => void): void;
}

// A render uses the SDK's process-wide runtime state: one at a time.
let previous: Promise<unknown> = Promise.resolve();

/** Render one stack of a program with the given config and mocks. */
export function renderProgram(req: RenderRequest, program: () => Promise<Record<string, unknown> | void>): Promise<Rendering> {
    const next = previous.then(() => renderAlone(req, program));
    previous = next.catch(() => undefined);
    return next;
}

async function renderAlone(req: RenderRequest, program: () => Promise<Record<string, unknown> | void>): Promise<Rendering> {
    const diagnostics: Diagnostic[] = [];
    const stopCollecting = collectSdkLogs(diagnostics);
    const resources: RecordedResource[] = [];
    let outputs: Record<string, unknown> = {};
    // The SDK captures a stack trace per resource for source positions; with
    // source maps that dominates a render. The plan needs none.
    const stackTraceLimit = Error.stackTraceLimit;
    if (!process.env.DEBUG) Error.stackTraceLimit = 0;
    try {
        await pulumi.runtime.setMocks(req.mocks, req.project, req.stack, true, req.organization);
        pulumi.runtime.setAllConfig(req.config, req.secretKeys);
        recordInto(pulumi.runtime.getMonitor() as unknown as Monitor, resources, (o) => (outputs = o));

        // A program that throws must not leave the stack's outputs rejected without a handler: keep the error, end the stack normally.
        let failure: { error: unknown } | undefined;
        await pulumi.runtime.runInPulumiStack(async () => {
            try {
                return (await program()) ?? {};
            } catch (error) {
                failure = { error };
                return {};
            }
        });
        await pulumi.runtime.disconnect();
        if (failure) throw failure.error;
    } finally {
        Error.stackTraceLimit = stackTraceLimit;
        stopCollecting();
    }
    return { project: req.project, stack: req.stack, resources, diagnostics, outputs };
}

/** An alias spec as JSON: the fields the engine resolves it from. */
function aliasText(a: any): string {
    if (a.getUrn && a.getUrn()) return a.getUrn();
    const spec = a.getSpec ? a.getSpec() : undefined;
    if (!spec) return String(a);
    return JSON.stringify({ name: spec.getName() || undefined, type: spec.getType() || undefined, parentUrn: spec.getParenturn() || undefined, noParent: spec.getNoparent() || undefined });
}

/** Wrap the monitor so every registration is recorded as it is sent. */
function recordInto(monitor: Monitor, resources: RecordedResource[], setOutputs: (o: Record<string, unknown>) => void): void {
    let stackUrn = "";
    const register = monitor.registerResource.bind(monitor);
    const read = monitor.readResource.bind(monitor);
    const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
    const track = (entry: RecordedResource, callback: (err: any, resp: any) => void) => {
        resources.push(entry);
        return (err: any, resp: any) => {
            if (resp) {
                entry.urn = resp.getUrn();
                const state = resp.getObject?.() ?? resp.getProperties?.();
                if (state) entry.state = decodeRpc(state.toJavaScript()) as Record<string, unknown>;
            }
            if (entry.type === "pulumi:pulumi:Stack") stackUrn = entry.urn;
            callback(err, resp);
        };
    };
    monitor.registerResource = (r, callback) =>
        register(
            r,
            track(
                {
                    urn: "",
                    type: r.getType(),
                    name: r.getName(),
                    parent: r.getParent() || null,
                    custom: r.getCustom(),
                    read: false,
                    inputs: decodeRpc(r.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>,
                    state: {},
                    options: {
                        protect: r.getProtect() ?? false,
                        retainOnDelete: r.getRetainondelete() ?? false,
                        deleteBeforeReplace: r.getDeletebeforereplace(),
                        ignoreChanges: r.getIgnorechangesList(),
                        aliases: [...r.getAliasurnsList(), ...r.getAliasesList().map(aliasText)],
                        dependsOn: r.getDependenciesList(),
                    },
                },
                callback,
            ),
        );
    monitor.readResource = (r, callback) =>
        read(
            r,
            track(
                {
                    urn: "",
                    type: r.getType(),
                    name: r.getName(),
                    parent: r.getParent() || null,
                    custom: true,
                    read: true,
                    inputs: decodeRpc(r.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>,
                    state: {},
                    options: { protect: false, retainOnDelete: false, deleteBeforeReplace: false, ignoreChanges: [], aliases: [], dependsOn: r.getDependenciesList() },
                },
                callback,
            ),
        );
    monitor.registerResourceOutputs = (r, callback) => {
        if (stackUrn && r.getUrn() === stackUrn) setOutputs(decodeRpc(r.getOutputs()?.toJavaScript() ?? {}) as Record<string, unknown>);
        return registerOutputs(r, callback);
    };
}

/** Replace every secret with "[secret]": the only form secrets take in plan output. */
export function redact(v: unknown): unknown {
    if (v instanceof Secret) return "[secret]";
    if (Array.isArray(v)) return v.map(redact);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, redact(x)]));
    return v;
}

/** Outputs a referenced stack exports, with the names of the secret ones. */
export interface PeerOutputs {
    values: Record<string, unknown>;
    secretNames: string[];
}

/** Plain values with secrets unwrapped, and the names of the secret ones: what a stack reference to this stack sees. */
export function asPeerOutputs(outputs: Record<string, unknown>): PeerOutputs {
    const unwrap = (v: unknown): unknown =>
        v instanceof Secret ? unwrap(v.value) : Array.isArray(v) ? v.map(unwrap) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unwrap(x)])) : v;
    const hasSecret = (v: unknown): boolean =>
        v instanceof Secret || (Array.isArray(v) ? v.some(hasSecret) : !!v && typeof v === "object" && Object.values(v).some(hasSecret));
    return {
        values: unwrap(outputs) as Record<string, unknown>,
        secretNames: Object.keys(outputs).filter((k) => hasSecret(outputs[k])),
    };
}
