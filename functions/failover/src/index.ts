// Entry point for the Functions host: an HTTP trigger for Azure Monitor's
// alert and a timer every evaluationPeriodSeconds, both running one
// evaluation of the pair (failover.ts).
import * as os from "os";
import { app, HttpRequest, HttpResponseInit, InvocationContext, Timer } from "@azure/functions";
import { BlobServiceClient, BlockBlobClient } from "@azure/storage-blob";
import * as k8s from "@kubernetes/client-node";
import { answerAlert, unavailable } from "./answer";
import { agentPoolPort, ArmClient, noRetries, trafficManagerPort } from "./arm";
import { BlobStateStore } from "./drState";
import { Failover, Logger, outlastByWaiting } from "./failover";
import { probeHealth } from "./health";
import { asTokenCredential, audiences, managedIdentityTokens, TokenSource } from "./identity";
import { kubeconfigWithToken, OperatorDeployment } from "./kube";
import { evaluationPeriodSeconds, failoverCallTimeoutSeconds, failoverFunctions, storageCallTimeoutSeconds, witnessBlob, witnessContainer } from "../../../contract";
import { readSettings, Settings } from "./settings";

const callTimeoutMs = failoverCallTimeoutSeconds * 1000;

/** The witness blob. In Azure its container exists (Pulumi made it); with a connection string (Azurite, local runs) it is created. */
async function witnessClient(settings: Settings, tokens: TokenSource): Promise<BlockBlobClient> {
    if ("blobUrl" in settings.witness) return new BlockBlobClient(settings.witness.blobUrl, asTokenCredential(tokens, audiences.storage, storageCallTimeoutSeconds * 1000));
    const container = BlobServiceClient.fromConnectionString(settings.witness.connectionString).getContainerClient(witnessContainer);
    await container.createIfNotExists({ abortSignal: AbortSignal.timeout(callTimeoutMs) });
    return container.getBlockBlobClient(witnessBlob);
}

async function kubeconfig(settings: Settings, arm: ArmClient, tokens: TokenSource): Promise<k8s.KubeConfig> {
    const kc = new k8s.KubeConfig();
    if (settings.kubeconfigPath) {
        kc.loadFromFile(settings.kubeconfigPath);
        return kc;
    }
    return kubeconfigWithToken(await arm.clusterUserKubeconfig(settings.aksClusterId!), await tokens.token(audiences.aks));
}

/** Everything the failover needs, from the function's environment. */
export async function failoverFromEnv(env: Record<string, string | undefined>): Promise<{ failover: Failover; settings: Settings }> {
    const settings = readSettings(env);
    const tokens = managedIdentityTokens(settings.identity, callTimeoutMs);
    const arm = new ArmClient(settings.armEndpoint, tokens, noRetries, callTimeoutMs);
    const started = performance.now();
    const failover = new Failover({
        settings,
        store: new BlobStateStore(await witnessClient(settings, tokens), { timeoutMs: callTimeoutMs }),
        operator: new OperatorDeployment(await kubeconfig(settings, arm, tokens), settings.operatorNamespace, settings.operatorDeployment),
        trafficManager: trafficManagerPort(arm, settings.tmPrimaryEndpointId),
        pools: agentPoolPort(arm),
        probe: (timeoutMs) => probeHealth(settings.primaryHealthUrl, timeoutMs),
        elapsedMs: () => performance.now() - started,
        outlastInvocations: outlastByWaiting,
        instance: `${os.hostname()}/${process.pid}`,
    });
    return { failover, settings };
}

// One Failover per worker and configuration, rebuilt before its Kubernetes token (an hour) runs out.
const reuseMs = 10 * 60_000;
let cached: { key: string; built: number; failover: Promise<{ failover: Failover; settings: Settings }> } | undefined;

function failover(): Promise<{ failover: Failover; settings: Settings }> {
    const key = JSON.stringify(process.env);
    if (!cached || cached.key !== key || Date.now() - cached.built > reuseMs) {
        const built = failoverFromEnv(process.env);
        built.catch(() => (cached = undefined));
        cached = { key, built: Date.now(), failover: built };
    }
    return cached.failover;
}

function logger(context: InvocationContext): Logger {
    return { info: (m) => context.log(m), warn: (m) => context.warn(m), error: (m) => context.error(m) };
}

export async function alertHandler(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
    let built: { failover: Failover; settings: Settings };
    try {
        built = await failover();
    } catch (e) {
        context.error(`the failover function could not start: ${e instanceof Error ? e.message : String(e)}`);
        return unavailable;
    }
    return answerAlert(built.failover, built.settings, await request.text(), logger(context));
}

export async function evaluationTimer(_timer: Timer, context: InvocationContext): Promise<void> {
    try {
        await (await failover()).failover.evaluate({ kind: "timer" }, logger(context));
    } catch (e) {
        context.error(`evaluation failed: ${e instanceof Error ? e.message : String(e)}`);
        throw e;
    }
}

app.http(failoverFunctions.alert, { methods: ["POST"], authLevel: "function", handler: alertHandler });
// NCRONTAB with seconds: every evaluationPeriodSeconds.
app.timer(failoverFunctions.timer, { schedule: `*/${evaluationPeriodSeconds} * * * * *`, handler: evaluationTimer });

// Under the Functions host, a bad configuration stops the app from loading, naming each setting.
if (process.env.FUNCTIONS_WORKER_RUNTIME) readSettings(process.env);
