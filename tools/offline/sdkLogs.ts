// What a program logs with pulumi.log during an offline render. With no
// engine to send them to, the SDK prints log messages to the console as
// "<severity>: [runtime] <message>" (@pulumi/pulumi log/index.js); this
// collects those lines and lets every other console line through. A test
// (test/unit/offline.spec.ts) fails, naming the format, if an SDK upgrade
// changes it.
import type { Diagnostic } from "./engine";

const prefixes: Array<[string, Diagnostic["severity"]]> = [
    ["info: [runtime] ", "info"],
    ["warning: [runtime] ", "warning"],
    ["error: [runtime] ", "error"],
];

/** Collect the SDK's log lines into `diagnostics` until the returned function is called. */
export function collectSdkLogs(diagnostics: Diagnostic[]): () => void {
    const methods = ["log", "warn", "error"] as const;
    const original = methods.map((m) => console[m]);
    methods.forEach((m, i) => {
        console[m] = (...args: unknown[]) => {
            const line = args.length === 1 && typeof args[0] === "string" ? args[0] : undefined;
            const known = line !== undefined ? prefixes.find(([p]) => line.startsWith(p)) : undefined;
            if (known && line !== undefined) diagnostics.push({ severity: known[1], message: line.slice(known[0].length) });
            else original[i].apply(console, args);
        };
    });
    return () => methods.forEach((m, i) => (console[m] = original[i]));
}
