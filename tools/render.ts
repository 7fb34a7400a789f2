// Renders the program under the Pulumi SDK's mock runtime and records every
// registration (type, name, parent, inputs, options) the way the engine
// would receive it. Each render runs in its own runtime store, so several
// stacks can be rendered one after another in one process.
import * as pulumi from "@pulumi/pulumi";
import { mockCall, mockResourceState, StackOutputs } from "./mockCloud";

// Internal SDK entry points: a fresh runtime store per render, and the wait
// for outstanding registrations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const runtimeState = require("@pulumi/pulumi/runtime/state") as {
    withLocalStorage<T>(cb: () => Promise<T>): Promise<T>;
    getStore(): { settings: { engine?: unknown } };
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const runtimeSettings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void>; getMonitor(): any };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const runtimeStack = require("@pulumi/pulumi/runtime/stack") as {
    Stack: new (init: () => Promise<Record<string, unknown>>) => {
        outputs: { promise(): Promise<unknown>; isKnown: Promise<boolean>; isSecret: Promise<boolean> };
    };
};

/** A value the program marked secret. Printed only as "[secret]". */
export class Secret {
    constructor(readonly value: unknown) {}
}

export interface RecordedOptions {
    protect: boolean;
    retainOnDelete: boolean;
    deleteBeforeReplace: boolean;
    ignoreChanges: string[];
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
    project: string;
    stack: string;
    /** Fully qualified config keys (project:key) to the strings Pulumi would hand the program. */
    config: Record<string, string>;
    secretKeys: string[];
    /** Outputs of stacks the program references, by the name it references them with. */
    peers: Record<string, StackOutputs>;
}

/** Turn a registration's protobuf value into plain data, keeping secrets marked. */
export function decodeRpc(v: unknown): unknown {
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

function aliasText(a: any): string {
    if (a.getUrn && a.getUrn()) return a.getUrn();
    const spec = a.getSpec ? a.getSpec() : undefined;
    if (!spec) return String(a);
    return JSON.stringify({ name: spec.getName() || undefined, type: spec.getType() || undefined, parentUrn: spec.getParenturn() || undefined, noParent: spec.getNoparent() || undefined });
}

// Renders touch process-wide state (the SDK's monitor, Error.stackTraceLimit): one at a time.
let previous: Promise<unknown> = Promise.resolve();

/** Render one stack of the program with the given config and peer outputs. */
export function renderStack(req: RenderRequest, program: () => Promise<Record<string, unknown> | void>): Promise<Rendering> {
    const next = previous.then(() => renderAlone(req, program));
    previous = next.catch(() => undefined);
    return next;
}

async function renderAlone(req: RenderRequest, program: () => Promise<Record<string, unknown> | void>): Promise<Rendering> {
    return runtimeState.withLocalStorage(async () => {
        await pulumi.runtime.setMocks(
            {
                newResource: (args) => mockResourceState(args, req.peers),
                call: (args) => mockCall(args),
            },
            req.project,
            req.stack,
            false,
        );
        pulumi.runtime.setAllConfig(req.config, req.secretKeys);

        const diagnostics: Diagnostic[] = [];
        const severities = ["debug", "info", "warning", "error"] as const;
        // The engine side of the runtime: collects log messages instead of printing them.
        runtimeState.getStore().settings.engine = {
            log: (r: any, callback: () => void) => {
                const severity = severities[r.getSeverity()] ?? "info";
                if (severity !== "debug") diagnostics.push({ severity, message: r.getMessage() });
                callback();
            },
            setRootResource: (_r: unknown, callback: (err: null, resp: object) => void) => callback(null, {}),
        };

        const resources: RecordedResource[] = [];
        let outputs: Record<string, unknown> = {};
        let stackUrn = "";
        const monitor = runtimeSettings.getMonitor();
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
        monitor.registerResource = (r: any, callback: any) =>
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
        monitor.readResource = (r: any, callback: any) =>
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
        monitor.registerResourceOutputs = (r: any, callback: any) => {
            if (stackUrn && r.getUrn() === stackUrn) outputs = decodeRpc(r.getOutputs()?.toJavaScript() ?? {}) as Record<string, unknown>;
            return registerOutputs(r, callback);
        };

        // The SDK captures a stack trace per resource for source positions; with
        // source maps that dominates a render. The plan needs none.
        const stackTraceLimit = Error.stackTraceLimit;
        if (!process.env.DEBUG) Error.stackTraceLimit = 0;
        try {
            // runInPulumiStack, keeping hold of the stack's outputs: when the
            // program throws, every promise derived from them rejects, and
            // each needs a handler or Node reports it as unhandled.
            const { outputs } = new runtimeStack.Stack(async () => (await program()) ?? {});
            outputs.isKnown.catch(() => undefined);
            outputs.isSecret.catch(() => undefined);
            await outputs.promise();
        } finally {
            await runtimeSettings.waitForRPCs();
            Error.stackTraceLimit = stackTraceLimit;
        }
        return { project: req.project, stack: req.stack, resources, diagnostics, outputs };
    });
}

/** Replace every secret with "[secret]": the only form secrets take in plan output. */
export function redact(v: unknown): unknown {
    if (v instanceof Secret) return "[secret]";
    if (Array.isArray(v)) return v.map(redact);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, redact(x)]));
    return v;
}

/** Plain values with secrets unwrapped, and the names of the secret ones: what a peer's stack reference sees. */
export function asPeerOutputs(outputs: Record<string, unknown>): StackOutputs {
    const unwrap = (v: unknown): unknown =>
        v instanceof Secret ? unwrap(v.value) : Array.isArray(v) ? v.map(unwrap) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unwrap(x)])) : v;
    const hasSecret = (v: unknown): boolean =>
        v instanceof Secret || (Array.isArray(v) ? v.some(hasSecret) : !!v && typeof v === "object" && Object.values(v).some(hasSecret));
    return {
        values: unwrap(outputs) as Record<string, unknown>,
        secretNames: Object.keys(outputs).filter((k) => hasSecret(outputs[k])),
    };
}
