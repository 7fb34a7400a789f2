// The cluster's ingress: cert-manager with a Let's Encrypt issuer, and
// ingress-nginx on the region's static public IP (whose DNS name is the
// cluster's own FQDN), or on an internal load balancer behind an Application
// Gateway that holds that IP.
import * as pulumi from "@pulumi/pulumi";
import { Release } from "@pulumi/kubernetes/helm/v3/release";
import * as apiextensions from "@pulumi/kubernetes/apiextensions";
import { nodePoolLabelKey, nodePoolLabels } from "../contract";

export const certManagerChartVersion = "v1.17.1";
export const ingressNginxChartVersion = "4.12.1";
export const clusterIssuerName = "letsencrypt";
export const ingressClassName = "nginx";
export const ingressNamespace = "logging-ingress";

/** Where ingress-nginx's load balancer listens. */
export type IngressExposure =
    | { kind: "public"; ipResourceGroup: pulumi.Input<string>; ipName: pulumi.Input<string> }
    | { kind: "internal"; subnetName: string; ip: string };

export interface IngressControllerArgs {
    exposure: IngressExposure;
    acmeEmail: string;
    replicas: number;
    cpu: string;
    memory: string;
}

function exposureAnnotations(e: IngressExposure): Record<string, pulumi.Input<string>> {
    if (e.kind === "public") {
        return { "service.beta.kubernetes.io/azure-load-balancer-resource-group": e.ipResourceGroup, "service.beta.kubernetes.io/azure-pip-name": e.ipName };
    }
    return {
        "service.beta.kubernetes.io/azure-load-balancer-internal": "true",
        "service.beta.kubernetes.io/azure-load-balancer-internal-subnet": e.subnetName,
        "service.beta.kubernetes.io/azure-load-balancer-ipv4": e.ip,
    };
}

/**
 * ingress-nginx values. The controller prefers the ingress pool but may run on
 * the system pool, so a standby (which has no ingress pool) still serves and
 * promotion does not upgrade the release.
 */
export function ingressNginxValues(args: IngressControllerArgs) {
    return {
        controller: {
            ingressClassResource: { name: ingressClassName, default: true },
            replicaCount: args.replicas,
            autoscaling: { enabled: true, minReplicas: args.replicas, maxReplicas: args.replicas * 3, targetCPUUtilizationPercentage: 70 },
            resources: { requests: { cpu: args.cpu, memory: args.memory } },
            affinity: {
                nodeAffinity: {
                    preferredDuringSchedulingIgnoredDuringExecution: [
                        { weight: 100, preference: { matchExpressions: [{ key: nodePoolLabelKey, operator: "In", values: [nodePoolLabels.ingress] }] } },
                    ],
                },
            },
            service: {
                externalTrafficPolicy: "Local",
                annotations: { ...exposureAnnotations(args.exposure), "service.beta.kubernetes.io/azure-load-balancer-health-probe-request-path": "/healthz" },
            },
        },
    };
}

export class IngressController extends pulumi.ComponentResource {
    readonly clusterIssuer: apiextensions.CustomResource;
    readonly controller: Release;

    constructor(name: string, args: IngressControllerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("logscale-dr:ingress:IngressController", name, {}, opts);
        const certManager = new Release(
            `${name}-cert-manager`,
            {
                name: "cert-manager",
                chart: "cert-manager",
                version: certManagerChartVersion,
                repositoryOpts: { repo: "https://charts.jetstack.io" },
                namespace: "cert-manager",
                createNamespace: true,
                values: { crds: { enabled: true } },
            },
            { parent: this },
        );
        this.clusterIssuer = new apiextensions.CustomResource(
            `${name}-issuer`,
            {
                apiVersion: "cert-manager.io/v1",
                kind: "ClusterIssuer",
                metadata: { name: clusterIssuerName },
                spec: {
                    acme: {
                        server: "https://acme-v02.api.letsencrypt.org/directory",
                        ...(args.acmeEmail ? { email: args.acmeEmail } : {}),
                        privateKeySecretRef: { name: `${clusterIssuerName}-account-key` },
                        solvers: [{ http01: { ingress: { ingressClassName } } }],
                    },
                },
            },
            { parent: this, dependsOn: [certManager] },
        );
        this.controller = new Release(
            `${name}-nginx`,
            {
                name: "ingress-nginx",
                chart: "ingress-nginx",
                version: ingressNginxChartVersion,
                repositoryOpts: { repo: "https://kubernetes.github.io/ingress-nginx" },
                namespace: ingressNamespace,
                createNamespace: true,
                values: ingressNginxValues(args),
            },
            { parent: this },
        );
        this.registerOutputs({});
    }
}
