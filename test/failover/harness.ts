// One set of loopback services for a failover spec, and helpers over them.
import { BlobServiceClient, BlockBlobClient } from "@azure/storage-blob";
import { witnessBlob, witnessContainer } from "../../contract";
import { DrState, initialState, parseState } from "../../functions/failover/src/drState";
import { sharedAzurite } from "../background";
import { Azurite } from "../fakes/azurite";
import { FakeCluster } from "../fakes/kubernetes";
import { FakeArm, FakeHealth } from "./fakes";

export const alertRule = "lsdr-sec-primary-endpoint-down";

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

/** Fresh state for each test: operator at 0, no DR state record, a down primary that Traffic Manager sees Degraded. */
export async function resetHarness(h: Harness): Promise<void> {
    h.kube.reset(0);
    h.arm.reset();
    h.health.answer = 503;
    await BlobServiceClient.fromConnectionString(h.azurite.connectionString).getContainerClient(witnessContainer).createIfNotExists();
    const blob = witnessBlobClient(h);
    await blob.getBlobLeaseClient().breakLease(0).catch(() => undefined);
    await blob.deleteIfExists();
}

/**
 * A record that has seen the primary fail `failed` probes in a row, the
 * first `spanSeconds` ago and the last just now: the next failed probe, with
 * Traffic Manager agreeing, confirms the outage (real time is Azurite's).
 */
export async function seedConfirming(h: Harness, failed: number, spanSeconds: number): Promise<void> {
    const now = Math.floor(Date.now() / 1000);
    const state: DrState = { ...initialState(now - spanSeconds), phase: "confirming", probes: { failed, firstFailedAt: now - spanSeconds, lastAt: now - 1 } };
    const text = JSON.stringify(state);
    await witnessBlobClient(h).upload(text, Buffer.byteLength(text));
}

export async function witnessRecord(h: Harness): Promise<DrState | undefined> {
    const blob = witnessBlobClient(h);
    if (!(await blob.exists())) return undefined;
    return parseState((await blob.downloadToBuffer()).toString("utf8"));
}
