// The Application Gateway's firewall, decided: which requests the WAF treats
// differently, and how. Pure; components/appGateway.ts applies it.
//
// Ingest paths used to be an Allow custom rule on RequestUri BeginsWith
// `/api/v1/ingest/` or `/services/collector`, with no method or host
// condition: an Allow skips every managed rule for the request, and the
// prefix also matched `/services/collectorANYTHING` and, since RequestUri
// holds the raw path, `/api/v1/ingest/../<any path>`. What ingest really
// needs is narrower: log lines in the body look like attacks to the managed
// rules, nothing else does. So the ingest paths get a per-URI WAF policy
// (Microsoft Learn, "Azure Web Application Firewall (WAF) policy overview",
// Per-URI policy: a policy associated with a path-based rule takes effect for
// that path only) that keeps Microsoft's managed rule set in prevention on the
// URI, headers and cookies and only stops inspecting the body ("If the request
// body inspection is turned off, WAF ... continues to enforce WAF rules on
// headers, cookies, and URI", Microsoft Learn, "Web Application Firewall
// request size limits and exclusion lists"), so path traversal in the URI is
// still caught by the managed protocol-attack rules.
//
// Not exclusions: Application Gateway exclusion lists are global in scope and
// apply to all pages and rules (same page, "WAF exclusion lists"), and they
// name request attributes, not paths — excluding the body's arguments would
// have unguarded the UI's forms as well. Not the `exceptions` of
// ManagedRulesDefinition either (in the REST definition at 2024-05-01, the API
// version azure-native 3.28.0 uses for WebApplicationFirewallPolicy): Microsoft
// Learn documents them as a preview ("Azure Application Gateway WAF exceptions
// list (preview)").
import type * as pulumi from "@pulumi/pulumi";
import type { AppGatewayFirewall, WafPolicySettings } from "../components/appGateway";

/**
 * Where LogScale takes log data — its ingest API and its Splunk HEC
 * endpoint — as Application Gateway path-rule patterns: a pattern without
 * `*` is one exact path, and `*` may only end a pattern after a `/`
 * (Microsoft Learn, "URL Path Based Routing overview", PathPattern). So
 * `/services/collector` and what lies under `/services/collector/` match,
 * and `/services/collectorANYTHING` does not.
 */
export const ingestPathPatterns: readonly string[] = ["/api/v1/ingest/*", "/services/collector", "/services/collector/*"];

/**
 * The methods the ingest policy lets through: shippers POST their data;
 * GET and HEAD are the version and health checks some of them make first
 * (Filebeat asks the Elasticsearch bulk endpoint for its version before it
 * sends). Any other method on an ingest path is blocked.
 */
export const ingestMethods: readonly string[] = ["POST", "GET", "HEAD"];

/** Microsoft's default rule set, in prevention on every path. */
const managedRules = { managedRuleSets: [{ ruleSetType: "Microsoft_DefaultRuleSet", ruleSetVersion: "2.1" }] };

/** The gateway's own policy, for every request outside the ingest paths: prevention, the default rule set, request bodies inspected; no custom rule lets anything past it. */
export function globalWafPolicy(): WafPolicySettings {
    return {
        policySettings: { state: "Enabled", mode: "Prevention", requestBodyCheck: true, requestBodyInspectLimitInKB: 128, requestBodyEnforcement: false, fileUploadEnforcement: false },
        managedRules,
    };
}

/**
 * The ingest paths' policy: the same managed rules in prevention, bodies not
 * inspected (no size limit applies then: the 16 MiB cap is Envoy's, see
 * components/logscaleIngress.ts), and two custom Block rules: a Host other
 * than the names LogScale answers to, and a method other than
 * `ingestMethods`. Custom rules run before the managed rules and a Block
 * ends the evaluation (Microsoft Learn, "Custom rules for Web Application
 * Firewall v2 on Azure Application Gateway").
 */
export function ingestWafPolicy(hosts: pulumi.Input<string>[]): WafPolicySettings {
    // The rule lower-cases the request's Host before comparing; the cluster's Azure-made name is lower case already.
    const names = hosts.map((h) => (typeof h === "string" ? h.toLowerCase() : h));
    return {
        policySettings: { state: "Enabled", mode: "Prevention", requestBodyCheck: false, requestBodyEnforcement: false, fileUploadEnforcement: false },
        managedRules,
        customRules: [
            {
                name: "IngestHostsOnly",
                priority: 10,
                ruleType: "MatchRule",
                action: "Block",
                matchConditions: [{ matchVariables: [{ variableName: "RequestHeaders", selector: "Host" }], operator: "Equal", negationConditon: true, matchValues: names, transforms: ["Lowercase"] }],
            },
            {
                name: "IngestMethodsOnly",
                priority: 20,
                ruleType: "MatchRule",
                action: "Block",
                matchConditions: [{ matchVariables: [{ variableName: "RequestMethod" }], operator: "Equal", negationConditon: true, matchValues: [...ingestMethods] }],
            },
        ],
    };
}

/** Both policies, for the names LogScale answers to (the cluster's own name and the global name). */
export function appGatewayFirewall(hosts: pulumi.Input<string>[]): AppGatewayFirewall {
    return { global: globalWafPolicy(), ingest: { paths: [...ingestPathPatterns], policy: ingestWafPolicy(hosts) } };
}
