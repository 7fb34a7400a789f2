// Azure Resource Manager: the failover alert on the standby and the primary's
// Traffic Manager endpoint through the official SDKs; the endpoint's status
// changes through the failover function's own ArmClient, so the function and
// drctl put an endpoint in or out of rotation the same way.
import { MonitorClient } from "@azure/arm-monitor";
import { TrafficManagerManagementClient } from "@azure/arm-trafficmanager";
import type { HttpClient } from "@azure/core-rest-pipeline";
import type { TokenCredential } from "@azure/identity";
import { agentPoolPort, ArmClient, trafficManagerPort } from "../../functions/failover/src/arm";
import type { AgentPoolPort, TrafficManagerPort } from "../../functions/failover/src/failover";

/** /subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.Network/trafficManagerProfiles/{p}/externalEndpoints/{e} */
export function parseEndpointId(id: string): { subscriptionId: string; resourceGroup: string; profile: string; endpoint: string } {
    const m = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Network\/trafficManagerProfiles\/([^/]+)\/externalEndpoints\/([^/]+)$/i.exec(id);
    if (!m) throw new Error(`not a Traffic Manager external endpoint ID: ${id}`);
    return { subscriptionId: m[1], resourceGroup: m[2], profile: m[3], endpoint: m[4] };
}

export interface EndpointState {
    status: string;
    monitorStatus: string;
}

export class AzureOps {
    private readonly monitor: MonitorClient;
    private readonly trafficManagerClient: TrafficManagerManagementClient;
    /** ARM as the failover function calls it, with this credential's tokens. */
    private readonly arm: ArmClient;

    /** `httpClient` and `armEndpoint` replace the transports (tests route them to loopback fakes). */
    constructor(credential: TokenCredential, subscriptionId: string, o: { httpClient?: HttpClient; armEndpoint?: string } = {}) {
        this.monitor = new MonitorClient(credential, subscriptionId, { httpClient: o.httpClient });
        this.trafficManagerClient = new TrafficManagerManagementClient(credential, subscriptionId, { httpClient: o.httpClient });
        const tokens = {
            token: async (resource: string) => {
                const t = await credential.getToken(`${resource}.default`);
                if (!t) throw new Error(`no token for ${resource}`);
                return t.token;
            },
        };
        this.arm = new ArmClient(o.armEndpoint ?? "https://management.azure.com", tokens);
    }

    /** The failover alert's state; "absent" once a promotion removed it. */
    async alertState(resourceGroup: string, name: string): Promise<"enabled" | "disabled" | "absent"> {
        try {
            return (await this.monitor.metricAlerts.get(resourceGroup, name)).enabled ? "enabled" : "disabled";
        } catch (e) {
            if ((e as { statusCode?: number }).statusCode === 404) return "absent";
            throw e;
        }
    }

    async setAlertEnabled(resourceGroup: string, name: string, enabled: boolean): Promise<void> {
        await this.monitor.metricAlerts.update(resourceGroup, name, { enabled });
    }

    async endpoint(endpointId: string): Promise<EndpointState> {
        const e = parseEndpointId(endpointId);
        const r = await this.trafficManagerClient.endpoints.get(e.resourceGroup, e.profile, "ExternalEndpoints", e.endpoint);
        return { status: r.endpointStatus ?? "Unknown", monitorStatus: r.endpointMonitorStatus ?? "Unknown" };
    }

    async setEndpointStatus(endpointId: string, status: "Enabled" | "Disabled"): Promise<void> {
        await this.arm.setEndpointStatus(endpointId, status);
    }

    agentPool(poolId: string): Promise<{ power: string; provisioning: string }> {
        return this.arm.agentPool(poolId);
    }

    /** The primary endpoint and the agent pools as the failover function's code drives them. */
    trafficManager(endpointId: string): TrafficManagerPort {
        return trafficManagerPort(this.arm, endpointId);
    }

    agentPools(): AgentPoolPort {
        return agentPoolPort(this.arm);
    }
}
