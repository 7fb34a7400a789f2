// What faces the Internet besides the storage and vault firewalls: the
// Application Gateway's WAF and TLS policy, and the failover Function App
// (reached by Azure Monitor's action groups).
import { ResourceValidationPolicy } from "@pulumi/policy";
import { moreTypes, ofType, revealed } from "./facts";

// Detection mode "monitors and logs all requests which match a WAF rule" and
// blocks none (PSRule Azure.AppGwWAF.PreventionMode; Microsoft Learn, WAF
// policy settings).
export const wafPreventionMode: ResourceValidationPolicy = {
    name: "waf-prevention-mode",
    description: "The Application Gateway WAF policy is enabled and in Prevention mode: in Detection mode it only logs the attacks it recognises and passes them to LogScale.",
    enforcementLevel: "mandatory",
    validateResource: [
        ofType(moreTypes.wafPolicy, (props, report) => {
            const s = props.policySettings ?? {};
            if (s.mode !== "Prevention") report(`policySettings.mode is ${JSON.stringify(s.mode)}; it must be Prevention.`);
            if (s.state === "Disabled") report("policySettings.state is Disabled.");
        }),
        ofType(moreTypes.applicationGateway, (props, report) => {
            const legacy = props.webApplicationFirewallConfiguration;
            if (legacy && (legacy.enabled !== true || legacy.firewallMode !== "Prevention")) report("webApplicationFirewallConfiguration must be enabled in Prevention mode.");
        }),
    ],
};

/**
 * "If a custom rule is triggered, and an allow or block action is taken, no
 * further custom or managed rules are evaluated" (Microsoft Learn, "Custom
 * rules for Web Application Firewall v2 on Azure Application Gateway"). An
 * Allow rule therefore exempts what it matches from the managed rule set;
 * only allowlisting known sources (a RemoteAddr match) is acceptable.
 */
export const wafManagedRulesApply: ResourceValidationPolicy = {
    name: "waf-managed-rules-not-bypassed",
    description:
        "The WAF policy runs a managed rule set, and no custom rule with action Allow lets requests skip it unless it matches on the client address (RemoteAddr): an Allow on a path prefix exempts everything under it from every managed rule.",
    enforcementLevel: "mandatory",
    validateResource: ofType(moreTypes.wafPolicy, (props, report) => {
        if (!(props.managedRules?.managedRuleSets ?? []).length) report("managedRules.managedRuleSets is empty: no managed rules run.");
        for (const rule of props.customRules ?? []) {
            if (rule.action !== "Allow" || rule.state === "Disabled") continue;
            const bySource = (rule.matchConditions ?? []).some(
                (c: any) => c.negationConditon !== true && c.negationCondition !== true && (c.matchVariables ?? []).some((v: any) => v.variableName === "RemoteAddr"),
            );
            if (!bySource) report(`custom rule ${rule.name} allows requests by ${describeMatch(rule)}, which skips the managed rule set for them.`);
        }
    }),
};

function describeMatch(rule: any): string {
    return (rule.matchConditions ?? []).map((c: any) => `${(c.matchVariables ?? []).map((v: any) => v.variableName).join("/")} ${c.operator} ${JSON.stringify(c.matchValues ?? [])}`).join(" and ") || "any request";
}

/** Predefined policies by their minimum protocol (Microsoft Learn, "Application Gateway TLS policy overview"). */
const tls12Predefined = ["AppGwSslPolicy20170401S", "AppGwSslPolicy20220101", "AppGwSslPolicy20220101S"];

function sslPolicyProblem(policy: any): string | undefined {
    if (!policy) return "no sslPolicy: the default depends on the API version that created the gateway (AppGwSslPolicy20150501, TLS 1.0, for older ones)";
    if ((policy.policyType ?? "Predefined") === "Predefined") {
        return tls12Predefined.includes(policy.policyName) ? undefined : `predefined policy ${JSON.stringify(policy.policyName)} allows TLS below 1.2; use one of ${tls12Predefined.join(", ")}`;
    }
    return ["TLSv1_2", "TLSv1_3"].includes(policy.minProtocolVersion) ? undefined : `${policy.policyType} policy minProtocolVersion is ${JSON.stringify(policy.minProtocolVersion)}; it must be TLSv1_2 or newer`;
}

export const appGatewayTls12: ResourceValidationPolicy = {
    name: "app-gateway-minimum-tls-1-2",
    description: "The Application Gateway and its SSL profiles negotiate TLS 1.2 or newer (a 2017S or 2022 predefined policy, or a custom minimum of TLSv1_2): TLS 1.0 and 1.1 are broken and retired by Azure.",
    enforcementLevel: "mandatory",
    validateResource: ofType(moreTypes.applicationGateway, (props, report) => {
        const problem = sslPolicyProblem(props.sslPolicy);
        if (problem) report(`sslPolicy: ${problem}.`);
        for (const profile of props.sslProfiles ?? []) {
            const p = profile.sslPolicy && sslPolicyProblem(profile.sslPolicy);
            if (p) report(`sslProfiles[${profile.name}].sslPolicy: ${p}.`);
        }
    }),
};

// Azure Policy "Function apps should only be accessible over HTTPS".
export const appServiceHttpsOnly: ResourceValidationPolicy = {
    name: "app-service-https-only",
    description: "Function and web apps answer HTTPS only (httpsOnly): the failover function's trigger URL carries its key, which plain HTTP would expose on the wire.",
    enforcementLevel: "mandatory",
    validateResource: ofType(moreTypes.webApp, (props, report) => {
        if (props.httpsOnly !== true) report("httpsOnly must be true.");
    }),
};

export const appServiceTls12: ResourceValidationPolicy = {
    name: "app-service-minimum-tls-1-2",
    description: "Function and web apps, and their deployment (SCM) endpoints, refuse TLS below 1.2 (siteConfig.minTlsVersion and scmMinTlsVersion).",
    enforcementLevel: "mandatory",
    validateResource: ofType(moreTypes.webApp, (props, report) => {
        const config = props.siteConfig ?? {};
        if (!["1.2", "1.3"].includes(config.minTlsVersion)) report(`siteConfig.minTlsVersion is ${JSON.stringify(config.minTlsVersion)}; it must be 1.2 or newer.`);
        if (config.scmMinTlsVersion !== undefined && !["1.2", "1.3"].includes(config.scmMinTlsVersion)) report(`siteConfig.scmMinTlsVersion is ${JSON.stringify(config.scmMinTlsVersion)}; it must be 1.2 or newer.`);
    }),
};

// Azure Policy "Function app slots should require FTPS only" accepts FtpsOnly
// or Disabled; AllAllowed sends the publishing credentials in clear text.
export const appServiceNoFtp: ResourceValidationPolicy = {
    name: "app-service-ftp-disabled",
    description: "Function and web apps take no plain FTP (siteConfig.ftpsState Disabled or FtpsOnly): FTP carries the publishing credentials, which can replace the failover function's code, in clear text.",
    enforcementLevel: "mandatory",
    validateResource: ofType(moreTypes.webApp, (props, report) => {
        const state = props.siteConfig?.ftpsState;
        if (!["Disabled", "FtpsOnly"].includes(state)) report(`siteConfig.ftpsState is ${JSON.stringify(state)}; it must be Disabled (or FtpsOnly).`);
    }),
};

const keyedConnection = /(^|;)\s*(AccountKey|SharedAccessKey|SharedAccessSignature)\s*=|[?&]sig=/i;

/**
 * A storage connection string with AccountKey= hands the account key to the
 * app and to whoever reads its settings; Functions connect to their host
 * storage with an identity instead (AzureWebJobsStorage__accountName with
 * __credential managedidentity).
 */
export const appServiceNoKeysInSettings: ResourceValidationPolicy = {
    name: "app-service-no-storage-keys-in-settings",
    description:
        "No app setting or connection string of a function or web app carries an account key or SAS signature (AccountKey=, SharedAccessKey=, sig=): the app reaches storage with its managed identity, and settings are readable by anyone with read access to the app.",
    enforcementLevel: "mandatory",
    validateResource: [
        ofType(moreTypes.webApp, (props, report) => {
            const config = revealed(props.siteConfig) ?? {};
            for (const s of revealed<any[]>(config.appSettings) ?? []) {
                if (keyedConnection.test(String(revealed(s.value) ?? ""))) report(`app setting ${s.name} carries a storage key or signature.`);
            }
            for (const c of revealed<any[]>(config.connectionStrings) ?? []) {
                if (keyedConnection.test(String(revealed(c.connectionString) ?? ""))) report(`connection string ${c.name} carries a storage key or signature.`);
            }
        }),
        ofType(moreTypes.webAppSettings, (props, report) => {
            for (const [name, value] of Object.entries(revealed<Record<string, unknown>>(props.properties) ?? {})) {
                if (keyedConnection.test(String(revealed(value) ?? ""))) report(`app setting ${name} carries a storage key or signature.`);
            }
        }),
    ],
};

export const edgePolicies = [wafPreventionMode, wafManagedRulesApply, appGatewayTls12, appServiceHttpsOnly, appServiceTls12, appServiceNoFtp, appServiceNoKeysInSettings];
