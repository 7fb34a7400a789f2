// npm run simulate -- [--runs N] [--seed S]: the failover simulation of the
// test suite (simulation.spec.ts), with more sequences or a given seed.
import fc from "fast-check";
import { property } from "./simulation/commands";

const usage = "usage: npm run simulate -- [--runs N] [--seed S]   (N: 1-1000000 sequences, default 1000; S: a whole number, default random)";

function parse(argv: string[]): { runs: number; seed: number } {
    const o = { runs: 1000, seed: Date.now() % 2 ** 31 };
    for (let i = 0; i < argv.length; i += 2) {
        const [flag, value] = [argv[i], argv[i + 1]];
        const n = Number(value);
        if (flag === "--runs" && /^\d+$/.test(value ?? "") && n >= 1 && n <= 1_000_000) o.runs = n;
        else if (flag === "--seed" && /^-?\d+$/.test(value ?? "")) o.seed = n;
        else if (flag === "--runs" || flag === "--seed") throw new Error(`${flag}: ${JSON.stringify(value ?? "")} is not allowed; ${usage}`);
        else throw new Error(`unknown flag ${JSON.stringify(flag)}; ${usage}`);
    }
    return o;
}

async function main(argv: string[]): Promise<number> {
    let o: { runs: number; seed: number };
    try {
        o = parse(argv);
    } catch (e) {
        process.stderr.write(`${(e as Error).message}\n`);
        return 2;
    }
    const started = Date.now();
    try {
        await fc.assert(property(), { numRuns: o.runs, seed: o.seed });
    } catch (e) {
        process.stdout.write(`${e instanceof Error ? e.message : e}\n`);
        process.stdout.write(`FAILED: seed ${o.seed}, ${o.runs} sequences\n`);
        return 1;
    }
    process.stdout.write(`simulation: ${o.runs} sequences, seed ${o.seed}, every invariant held (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    return 0;
}

if (require.main === module) main(process.argv.slice(2)).then((code) => process.exit(code));
