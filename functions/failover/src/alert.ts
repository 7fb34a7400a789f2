// The Azure Monitor common alert schema, as far as the failover reads it
// (Microsoft Learn, "Common alert schema": essentials.alertRule,
// alertTargetIDs, monitorCondition). An alert is a hint to evaluate now: it
// must name the configured rule and target the configured Traffic Manager
// profile, and its times are never read (the DR state record keeps the
// storage service's time of arrival).

export interface Alert {
    condition: "Fired" | "Resolved";
}

export interface AlertExpectation {
    rule: string;
    /** The Traffic Manager profile's resource ID; the schema's examples lower-case target IDs, so compared case-insensitively. */
    targetId: string;
}

export function parseAlert(body: unknown, expected: AlertExpectation): Alert | { error: string } {
    if (!body || typeof body !== "object" || Array.isArray(body)) return { error: "the body is not a JSON object" };
    const b = body as Record<string, any>;
    if (b.schemaId !== "azureMonitorCommonAlertSchema") {
        return { error: `schemaId is ${JSON.stringify(b.schemaId)}; expected "azureMonitorCommonAlertSchema" (enable the common alert schema on the action group)` };
    }
    const essentials = b.data?.essentials;
    if (!essentials || typeof essentials !== "object") return { error: "data.essentials is missing" };
    if (typeof essentials.alertRule !== "string" || !essentials.alertRule) return { error: "data.essentials.alertRule is missing" };
    if (essentials.alertRule.toLowerCase() !== expected.rule.toLowerCase()) return { error: `data.essentials.alertRule is ${JSON.stringify(essentials.alertRule)}; this function answers only ${JSON.stringify(expected.rule)}` };
    const targets = essentials.alertTargetIDs;
    if (!Array.isArray(targets) || !targets.some((t) => typeof t === "string" && t.toLowerCase() === expected.targetId.toLowerCase())) {
        return { error: "data.essentials.alertTargetIDs does not include the watched Traffic Manager profile" };
    }
    if (essentials.monitorCondition !== "Fired" && essentials.monitorCondition !== "Resolved") {
        return { error: `data.essentials.monitorCondition is ${JSON.stringify(essentials.monitorCondition)}; expected "Fired" or "Resolved"` };
    }
    return { condition: essentials.monitorCondition };
}
