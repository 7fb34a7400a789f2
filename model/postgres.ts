// The PostgreSQL server a region runs. A region either created its server
// (the first primary) or made it as a read replica of the peer's;
// `postgresReplicaOf` records which, so promotion only adds the promote
// request and never touches what the server was created from. Re-protection
// — making a region that ran the writable server a replica again — changes
// the server's lineage, hence its name, hence replaces it; `postgresReprotect`
// lifts the protection for that one update.
import { createHash } from "crypto";
import { StackSettings } from "../config/keys";
import { PostgresServerPlan } from "../components/postgres";

/**
 * A replica's name carries a digest of its source, so a new lineage is a new
 * server (a replacement the plan shows), while promotion keeps name and
 * source. `promoted`: the region is not a standby, so a replica stands alone.
 */
export function postgresServerPlan(s: Pick<StackSettings, "namePrefix" | "postgresReplicaOf" | "postgresPromoteOption" | "postgresReprotect">, promoted: boolean): PostgresServerPlan {
    if (s.postgresReplicaOf === "") return { serverName: `${s.namePrefix}-pg`, createMode: "Create", protect: true };
    const lineage = createHash("sha256").update(s.postgresReplicaOf.toLowerCase()).digest("hex").slice(0, 6);
    return {
        serverName: `${s.namePrefix}-pg-${lineage}`,
        createMode: "Replica",
        sourceServerResourceId: s.postgresReplicaOf,
        promote: promoted ? { promoteMode: "Standalone", promoteOption: s.postgresPromoteOption === "forced" ? "Forced" : "Planned" } : undefined,
        protect: !s.postgresReprotect,
    };
}
