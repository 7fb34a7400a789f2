// Parity between the two regions: what must match for the standby to carry
// the primary's load after a failover (Kubernetes version, node pool sizes,
// network shape, data-tier SKUs). Each stack exports its own; a standby
// compares with its peer's and refuses to deploy on a difference nobody
// allowed. Pure functions: the region plan and the offline plan use them.
import { createHash } from "crypto";
import { Parity } from "../contract";
import { StackSettings } from "../config/keys";
import { problem } from "../config/problem";
import { SubnetPlan } from "../components/network";
import { redisSku } from "../components/redis";
import { productionNodePools } from "./sizing";

export type ParityValue = Parity[string];

/** Digest of NSG rules by subnet: equal rules on both sides give equal digests. */
export function nsgRulesDigest(subnets: SubnetPlan[]): string {
    const rules = [...subnets].sort((a, b) => a.role.localeCompare(b.role)).map((s) => [s.role, s.rules]);
    return createHash("sha256").update(JSON.stringify(rules)).digest("hex").slice(0, 12);
}

/**
 * This region's parity. Pools are compared at production size (as if active),
 * so a standby's scaled-down pools do not count as drift.
 */
export function regionParity(
    s: Pick<StackSettings, "kubernetesVersion" | "edge" | "logscaleClusterType" | "logscaleClusterSize" | "postgres" | "postgresSku" | "postgresStorageGb" | "postgresVersion" | "redis" | "redisCapacity">,
    subnets: SubnetPlan[],
): Parity {
    const parity: Parity = { kubernetesVersion: s.kubernetesVersion, edge: s.edge };
    for (const pool of productionNodePools(s.logscaleClusterType, s.logscaleClusterSize)) {
        Object.assign(parity, {
            [`pools.${pool.role}.vmSize`]: pool.vmSize,
            [`pools.${pool.role}.count`]: pool.count,
            [`pools.${pool.role}.minCount`]: pool.minCount,
            [`pools.${pool.role}.maxCount`]: pool.maxCount,
        });
    }
    for (const subnet of subnets) parity[`subnets.${subnet.role}.prefixLength`] = Number(subnet.cidr.split("/")[1]);
    parity.nsgRulesDigest = nsgRulesDigest(subnets);
    if (s.postgres) Object.assign(parity, { "postgres.sku": s.postgresSku, "postgres.storageGb": s.postgresStorageGb, "postgres.version": s.postgresVersion });
    if (s.redis) {
        const sku = redisSku(s.redisCapacity);
        parity["redis.sku"] = `${sku.name} ${sku.family}${sku.capacity}`;
    }
    return parity;
}

export interface ParityRow {
    key: string;
    own?: ParityValue;
    peer?: ParityValue;
    status: "same" | "differs" | "allowed";
}

/** Whether `allowParityDrift` lists a key: exactly, or under a `prefix.*` entry. */
export function driftAllowed(key: string, allowed: string[]): boolean {
    return allowed.some((a) => (a.endsWith(".*") ? key.startsWith(a.slice(0, -1)) : key === a));
}

/** Keys Azure itself requires to match for replication: no allowance lifts them. */
export const replicationParityKeys = ["postgres.version", "redis.sku"];

/** Every key of either side, in a stable order, with whether it matches. */
export function compareParity(own: Parity, peer: Parity, allowed: string[]): ParityRow[] {
    const keys = [...new Set([...Object.keys(own), ...Object.keys(peer)])].sort();
    return keys.map((key) => {
        const same = own[key] === peer[key];
        const mayDiffer = driftAllowed(key, allowed) && !replicationParityKeys.includes(key);
        return { key, own: own[key], peer: peer[key], status: same ? "same" : mayDiffer ? "allowed" : "differs" };
    });
}

/** A plain-text table: key, this stack's value, the peer's, and whether they match. */
export function parityTable(rows: ParityRow[], ownName: string, peerName: string): string {
    const mark = { same: "", differs: "DIFFERS", allowed: "differs (allowed)" };
    const shown = (v?: ParityValue) => (v === undefined ? "—" : String(v));
    const table = [["key", ownName, peerName, ""], ...rows.map((r) => [r.key, shown(r.own), shown(r.peer), mark[r.status]])];
    const widths = [0, 1, 2].map((c) => Math.max(...table.map((row) => row[c].length)));
    return table.map((row) => row.map((cell, c) => (c < 3 ? cell.padEnd(widths[c]) : cell)).join("  ").trimEnd()).join("\n");
}

/**
 * The problem a standby reports when it differs from its peer: one line
 * naming allowParityDrift, then the differing rows as a table.
 */
export function parityProblem(rows: ParityRow[], allowed: string[], ownName: string, peerName: string): string | undefined {
    const differing = rows.filter((r) => r.status === "differs");
    if (!differing.length) return undefined;
    const line = problem(
        "allowParityDrift",
        allowed,
        `the keys that may differ (${differing.map((r) => r.key).join(", ")}), or the same values on both stacks${
            differing.some((r) => replicationParityKeys.includes(r.key)) ? ` (${replicationParityKeys.join(" and ")} must match for replication: no allowance lifts them)` : ""
        }`,
        ` with dr=standby: this region differs from ${peerName} in ${differing.length} key${differing.length === 1 ? "" : "s"}`,
    );
    return `${line}\n${parityTable(differing, ownName, peerName).replace(/^/gm, "    ")}`;
}
