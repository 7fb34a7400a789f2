// drctl status: where each region stands, and whether the standby is ready to
// take over (READY, exit 0) or not (NOT READY with every reason, exit 1).
import { heartbeatSeconds } from "../../functions/failover/src/drState";
import { healthProbePath, operatorDeploymentName } from "../../contract";
import { DrContext } from "./commands";

/** How long the function may stay silent on a quiet pair before status calls it not ready: two heartbeats. */
const silentAfterSeconds = 2 * heartbeatSeconds;

/**
 * Where each region stands, and whether the standby is ready to take over:
 * the reads run side by side (each bounded by its own timeout), and the last
 * line says READY or NOT READY with every reason.
 */
export async function status(ctx: DrContext): Promise<{ lines: string[]; ready: boolean }> {
    const reasons: string[] = [];
    const attempt = async <T>(f: () => Promise<T>): Promise<T | Error> => {
        try {
            return await f();
        } catch (e) {
            return e instanceof Error ? e : new Error(String(e));
        }
    };
    const unknown = (e: Error) => `unknown (${e.message.split("\n")[0]})`;
    const [regions, endpoint, record, alert, serverTime] = await Promise.all([
        Promise.all(
            [ctx.primary, ctx.secondary].map(async (r) => ({
                r,
                health: await attempt(() => ctx.probe(`${r.url}${healthProbePath}`)),
                replicas: await attempt(() => r.cluster.replicas(operatorDeploymentName)),
                snapshot: await attempt(() => r.snapshots.newest()),
            })),
        ),
        attempt(() => ctx.azure.endpoint(ctx.primaryEndpointId)),
        attempt(() => ctx.witness.store.peek()),
        attempt(() => ctx.azure.alertState(ctx.alert.resourceGroup, ctx.alert.name)),
        attempt(() => ctx.secondary.snapshots.serviceTime()),
    ]);
    const lines: string[] = [];
    const now = serverTime instanceof Error ? new Date() : serverTime;
    for (const { r, health, replicas, snapshot } of regions) {
        lines.push(`${r.name} (${r.outputs.location}, ${r.outputs.aksClusterName})`);
        lines.push(`  health        ${health instanceof Error ? unknown(health) : `${health.up ? "up" : "DOWN"} (${health.detail})`}`);
        lines.push(`  humio-operator ${replicas instanceof Error ? unknown(replicas) : `${replicas} replica(s)`}`);
        lines.push(`  snapshot      ${snapshot instanceof Error ? unknown(snapshot) : snapshot ? `${snapshot.name} at ${snapshot.lastModified.toISOString()} (${Math.round((now.getTime() - snapshot.lastModified.getTime()) / 60_000)} min old)` : "none"}`);
    }
    const [primary, secondary] = regions;
    if (!(primary.health instanceof Error) && !primary.health.up) reasons.push("the primary does not answer its health URL");
    if (primary.snapshot instanceof Error || !primary.snapshot) reasons.push("the primary's bucket holds no global snapshot the standby could recover from");
    if (secondary.replicas instanceof Error || secondary.replicas !== 0) reasons.push("the secondary's humio-operator is not at 0: it is not a waiting standby");
    lines.push(`primary endpoint ${endpoint instanceof Error ? unknown(endpoint) : `${endpoint.status}, ${endpoint.monitorStatus}`}`);
    if (endpoint instanceof Error || endpoint.status !== "Enabled" || endpoint.monitorStatus !== "Online") reasons.push("the primary endpoint is not Enabled and Online");
    if (record instanceof Error) {
        lines.push(`dr state         ${unknown(record)}`);
        reasons.push("the DR state record cannot be read");
    } else if (!record) {
        lines.push("dr state         no record yet (the function has not evaluated)");
        reasons.push("the failover function has not evaluated yet");
    } else {
        const heard = record.evaluatedAt === undefined ? undefined : Math.round(now.getTime() / 1000 - record.evaluatedAt);
        lines.push(
            `dr state         ${record.phase} since ${new Date(record.since * 1000).toISOString()}, token ${record.token} (${record.holder.kind} ${record.holder.id})` +
                `${heard === undefined ? "" : `, last evaluation ${heard} s ago`}${record.pending.length ? `, PENDING: ${record.pending.map((p) => p.action).join(", ")}` : ""}` +
                `${record.decisions.length ? `; last: ${record.decisions[record.decisions.length - 1].line}` : ""}`,
        );
        if (record.phase !== "armed" && record.phase !== "confirming") reasons.push(`the DR state record is ${record.phase}: automatic failover is not armed`);
        if (record.pending.length) reasons.push("a failover has actions pending");
        if (heard === undefined || heard > silentAfterSeconds) reasons.push(`the failover function has not evaluated for ${heard === undefined ? "ever" : `${heard} s`}`);
    }
    lines.push(`failover alert   ${alert instanceof Error ? unknown(alert) : alert === "enabled" ? "enabled" : alert === "disabled" ? "DISABLED" : "absent (the pair was promoted)"}`);
    if (alert instanceof Error || alert !== "enabled") reasons.push("the failover alert is not enabled");
    lines.push(reasons.length ? `NOT READY: ${reasons.join("; ")}` : "READY: the standby would take over automatically");
    return { lines, ready: reasons.length === 0 };
}
