// The PostgreSQL server a region runs. A region either created its server
// (the first primary) or made it as a read replica of the peer's;
// `postgresReplicaOf` records which, so promotion never touches what the
// server was created from. Re-protection — making a region that ran the
// writable server a replica again — changes the server's lineage, hence its
// name, hence replaces it; `postgresReprotect` lifts the protection for that
// one update.
//
// The promotion is an update of an existing replica: `replica` and its
// promote fields are update-only (x-ms-mutability, Servers.json at
// 2025-08-01; ../shared/schemas/azure/postgresql-2025-08-01.excerpt.json), a
// create that carries them is refused, and a standalone server refuses
// another. The plan cannot see whether the replica exists yet or was promoted
// already, and offline renders have no history to ask, so the person who
// promotes says so for that one update: `postgresPromote` (Microsoft Learn,
// "Promote read replicas in Azure Database for PostgreSQL - Flexible Server":
// promotion is never automatic; it is a person's act).
//
// The Microsoft Entra administrator is set only where the server is created.
// Azure refuses to add or delete one on a read replica, and shows the
// source's on every replica (Azure/azure-cli, postgresql/tests/latest/
// test_postgres_flexible_commands_identity_microsoft_entra_admin.py: create on
// a replica expect_failure, then `show` on the replicas finds the primary's):
// the administrators are database roles (Microsoft Learn, "Manage Microsoft
// Entra roles": security labels on roles), which physical replication copies
// ("Read replicas": all user accounts on the primary are replicated), so a
// promoted replica keeps the ones it had and a re-protected region's new
// replica takes its source's.
import { createHash } from "crypto";
import { StackSettings } from "../config/keys";
import { problem } from "../config/problem";
import { PostgresServerPlan } from "../components/postgres";

type PostgresSettings = Pick<StackSettings, "namePrefix" | "postgresAdminGroupObjectId" | "postgresReplicaOf" | "postgresPromote" | "postgresPromoteOption" | "postgresReprotect">;

/**
 * A replica's name carries a digest of its source, so a new lineage is a new
 * server (a replacement the plan shows), while promotion keeps name and
 * source. The promote request goes only with `postgresPromote`, which
 * postgresProblems allows only where an existing replica can take it.
 */
export function postgresServerPlan(s: PostgresSettings): PostgresServerPlan {
    if (s.postgresReplicaOf === "") return { serverName: `${s.namePrefix}-pg`, createMode: "Create", entraAdminGroupObjectId: s.postgresAdminGroupObjectId, protect: true };
    const lineage = createHash("sha256").update(s.postgresReplicaOf.toLowerCase()).digest("hex").slice(0, 6);
    return {
        serverName: `${s.namePrefix}-pg-${lineage}`,
        createMode: "Replica",
        sourceServerResourceId: s.postgresReplicaOf,
        promote: s.postgresPromote ? { promoteMode: "Standalone", promoteOption: s.postgresPromoteOption === "forced" ? "Forced" : "Planned" } : undefined,
        protect: !s.postgresReprotect,
    };
}

/**
 * Where postgresPromote has no existing replica to promote in this update (a
 * standby's, a server created here, a replica this update creates), and a
 * server created here without an Entra group to administer it.
 */
export function postgresProblems(s: Pick<StackSettings, "postgres" | "postgresAdminGroupObjectId" | "postgresPromote" | "postgresReplicaOf" | "postgresReprotect">, standby: boolean): string[] {
    if (!s.postgres) return [];
    const unadministered = s.postgresReplicaOf === "" && s.postgresAdminGroupObjectId === "";
    const adminProblem = problem("postgresAdminGroupObjectId", "", "the object id (a GUID) of the Entra ID group that administers the server", ' where this region creates its PostgreSQL server (postgresReplicaOf "")');
    return [...promoteProblems(s, standby), ...(unadministered ? [adminProblem] : [])];
}

function promoteProblems(s: Pick<StackSettings, "postgresPromote" | "postgresReplicaOf" | "postgresReprotect">, standby: boolean): string[] {
    if (!s.postgresPromote) return [];
    if (standby) return [problem("postgresPromote", true, "false: a standby's server stays a replica of the peer's; promote it with dr=active", " with dr=standby")];
    if (s.postgresReplicaOf === "") return [problem("postgresPromote", true, "false: this region created its server, so there is no replica to promote", " without postgresReplicaOf")];
    if (s.postgresReprotect) return [problem("postgresPromote", true, "false: that update creates a new replica, which takes a promote request only once it exists", " with postgresReprotect=true")];
    return [];
}
