// Azure Resource Manager through the official SDKs: the failover alert on
// the standby, and the primary's Traffic Manager endpoint.
import { MonitorClient } from "@azure/arm-monitor";
import { TrafficManagerManagementClient } from "@azure/arm-trafficmanager";
import type { HttpClient } from "@azure/core-rest-pipeline";
import type { TokenCredential } from "@azure/identity";

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
    private readonly trafficManager: TrafficManagerManagementClient;

    /** `httpClient` replaces the SDKs' transport (tests route it to loopback fakes). */
    constructor(credential: TokenCredential, subscriptionId: string, httpClient?: HttpClient) {
        this.monitor = new MonitorClient(credential, subscriptionId, { httpClient });
        this.trafficManager = new TrafficManagerManagementClient(credential, subscriptionId, { httpClient });
    }

    async alertEnabled(resourceGroup: string, name: string): Promise<boolean> {
        return (await this.monitor.metricAlerts.get(resourceGroup, name)).enabled;
    }

    async setAlertEnabled(resourceGroup: string, name: string, enabled: boolean): Promise<void> {
        await this.monitor.metricAlerts.update(resourceGroup, name, { enabled });
    }

    async endpoint(endpointId: string): Promise<EndpointState> {
        const e = parseEndpointId(endpointId);
        const r = await this.trafficManager.endpoints.get(e.resourceGroup, e.profile, "ExternalEndpoints", e.endpoint);
        return { status: r.endpointStatus ?? "Unknown", monitorStatus: r.endpointMonitorStatus ?? "Unknown" };
    }

    async setEndpointStatus(endpointId: string, status: "Enabled" | "Disabled"): Promise<void> {
        const e = parseEndpointId(endpointId);
        await this.trafficManager.endpoints.update(e.resourceGroup, e.profile, "ExternalEndpoints", e.endpoint, { endpointStatus: status });
    }
}
