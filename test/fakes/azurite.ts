// Azurite, a real Azure Storage emulator (leases, ETags, conditional writes),
// as a child process on 127.0.0.1 with in-memory storage and a random port.
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import { projectRoot } from "../../tools/stackFiles";

export interface Azurite {
    connectionString: string;
    /** The blob service's base URL, its one account and that account's key (for clients that do not take a connection string). */
    url: string;
    account: string;
    key: string;
    stop(): Promise<void>;
}

const devAccount = "devstoreaccount1";
const devKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

export async function startAzurite(): Promise<Azurite> {
    const main = path.join(projectRoot, "node_modules/azurite/dist/src/blob/main.js");
    const child: ChildProcess = spawn(process.execPath, [main, "--blobHost", "127.0.0.1", "--blobPort", "0", "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry"], {
        stdio: ["ignore", "pipe", "pipe"],
    });
    const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        const timer = setTimeout(() => reject(new Error(`Azurite did not start within 15 s: ${out}`)), 15_000);
        child.stdout!.on("data", (d) => {
            out += d;
            const m = /successfully listens on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
            if (m) {
                clearTimeout(timer);
                resolve(m[1]);
            }
        });
        child.on("exit", (code) => reject(new Error(`Azurite exited (${code}): ${out}`)));
    });
    return {
        url,
        account: devAccount,
        key: devKey,
        connectionString: `DefaultEndpointsProtocol=http;AccountName=${devAccount};AccountKey=${devKey};BlobEndpoint=${url}/${devAccount};`,
        stop: () =>
            new Promise((resolve) => {
                child.once("exit", () => resolve());
                child.kill();
            }),
    };
}

