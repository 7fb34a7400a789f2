// LogScale's DR environment variables, exactly as DESIGN.md's DR-mode table
// lists them. Pure: the HumioCluster spec and the primary's
// reverseRecoveryEnvVars output are both built from here.
import * as pulumi from "@pulumi/pulumi";
import { DrMode } from "../stacks/configSchema";

export interface EnvVar {
    name: string;
    value?: pulumi.Input<string>;
    valueFrom?: { secretKeyRef: { name: string; key: string } };
}

/** The bucket a cold-starting LogScale recovers its global snapshot from: the peer's. */
export interface RecoverySource {
    location: string;
    accountName: pulumi.Input<string>;
    containerName: pulumi.Input<string>;
    blobEndpoint: pulumi.Input<string>;
    objectKeyPrefix: pulumi.Input<string>;
}

/** Kubernetes secret holding the recovery source's keys, and the keys in it. */
export const recoverySourceSecret = {
    name: "logscale-recovery-source",
    accountKey: "storage-access-key",
    encryptionKey: "storage-encryption-key",
} as const;

export const recoveryVariableNames = [
    "AZURE_RECOVER_FROM_BUCKET",
    "AZURE_RECOVER_FROM_ACCOUNTNAME",
    "AZURE_RECOVER_FROM_ACCOUNTKEY",
    "AZURE_RECOVER_FROM_ENDPOINT_BASE",
    "AZURE_RECOVER_FROM_OBJECT_KEY_PREFIX",
    "AZURE_RECOVER_FROM_ENCRYPTION_KEY",
    "AZURE_RECOVER_FROM_REPLACE_REGION",
] as const;

/**
 * The seven AZURE_RECOVER_FROM_* variables: recover from `source`, patching
 * its region to `ownRegion`. Keys come from the recovery-source secret, never
 * as literals. AZURE_RECOVER_FROM_REPLACE_BUCKET is deliberately absent: on
 * Azure every account has its own endpoint, and replacing the bucket name
 * while keeping this account's endpoint fails with 403s.
 */
export function recoveryEnvVars(source: RecoverySource, ownRegion: string): EnvVar[] {
    const fromSecret = (key: string): EnvVar["valueFrom"] => ({ secretKeyRef: { name: recoverySourceSecret.name, key } });
    return [
        { name: "AZURE_RECOVER_FROM_BUCKET", value: source.containerName },
        { name: "AZURE_RECOVER_FROM_ACCOUNTNAME", value: source.accountName },
        { name: "AZURE_RECOVER_FROM_ACCOUNTKEY", valueFrom: fromSecret(recoverySourceSecret.accountKey) },
        { name: "AZURE_RECOVER_FROM_ENDPOINT_BASE", value: source.blobEndpoint },
        { name: "AZURE_RECOVER_FROM_OBJECT_KEY_PREFIX", value: source.objectKeyPrefix },
        { name: "AZURE_RECOVER_FROM_ENCRYPTION_KEY", valueFrom: fromSecret(recoverySourceSecret.encryptionKey) },
        { name: "AZURE_RECOVER_FROM_REPLACE_REGION", value: `${source.location}/${ownRegion}` },
    ];
}

export interface DrEnvOptions {
    dr: DrMode;
    /** Keep the recovery variables on an active cluster (they are inert while LogScale runs). */
    preserveRecoveryEnv: boolean;
    /** The peer's bucket, when the peer stack exports it. Required on standby. */
    recoverySource?: RecoverySource;
    ownRegion: string;
}

/** Every DR variable for the mode; the same on every node pool (LogScale requires ENABLE_ALERTS to match). */
export function drEnvVars(o: DrEnvOptions): EnvVar[] {
    if (o.dr === "") return [];
    const recovery = o.recoverySource ? recoveryEnvVars(o.recoverySource, o.ownRegion) : [];
    if (o.dr === "standby" && !o.recoverySource) throw new Error("a standby needs its peer's bucket to recover from");
    const keepRecovery = o.dr === "standby" || o.preserveRecoveryEnv;
    return [
        ...(keepRecovery ? recovery : []),
        // Each Azure account has its own endpoint; without this LogScale points the peer's bucket at ours.
        { name: "BUCKET_STORAGE_MULTIPLE_ENDPOINTS", value: "true" },
        { name: "ENABLE_ALERTS", value: o.dr === "active" ? "true" : "false" },
    ];
}
