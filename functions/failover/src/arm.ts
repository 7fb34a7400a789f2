// Azure Resource Manager calls the failover makes, with bounded retries and
// backoff on throttling (429) and server errors (5xx).
import { audiences, TokenSource } from "./identity";

export interface RetryPolicy {
    /** Retries after the first attempt. */
    retries: number;
    minBackoffMs: number;
    maxBackoffMs: number;
    sleep(ms: number): Promise<void>;
}

export const defaultRetryPolicy: RetryPolicy = {
    retries: 3,
    minBackoffMs: 1_000,
    maxBackoffMs: 30_000,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

export class ArmError extends Error {
    constructor(
        readonly status: number,
        message: string,
    ) {
        super(message);
        this.name = "ArmError";
    }
}

const apiVersions = { trafficManager: "2022-04-01", containerService: "2024-09-01" };

export interface AgentPoolWait {
    timeoutMs: number;
    pollMs: number;
    /** Called between polls: a long wait must keep its lease. */
    onPoll?: () => Promise<void>;
}

export class ArmClient {
    constructor(
        private readonly endpoint: string,
        private readonly tokens: TokenSource,
        private readonly retry: RetryPolicy = defaultRetryPolicy,
        private readonly attemptTimeoutMs = 30_000,
    ) {}

    /** One ARM call; retried on 429, 5xx and network failure, honouring Retry-After within the backoff bounds. */
    async call(method: string, id: string, apiVersion: string, body?: unknown, log?: (m: string) => void): Promise<any> {
        const url = `${this.endpoint}${id}?api-version=${apiVersion}`;
        for (let attempt = 0; ; attempt++) {
            let status = 0;
            let detail: string;
            let retryAfterMs: number | undefined;
            try {
                const res = await fetch(url, {
                    method,
                    headers: { Authorization: `Bearer ${await this.tokens.token(audiences.arm)}`, "Content-Type": "application/json" },
                    body: body === undefined ? undefined : JSON.stringify(body),
                    signal: AbortSignal.timeout(this.attemptTimeoutMs),
                });
                status = res.status;
                const text = await res.text();
                if (res.ok) return text ? JSON.parse(text) : {};
                detail = `HTTP ${status}: ${text.slice(0, 300)}`;
                const retryAfter = Number(res.headers.get("retry-after"));
                if (Number.isFinite(retryAfter) && retryAfter > 0) retryAfterMs = retryAfter * 1000;
                if (status !== 429 && status < 500) throw new ArmError(status, `${method} ${id}: ${detail}`);
            } catch (e) {
                if (e instanceof ArmError) throw e;
                if (status === 0) detail = `no answer: ${e instanceof Error ? e.message : String(e)}`;
                else throw e;
            }
            if (attempt >= this.retry.retries) throw new ArmError(status, `${method} ${id}: ${detail} (gave up after ${attempt + 1} attempts)`);
            const backoff = Math.min(this.retry.maxBackoffMs, Math.max(this.retry.minBackoffMs * 2 ** attempt, retryAfterMs ?? 0));
            log?.(`${method} ${id}: ${detail}; retry ${attempt + 1}/${this.retry.retries} in ${backoff} ms`);
            await this.retry.sleep(backoff);
        }
    }

    /**
     * Put a Traffic Manager endpoint in or out of rotation (Endpoints - Update,
     * a PATCH of properties.endpointStatus). Idempotent. The failover function
     * and drctl both change endpoints through here.
     */
    async setEndpointStatus(endpointId: string, status: "Enabled" | "Disabled", log?: (m: string) => void): Promise<void> {
        await this.call("PATCH", endpointId, apiVersions.trafficManager, { properties: { endpointStatus: status } }, log);
    }

    /** Start a stopped agent pool and wait, bounded, until it runs. Idempotent. */
    async startAgentPool(poolId: string, wait: AgentPoolWait, log?: (m: string) => void): Promise<void> {
        const running = (p: any) => p?.properties?.powerState?.code === "Running" && p?.properties?.provisioningState === "Succeeded";
        let pool = await this.call("GET", poolId, apiVersions.containerService, undefined, log);
        if (running(pool)) return;
        if (pool?.properties?.powerState?.code !== "Running") {
            pool = await this.call("PUT", poolId, apiVersions.containerService, { properties: { ...pool.properties, powerState: { code: "Running" } } }, log);
        }
        const deadline = Date.now() + wait.timeoutMs;
        while (!running(pool)) {
            if (Date.now() >= deadline) throw new Error(`agent pool ${poolId} not running after ${wait.timeoutMs} ms (state ${pool?.properties?.provisioningState}/${pool?.properties?.powerState?.code})`);
            await this.retry.sleep(wait.pollMs);
            await wait.onPoll?.();
            pool = await this.call("GET", poolId, apiVersions.containerService, undefined, log);
        }
    }

    /** The cluster's user kubeconfig (Entra ID clusters: server and CA; the token comes from the identity). */
    async clusterUserKubeconfig(clusterId: string): Promise<string> {
        const res = await this.call("POST", `${clusterId}/listClusterUserCredential`, apiVersions.containerService);
        return Buffer.from(res.kubeconfigs[0].value, "base64").toString("utf8");
    }
}
