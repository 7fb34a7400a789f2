// The Azure Monitor common alert schema, as far as the failover reads it.

export interface Alert {
    rule: string;
    condition: "Fired" | "Resolved";
    /** When the alert fired (epoch ms), if the payload says. */
    firedAt?: number;
}

export function parseAlert(body: unknown): Alert | { error: string } {
    if (!body || typeof body !== "object" || Array.isArray(body)) return { error: "the body is not a JSON object" };
    const b = body as Record<string, any>;
    if (b.schemaId !== "azureMonitorCommonAlertSchema") {
        return { error: `schemaId is ${JSON.stringify(b.schemaId)}; expected "azureMonitorCommonAlertSchema" (enable the common alert schema on the action group)` };
    }
    const essentials = b.data?.essentials;
    if (!essentials || typeof essentials !== "object") return { error: "data.essentials is missing" };
    if (typeof essentials.alertRule !== "string" || !essentials.alertRule) return { error: "data.essentials.alertRule is missing" };
    if (essentials.monitorCondition !== "Fired" && essentials.monitorCondition !== "Resolved") {
        return { error: `data.essentials.monitorCondition is ${JSON.stringify(essentials.monitorCondition)}; expected "Fired" or "Resolved"` };
    }
    const firedAt = typeof essentials.firedDateTime === "string" ? Date.parse(essentials.firedDateTime) : NaN;
    return { rule: essentials.alertRule, condition: essentials.monitorCondition, firedAt: Number.isFinite(firedAt) ? firedAt : undefined };
}
