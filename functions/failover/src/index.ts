// Entry point for the Functions host: an HTTP trigger for Azure Monitor's
// alert, and a timer that re-evaluates the holdoff every holdoffTimerSeconds.
import { app, HttpRequest, HttpResponseInit, InvocationContext, Timer } from "@azure/functions";
import { BlobServiceClient, BlockBlobClient } from "@azure/storage-blob";
import * as k8s from "@kubernetes/client-node";
import { parseAlert } from "./alert";
import { ArmClient } from "./arm";
import { Failover, Logger } from "./failover";
import { probeHealth } from "./health";
import { asTokenCredential, audiences, managedIdentityTokens, TokenSource } from "./identity";
import { kubeconfigWithToken, OperatorDeployment } from "./kube";
import { failoverFunctions, holdoffTimerSeconds, witnessBlob, witnessContainer } from "../../../contract";
import { readSettings, Settings } from "./settings";
import { BlobWitness } from "./witness";

export const healthProbeTimeoutMs = 10_000;

/** The witness blob. In Azure its container exists (Pulumi made it); with a connection string (Azurite, local runs) it is created. */
async function witnessClient(settings: Settings, tokens: TokenSource): Promise<BlockBlobClient> {
    if ("blobUrl" in settings.witness) return new BlockBlobClient(settings.witness.blobUrl, asTokenCredential(tokens, audiences.storage));
    const container = BlobServiceClient.fromConnectionString(settings.witness.connectionString).getContainerClient(witnessContainer);
    await container.createIfNotExists();
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
export async function failoverFromEnv(env: Record<string, string | undefined>): Promise<Failover> {
    const settings = readSettings(env);
    const tokens = managedIdentityTokens(settings.identity);
    const arm = new ArmClient(settings.armEndpoint, tokens);
    return new Failover({
        settings,
        operator: new OperatorDeployment(await kubeconfig(settings, arm, tokens), settings.operatorNamespace, settings.operatorDeployment),
        witness: new BlobWitness(await witnessClient(settings, tokens)),
        arm,
        probe: (url) => probeHealth(url, healthProbeTimeoutMs),
        now: () => Date.now(),
    });
}

// One Failover per worker and configuration, rebuilt before its Kubernetes token (an hour) runs out.
const reuseMs = 10 * 60_000;
let cached: { key: string; built: number; failover: Promise<Failover> } | undefined;

function failover(): Promise<Failover> {
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
    let body: unknown;
    try {
        body = JSON.parse(await request.text());
    } catch {
        return { status: 400, jsonBody: { error: "the body is not JSON" } };
    }
    const alert = parseAlert(body);
    if ("error" in alert) {
        context.warn(`malformed alert: ${alert.error}`);
        return { status: 400, jsonBody: { error: alert.error } };
    }
    try {
        const outcome = await (await failover()).onAlert(alert, logger(context));
        return { status: 200, jsonBody: outcome };
    } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        context.error(`failover alert handling failed: ${message}`);
        return { status: 500, jsonBody: { error: message } };
    }
}

export async function holdoffTimer(_timer: Timer, context: InvocationContext): Promise<void> {
    try {
        await (await failover()).evaluate(logger(context));
    } catch (e) {
        context.error(`failover holdoff evaluation failed: ${e instanceof Error ? e.message : String(e)}`);
        throw e;
    }
}

app.http(failoverFunctions.alert, { methods: ["POST"], authLevel: "function", handler: alertHandler });
// NCRONTAB with seconds: every holdoffTimerSeconds.
app.timer(failoverFunctions.timer, { schedule: `*/${holdoffTimerSeconds} * * * * *`, handler: holdoffTimer });

// Under the Functions host, a bad configuration stops the app from loading, naming each setting.
if (process.env.FUNCTIONS_WORKER_RUNTIME) readSettings(process.env);
