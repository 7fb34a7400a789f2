// The cluster's edge: Envoy Gateway (Gateway API) on the region's static
// public IP (whose DNS name is the cluster's own FQDN), or on an internal load
// balancer behind an Application Gateway that holds that IP; and cert-manager
// with the Let's Encrypt issuers the sites' certificates come from. The
// community ingress-nginx controller it replaces was retired in March 2026.
//
// Install order, after Envoy Gateway's "Install with Helm" (envoyproxy/gateway,
// site/content/en/v1.9/install/install-helm.md, "Installing CRDs separately"):
// the Gateway API standard-channel CRDs from their own release, Envoy Gateway's
// CRDs alone from gateway-crds-helm (rendered and applied by Pulumi, which is
// the `helm template | kubectl apply --server-side` the page gives), then
// gateway-helm with `crds.enabled=false`. gateway-helm's own CRDs are the
// experimental channel, which the standard bundle's safe-upgrades admission
// policy rejects (kubernetes-sigs/gateway-api, config/crd/standard/
// gateway.networking.k8s.io_vap_safeupgrades.yaml).
import * as pulumi from "@pulumi/pulumi";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import { Release } from "@pulumi/kubernetes/helm/v3/release";
import { Chart } from "@pulumi/kubernetes/helm/v4";
import { ConfigFile } from "@pulumi/kubernetes/yaml/v2";
import * as apiextensions from "@pulumi/kubernetes/apiextensions";
import { nodePoolLabelKey, nodePoolLabels } from "../contract";
import { workloadIdentityPodLabels } from "./humioCluster";
import { placement, PlacementArgs } from "./placement";
import { roleGranter } from "./roles";
import { federatedSubject, tokenExchangeAudience } from "./workloadIdentity";

export const certManagerChartVersion = "v1.21.1";
export const envoyGatewayChartVersion = "v1.9.0";
/** The Gateway API bundle Envoy Gateway v1.9 reconciles against (its install page: "upgrade the Gateway API CRDs to v1.6"). */
export const gatewayApiVersion = "v1.6.1";
/** Envoy Gateway's charts are OCI artifacts on Docker Hub (install-helm.md: "published at oci://docker.io/envoyproxy/gateway-helm"). */
export const envoyGatewayChart = "oci://docker.io/envoyproxy/gateway-helm";
export const envoyGatewayCrdsChart = "oci://docker.io/envoyproxy/gateway-crds-helm";
export const gatewayApiStandardInstall = `https://github.com/kubernetes-sigs/gateway-api/releases/download/${gatewayApiVersion}/standard-install.yaml`;

export const certManagerNamespace = "cert-manager";
/** The chart names the controller's service account after the release (cert-manager's AzureDNS page: "the default Kubernetes ServiceAccount used by the cert-manager controller"). */
export const certManagerServiceAccount = "cert-manager";
export const envoyGatewayNamespace = "envoy-gateway-system";
/** Envoy Gateway's controller name (the chart's config.envoyGateway.gateway.controllerName). */
export const envoyGatewayControllerName = "gateway.envoyproxy.io/gatewayclass-controller";
export const gatewayClassName = "logscale";
export const envoyProxyName = "logscale-proxy";

/** How a host's certificate is issued: HTTP-01 through the Gateway, or DNS-01 in an Azure DNS zone. */
export type IssuerKind = "http01" | "dns01";

/** The ClusterIssuer of each kind. The HTTP-01 one keeps the name the ingress-nginx issuer had, so its ACME account carries over. */
export function issuerName(kind: IssuerKind): string {
    return kind === "http01" ? "letsencrypt" : "letsencrypt-dns01";
}

const letsEncrypt = "https://acme-v02.api.letsencrypt.org/directory";

/** Where Envoy's load balancer listens. */
export type GatewayExposure =
    | { kind: "public"; ipResourceGroup: pulumi.Input<string>; ipName: pulumi.Input<string> }
    | { kind: "internal"; subnetName: string; ip: string };

/**
 * Annotations for cloud-provider-azure (kubernetes-sigs/cloud-provider-azure,
 * topics/loadbalancer.md): bind the static public IP by name, or take a fixed
 * address on an internal load balancer. No probe path: with
 * externalTrafficPolicy Local the load balancer probes the node's health port
 * with HTTP /healthz whatever the annotations say (same page, "Custom Load
 * Balancer health probe").
 */
export function exposureAnnotations(e: GatewayExposure): Record<string, pulumi.Input<string>> {
    if (e.kind === "public") {
        return { "service.beta.kubernetes.io/azure-load-balancer-resource-group": e.ipResourceGroup, "service.beta.kubernetes.io/azure-pip-name": e.ipName };
    }
    return {
        "service.beta.kubernetes.io/azure-load-balancer-internal": "true",
        "service.beta.kubernetes.io/azure-load-balancer-internal-subnet": e.subnetName,
        "service.beta.kubernetes.io/azure-load-balancer-ipv4": e.ip,
    };
}

/** Envoy's pods: as many as the cluster size asks for, scaling to three times that on CPU. */
export interface ProxySize {
    replicas: number;
    cpu: string;
    memory: string;
}

/**
 * The EnvoyProxy the GatewayClass points at: Envoy prefers the ingress pool
 * but may run on the system pool, so a standby (which has no ingress pool)
 * still serves and promotion changes nothing here. externalTrafficPolicy
 * Local keeps client IPs.
 */
export function envoyProxySpec(exposure: GatewayExposure, size: ProxySize) {
    return {
        provider: {
            type: "Kubernetes",
            kubernetes: {
                envoyDeployment: {
                    pod: {
                        affinity: {
                            nodeAffinity: {
                                preferredDuringSchedulingIgnoredDuringExecution: [
                                    { weight: 100, preference: { matchExpressions: [{ key: nodePoolLabelKey, operator: "In", values: [nodePoolLabels.ingress] }] } },
                                ],
                            },
                        },
                    },
                    container: { resources: { requests: { cpu: size.cpu, memory: size.memory } } },
                },
                envoyHpa: {
                    minReplicas: size.replicas,
                    maxReplicas: size.replicas * 3,
                    metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } }],
                },
                envoyService: { type: "LoadBalancer", externalTrafficPolicy: "Local", annotations: exposureAnnotations(exposure) },
            },
        },
    };
}

/** gateway-helm values: the CRDs are installed separately (above). Keys from the chart's values.tmpl.yaml at v1.9.0. */
export function envoyGatewayValues() {
    return { crds: { enabled: false } };
}

/** gateway-crds-helm values: Envoy Gateway's CRDs only (gateway-crds-helm-api.md at v1.9: crds.gatewayAPI.enabled, crds.envoyGateway.enabled). */
export function envoyGatewayCrdsValues() {
    return { crds: { gatewayAPI: { enabled: false }, envoyGateway: { enabled: true } } };
}

/**
 * cert-manager values (keys from the chart's values.yaml at v1.21.1). The
 * chart manages the CRDs and keeps them on uninstall. Gateway API support is
 * off unless configured; 1.21 names it `gatewayAPI.enabled` (release notes
 * 1.21, #8732). A failed certificate request is retried after at most an
 * hour instead of the default 32 hours (`certificateRequestMaximumBackoffDuration`,
 * new in 1.21, #8893), so a region that takes traffic after a failover gets
 * a certificate that could not be issued before it within the hour. With
 * DNS-01 the controller's pods carry the workload identity label.
 */
export function certManagerValues(workloadIdentity: boolean) {
    return {
        crds: { enabled: true, keep: true },
        config: {
            apiVersion: "controller.config.cert-manager.io/v1alpha1",
            kind: "ControllerConfiguration",
            gatewayAPI: { enabled: true },
            certificateRequestMaximumBackoffDuration: "1h",
        },
        // The label the AKS workload identity webhook acts on (cert-manager's AzureDNS page, "Reconfigure cert-manager").
        ...(workloadIdentity ? { podLabels: { ...workloadIdentityPodLabels } } : {}),
    };
}

/** The Gateway listener HTTP-01 challenge routes attach to. */
export interface ChallengeListener {
    gateway: string;
    namespace: string;
    sectionName: string;
}

/** What DNS-01 needs: the zone, and the identity that may write its records. */
export interface Dns01Solver {
    zone: { name: string; resourceGroupName: string };
    subscriptionId: pulumi.Input<string>;
    /** Client id of the identity federated with cert-manager's service account. */
    clientId: pulumi.Input<string>;
    /** The federation and the zone role the issuer waits for. */
    ready: pulumi.Resource[];
}

/** The ClusterIssuers the hosts need: one of each kind in use. */
export function issuerKinds(byHost: Record<string, IssuerKind>): IssuerKind[] {
    return [...new Set(Object.values(byHost))].sort();
}

/** The ACME challenge solver of each kind: HTTP-01 answered on the Gateway's HTTP listener, or DNS-01 in the Azure DNS zone with workload identity (cert-manager's AzureDNS page). */
function acmeSolver(kind: IssuerKind, challenge: ChallengeListener, dns01?: Dns01Solver) {
    if (kind === "http01") {
        return { http01: { gatewayHTTPRoute: { parentRefs: [{ group: "gateway.networking.k8s.io", kind: "Gateway", name: challenge.gateway, namespace: challenge.namespace, sectionName: challenge.sectionName }] } } };
    }
    if (!dns01) throw new Error("a DNS-01 issuer needs the zone and the identity");
    return {
        dns01: {
            azureDNS: {
                hostedZoneName: dns01.zone.name,
                resourceGroupName: dns01.zone.resourceGroupName,
                subscriptionID: dns01.subscriptionId,
                environment: "AzurePublicCloud",
                // Overrides the client id the workload identity webhook injects (same page).
                managedIdentity: { clientID: dns01.clientId },
            },
        },
    };
}

/** An ACME ClusterIssuer spec with its own account key per issuer. */
export function acmeIssuerSpec(kind: IssuerKind, w: { acmeEmail: string; challenge: ChallengeListener; dns01?: Dns01Solver }) {
    return {
        acme: {
            server: letsEncrypt,
            ...(w.acmeEmail ? { email: w.acmeEmail } : {}),
            privateKeySecretRef: { name: `${issuerName(kind)}-account-key` },
            solvers: [acmeSolver(kind, w.challenge, w.dns01)],
        },
    };
}

export interface EdgeGatewayArgs {
    exposure: GatewayExposure;
    proxies: ProxySize;
    acmeEmail: string;
    /** The issuers the sites' certificates use, one of each kind (issuerKinds). */
    issuers: IssuerKind[];
    challenge: ChallengeListener;
    /** Present when a DNS-01 issuer is. */
    dns01?: Dns01Solver;
}

export class EdgeGateway extends pulumi.ComponentResource {
    readonly gatewayClassName = gatewayClassName;
    readonly certManager: Release;
    /** What the sites' Gateway, certificates and routes need first. */
    readonly ready: pulumi.Resource[];

    constructor(name: string, args: EdgeGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
        super("logscale-dr:ingress:EdgeGateway", name, {}, opts);
        const child = { parent: this };
        const gatewayApi = new ConfigFile(`${name}-gateway-api-crds`, { file: gatewayApiStandardInstall }, child);
        const envoyCrds = new Chart(`${name}-envoy-gateway-crds`, { chart: envoyGatewayCrdsChart, version: envoyGatewayChartVersion, values: envoyGatewayCrdsValues() }, child);
        // cert-manager looks for the Gateway API CRDs when it starts (cert-manager docs, usage/gateway.md).
        this.certManager = new Release(
            `${name}-cert-manager`,
            {
                name: "cert-manager",
                chart: "cert-manager",
                version: certManagerChartVersion,
                repositoryOpts: { repo: "https://charts.jetstack.io" },
                namespace: certManagerNamespace,
                createNamespace: true,
                values: certManagerValues(args.dns01 !== undefined),
            },
            { ...child, dependsOn: [gatewayApi] },
        );
        const controller = new Release(
            `${name}-envoy-gateway`,
            {
                name: "eg",
                chart: envoyGatewayChart,
                version: envoyGatewayChartVersion,
                namespace: envoyGatewayNamespace,
                createNamespace: true,
                values: envoyGatewayValues(),
            },
            { ...child, dependsOn: [gatewayApi, envoyCrds] },
        );
        const proxy = new apiextensions.CustomResource(
            `${name}-envoy-proxy`,
            { apiVersion: "gateway.envoyproxy.io/v1alpha1", kind: "EnvoyProxy", metadata: { name: envoyProxyName, namespace: envoyGatewayNamespace }, spec: envoyProxySpec(args.exposure, args.proxies) },
            { ...child, dependsOn: [controller] },
        );
        // The EnvoyProxy is named from the GatewayClass (envoyproxy/gateway, site/content/en/v1.9/tasks/operations/customize-envoyproxy.md).
        const gatewayClass = new apiextensions.CustomResource(
            `${name}-gateway-class`,
            {
                apiVersion: "gateway.networking.k8s.io/v1",
                kind: "GatewayClass",
                metadata: { name: gatewayClassName },
                spec: {
                    controllerName: envoyGatewayControllerName,
                    parametersRef: { group: "gateway.envoyproxy.io", kind: "EnvoyProxy", name: envoyProxyName, namespace: envoyGatewayNamespace },
                },
            },
            { ...child, dependsOn: [proxy] },
        );
        const issuers = args.issuers.map(
            (kind) =>
                new apiextensions.CustomResource(
                    // The HTTP-01 issuer keeps the resource name it had beside ingress-nginx.
                    kind === "http01" ? `${name}-issuer` : `${name}-issuer-${kind}`,
                    { apiVersion: "cert-manager.io/v1", kind: "ClusterIssuer", metadata: { name: issuerName(kind) }, spec: acmeIssuerSpec(kind, { acmeEmail: args.acmeEmail, challenge: args.challenge, dns01: args.dns01 }) },
                    { ...child, dependsOn: [this.certManager, ...(kind === "dns01" ? (args.dns01?.ready ?? []) : [])] },
                ),
        );
        this.ready = [controller, gatewayClass, ...issuers];
        this.registerOutputs({});
    }
}

/** An Azure DNS zone's resource id. */
export function dnsZoneScope(subscriptionId: string, resourceGroupName: string, zoneName: string): string {
    return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroupName}/providers/Microsoft.Network/dnsZones/${zoneName}`;
}

export interface Dns01IdentityArgs extends PlacementArgs {
    oidcIssuerUrl: pulumi.Input<string>;
    zone: { name: string; resourceGroupName: string };
    subscriptionId: pulumi.Input<string>;
}

/**
 * The identity cert-manager solves DNS-01 challenges as: user-assigned,
 * federated with the cluster's OIDC issuer for cert-manager's service
 * account, and DNS Zone Contributor on the one zone (cert-manager's AzureDNS
 * page, "Managed Identity Using AAD Workload Identity").
 */
export class Dns01Identity extends pulumi.ComponentResource {
    readonly clientId: pulumi.Output<string>;
    /** The federation and the role: DNS-01 fails without them. */
    readonly ready: pulumi.Resource[];

    constructor(name: string, args: Dns01IdentityArgs, opts?: pulumi.ComponentResourceOptions) {
        super("logscale-dr:identity:Dns01Identity", name, {}, opts);
        const child = { parent: this };
        const identity = new managedidentity.UserAssignedIdentity(`${name}-identity`, { ...placement(args), resourceName: `${args.namePrefix}-cert-manager` }, child);
        const federation = new managedidentity.FederatedIdentityCredential(
            `${name}-federation`,
            {
                resourceGroupName: args.resourceGroupName,
                resourceName: identity.name,
                federatedIdentityCredentialResourceName: "cert-manager",
                issuer: args.oidcIssuerUrl,
                subject: federatedSubject(certManagerNamespace, certManagerServiceAccount),
                audiences: [tokenExchangeAudience],
            },
            child,
        );
        const zoneId = pulumi.output(args.subscriptionId).apply((sub) => dnsZoneScope(sub, args.zone.resourceGroupName, args.zone.name));
        const role = roleGranter(name, identity.principalId, this)("zone", zoneId, "dnsZoneContributor");
        this.clientId = identity.clientId;
        this.ready = [federation, role];
        this.registerOutputs({ clientId: this.clientId });
    }
}
