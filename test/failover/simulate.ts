// npm run simulate -- [--runs N] [--seed S] [--witness memory|azurite]: the
// failover simulation of the test suite (simulation.spec.ts), with more
// sequences, a given seed, or the DR state record on Azurite (real leases and
// ETags; slower, and without storage faults).
import { BlobServiceClient } from "@azure/storage-blob";
import fc from "fast-check";
import { witnessContainer } from "../../contract";
import { startAzurite } from "../fakes/azurite";
import { azuriteWitness, property, Witness } from "./simulation/commands";

const usage = "usage: npm run simulate -- [--runs N] [--seed S] [--witness memory|azurite]   (N: 1-1000000 sequences, default 1000; S: a whole number, default random)";

interface Options {
    runs: number;
    seed: number;
    witness: "memory" | "azurite";
}

function parse(argv: string[]): Options {
    const o: Options = { runs: 1000, seed: Date.now() % 2 ** 31, witness: "memory" };
    for (let i = 0; i < argv.length; i += 2) {
        const [flag, value] = [argv[i], argv[i + 1]];
        const n = Number(value);
        if (flag === "--runs" && /^\d+$/.test(value ?? "") && n >= 1 && n <= 1_000_000) o.runs = n;
        else if (flag === "--seed" && /^-?\d+$/.test(value ?? "")) o.seed = n;
        else if (flag === "--witness" && (value === "memory" || value === "azurite")) o.witness = value;
        else if (flag === "--runs" || flag === "--seed" || flag === "--witness") throw new Error(`${flag}: ${JSON.stringify(value ?? "")} is not allowed; ${usage}`);
        else throw new Error(`unknown flag ${JSON.stringify(flag)}; ${usage}`);
    }
    return o;
}

async function main(argv: string[]): Promise<number> {
    let o: Options;
    try {
        o = parse(argv);
    } catch (e) {
        process.stderr.write(`${(e as Error).message}\n`);
        return 2;
    }
    const started = Date.now();
    const azurite = o.witness === "azurite" ? await startAzurite() : undefined;
    try {
        let witness: Witness;
        if (azurite) {
            const container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(witnessContainer);
            await container.createIfNotExists();
            witness = azuriteWitness(container);
        }
        await fc.assert(property(witness), { numRuns: o.runs, seed: o.seed });
    } catch (e) {
        process.stdout.write(`${e instanceof Error ? e.message : e}\n`);
        const cause = e instanceof Error ? e.cause : undefined;
        if (cause) process.stdout.write(`the invariant that failed: ${cause instanceof Error ? cause.message : cause}\n`);
        process.stdout.write(`FAILED: seed ${o.seed}, ${o.runs} sequences, witness ${o.witness}\n`);
        return 1;
    } finally {
        await azurite?.stop();
    }
    process.stdout.write(`simulation: ${o.runs} sequences, seed ${o.seed}, witness ${o.witness}, every invariant held (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    return 0;
}

if (require.main === module) main(process.argv.slice(2)).then((code) => process.exit(code));
