// Azure Resource Manager calls the failover makes. Each attempt has a
// timeout; throttling (429), server errors (5xx) and no answer are retried a
// bounded number of times. The function retries not at all within an
// evaluation (the next one retries); drctl, run by a person, a few times.
import { AgentPoolPort, TrafficManagerPort } from "./failover";
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

export interface CallOptions {
    log?: (m: string) => void;
    /** Per attempt; the client's default otherwise. */
    timeoutMs?: number;
}

export class ArmClient {
    constructor(
        private readonly baseUrl: string,
        private readonly tokens: TokenSource,
        private readonly retry: RetryPolicy = defaultRetryPolicy,
        private readonly attemptTimeoutMs = 30_000,
    ) {}

    /** One ARM call; retried on 429, 5xx and no answer, honouring Retry-After within the backoff bounds. */
    async call(method: string, id: string, apiVersion: string, body?: unknown, o: CallOptions = {}): Promise<any> {
        const url = `${this.baseUrl}${id}?api-version=${apiVersion}`;
        for (let attempt = 0; ; attempt++) {
            let status = 0;
            let detail: string;
            let retryAfterMs: number | undefined;
            try {
                // One bound for the attempt, a token fetch (when not cached) included.
                const deadline = Date.now() + (o.timeoutMs ?? this.attemptTimeoutMs);
                const token = await this.tokens.token(audiences.arm, deadline - Date.now());
                const res = await fetch(url, {
                    method,
                    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
                    body: body === undefined ? undefined : JSON.stringify(body),
                    signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())),
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
            if (attempt >= this.retry.retries) throw new ArmError(status, `${method} ${id}: ${detail}${attempt ? ` (gave up after ${attempt + 1} attempts)` : ""}`);
            const backoff = Math.min(this.retry.maxBackoffMs, Math.max(this.retry.minBackoffMs * 2 ** attempt, retryAfterMs ?? 0));
            o.log?.(`${method} ${id}: ${detail}; retry ${attempt + 1}/${this.retry.retries} in ${backoff} ms`);
            await this.retry.sleep(backoff);
        }
    }

    /** A Traffic Manager endpoint's own status and its monitor status (Endpoints - Get). */
    async endpoint(endpointId: string, o: CallOptions = {}): Promise<{ endpointStatus: string; monitorStatus: string }> {
        const e = await this.call("GET", endpointId, apiVersions.trafficManager, undefined, o);
        return { endpointStatus: e?.properties?.endpointStatus ?? "Unknown", monitorStatus: e?.properties?.endpointMonitorStatus ?? "Unknown" };
    }

    /**
     * Put a Traffic Manager endpoint in or out of rotation (Endpoints - Update,
     * a PATCH of properties.endpointStatus). Idempotent. The failover function
     * and drctl both change endpoints through here.
     */
    async setEndpointStatus(endpointId: string, status: "Enabled" | "Disabled", o: CallOptions = {}): Promise<void> {
        await this.call("PATCH", endpointId, apiVersions.trafficManager, { properties: { endpointStatus: status } }, o);
    }

    async agentPool(poolId: string, o: CallOptions = {}): Promise<{ power: string; provisioning: string; properties: Record<string, unknown> }> {
        const p = await this.call("GET", poolId, apiVersions.containerService, undefined, o);
        return { power: p?.properties?.powerState?.code ?? "Unknown", provisioning: p?.properties?.provisioningState ?? "Unknown", properties: p?.properties ?? {} };
    }

    /** Ask a stopped agent pool to start (a PUT of its properties with powerState Running); does not wait. */
    async startAgentPool(poolId: string, o: CallOptions = {}): Promise<void> {
        const pool = await this.agentPool(poolId, o);
        if (pool.power === "Running") return;
        await this.call("PUT", poolId, apiVersions.containerService, { properties: { ...pool.properties, powerState: { code: "Running" } } }, o);
    }

    /** The cluster's user kubeconfig (Entra ID clusters: server and CA; the token comes from the identity). */
    async clusterUserKubeconfig(clusterId: string, o: CallOptions = {}): Promise<string> {
        const res = await this.call("POST", `${clusterId}/listClusterUserCredential`, apiVersions.containerService, undefined, o);
        return Buffer.from(res.kubeconfigs[0].value, "base64").toString("utf8");
    }
}

/** The primary endpoint, as the failover sees it through ARM. */
export function trafficManagerPort(arm: ArmClient, endpointId: string): TrafficManagerPort {
    return {
        endpoint: (timeoutMs) => arm.endpoint(endpointId, { timeoutMs }),
        disable: (timeoutMs) => arm.setEndpointStatus(endpointId, "Disabled", { timeoutMs }),
    };
}

export function agentPoolPort(arm: ArmClient): AgentPoolPort {
    return {
        state: (poolId, timeoutMs) => arm.agentPool(poolId, { timeoutMs }),
        start: (poolId, timeoutMs) => arm.startAgentPool(poolId, { timeoutMs }),
    };
}

/** The function's retries: none within an evaluation, whose successor retries. */
export const noRetries: RetryPolicy = { ...defaultRetryPolicy, retries: 0 };
