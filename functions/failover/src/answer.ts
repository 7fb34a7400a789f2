// The alert trigger's answers, apart from the Functions runtime: 400 for a
// payload that is not the configured alert, 503 (which the action group
// retries: Microsoft Learn, "Action groups") when the evaluation could not
// run, the outcome's name otherwise. Details go to the log only.
import type { HttpResponseInit } from "@azure/functions";
import { parseAlert } from "./alert";
import { Failover, Logger, Outcome } from "./failover";
import { Settings } from "./settings";

export async function answerAlert(failover: Failover, settings: Pick<Settings, "alertRuleName" | "tmProfileId">, text: string, log: Logger): Promise<HttpResponseInit> {
    let body: unknown;
    try {
        body = JSON.parse(text);
    } catch {
        return { status: 400, jsonBody: { error: "the body is not JSON" } };
    }
    const alert = parseAlert(body, { rule: settings.alertRuleName, targetId: settings.tmProfileId });
    if ("error" in alert) {
        log.warn(`alert refused: ${alert.error}`);
        return { status: 400, jsonBody: { error: alert.error } };
    }
    let outcome: Outcome;
    try {
        outcome = await failover.evaluate({ kind: "alert", condition: alert.condition }, log);
    } catch (e) {
        log.error(`evaluation on an alert failed: ${e instanceof Error ? e.message : String(e)}`);
        return unavailable;
    }
    // Another evaluation holds the record: this alert's condition is not noted yet, so ask for the retry.
    return outcome.outcome === "busy" ? unavailable : { status: 200, jsonBody: { outcome: outcome.outcome } };
}

export const unavailable: HttpResponseInit = { status: 503, headers: { "Retry-After": "5" }, jsonBody: { error: "the evaluation could not run; see the function's log" } };

