// One set of loopback services for a failover spec, and helpers over them.
import { BlobServiceClient, BlockBlobClient } from "@azure/storage-blob";
import { Alert } from "../../functions/failover/src/alert";
import { witnessBlob, witnessContainer } from "../../contract";
import { FenceRecord } from "../../functions/failover/src/witness";
import { sharedAzurite } from "../background";
import { Azurite } from "../fakes/azurite";
import { FakeCluster } from "../fakes/kubernetes";
import { FakeArm, FakeHealth } from "./fakes";

export const alertRule = "lsdr-sec-primary-down";

export function alertOf(condition: "Fired" | "Resolved", firedAt?: number, rule = alertRule): Alert {
    return { rule, condition, firedAt };
}

export interface Harness {
    azurite: Azurite;
    kube: FakeCluster;
    arm: FakeArm;
    health: FakeHealth;
    kubeconfigFile: string;
}

export async function startHarness(): Promise<Harness> {
    const [azurite, kube, arm, health] = await Promise.all([sharedAzurite(), new FakeCluster().start(), new FakeArm().start(), new FakeHealth().start()]);
    return { azurite, kube, arm, health, kubeconfigFile: kube.kubeconfigFile() };
}

export async function stopHarness(h: Harness): Promise<void> {
    await Promise.all([h.kube.stop(), h.arm.stop(), h.health.stop()]);
}

export function witnessBlobClient(h: Harness): BlockBlobClient {
    return BlobServiceClient.fromConnectionString(h.azurite.connectionString).getContainerClient(witnessContainer).getBlockBlobClient(witnessBlob);
}

/** Fresh state for each test: operator at 0, no marks, no witness blob, a down primary. */
export async function resetHarness(h: Harness, annotationsNow: Record<string, string> = {}): Promise<void> {
    h.kube.reset(0, annotationsNow);
    h.arm.reset();
    h.health.answer = 503;
    await BlobServiceClient.fromConnectionString(h.azurite.connectionString).getContainerClient(witnessContainer).createIfNotExists();
    const blob = witnessBlobClient(h);
    await blob.getBlobLeaseClient().breakLease(0).catch(() => undefined);
    await blob.deleteIfExists();
}

export async function witnessRecord(h: Harness): Promise<FenceRecord | undefined> {
    const blob = witnessBlobClient(h);
    if (!(await blob.exists())) return undefined;
    return JSON.parse((await blob.downloadToBuffer()).toString("utf8"));
}

