// The variables a cold-starting LogScale recovers the peer's global snapshot
// with. Pure: the standby's HumioCluster and the active region's
// reverseRecoveryEnvVars output (failback) are both built from here.
import { EnvVar, fromSecret, logscaleSecrets, recoveryVariables, StackOutputs } from "../contract";

/** The bucket a cold-starting LogScale recovers its global snapshot from: the peer's. */
export interface RecoverySource {
    location: string;
    accountName: string;
    containerName: string;
    blobEndpoint: string;
    objectKeyPrefix: string;
}

/** A region's bucket, as its stack exports it, for the peer to recover from. */
export function recoverySource(o: Pick<StackOutputs, "location" | "storageAccountName" | "storageContainerName" | "storageBlobEndpoint" | "storageObjectKeyPrefix">): RecoverySource {
    return { location: o.location, accountName: o.storageAccountName, containerName: o.storageContainerName, blobEndpoint: o.storageBlobEndpoint, objectKeyPrefix: o.storageObjectKeyPrefix };
}

/**
 * The seven AZURE_RECOVER_FROM_* variables: recover from `source`, patching
 * its region to `ownRegion`. Keys come from the recovery-source secret, never
 * as literals. AZURE_RECOVER_FROM_REPLACE_BUCKET is deliberately absent: on
 * Azure every account has its own endpoint, and replacing the bucket name
 * while keeping this account's endpoint fails with 403s.
 */
export function recoveryEnvVars(source: RecoverySource, ownRegion: string): EnvVar[] {
    const values: Record<keyof typeof recoveryVariables, Omit<EnvVar, "name">> = {
        bucket: { value: source.containerName },
        accountName: { value: source.accountName },
        accountKey: { valueFrom: fromSecret(logscaleSecrets.recoveryStorageKey) },
        endpointBase: { value: source.blobEndpoint },
        objectKeyPrefix: { value: source.objectKeyPrefix },
        encryptionKey: { valueFrom: fromSecret(logscaleSecrets.recoveryEncryptionKey) },
        replaceRegion: { value: `${source.location}/${ownRegion}` },
    };
    return (Object.keys(recoveryVariables) as Array<keyof typeof recoveryVariables>).map((k) => ({ name: recoveryVariables[k], ...values[k] }));
}
