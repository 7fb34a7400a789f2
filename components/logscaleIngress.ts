// Services and the Ingress that put LogScale on the cluster's edge: UI
// traffic to `<prefix>-ui-cip`, ingest to `<prefix>-ingest-cip`. Their
// selectors decide which pods serve, and they are what a two-phase promotion
// flips.
import * as pulumi from "@pulumi/pulumi";
import * as core from "@pulumi/kubernetes/core/v1";
import * as networking from "@pulumi/kubernetes/networking/v1";
import { ClusterType } from "../stacks/configSchema";
import { hasDedicatedPool, nodePoolLabel } from "./humioCluster";
import { clusterIssuerName, ingressClassName } from "./ingressController";

export const logscalePort = 8080;
export const anyLogScalePod = { "app.kubernetes.io/name": "humio" };

export interface IngressSelectors {
    ui: Record<string, string>;
    ingest: Record<string, string>;
}

/**
 * Pods each service selects. Shared routing (`dedicatedRouting=false`) sends
 * everything to every LogScale pod: on a standby that is the single digest
 * pod, and during phase 1 of a promotion it keeps serving while the new pools
 * start. Dedicated routing selects the UI and ingest pools where the cluster
 * type has them.
 */
export function ingressSelectors(type: ClusterType, clusterName: string, dedicatedRouting: boolean): IngressSelectors {
    const pool = (role: "ui" | "ingest") =>
        dedicatedRouting && hasDedicatedPool(type, role) ? { "humio.com/node-pool": nodePoolLabel(clusterName, role) } : anyLogScalePod;
    return { ui: pool("ui"), ingest: pool("ingest") };
}

export function serviceNames(namePrefix: string) {
    return { ui: `${namePrefix}-ui-cip`, ingest: `${namePrefix}-ingest-cip` };
}

export interface LogScaleIngressArgs {
    namespace: string;
    namePrefix: string;
    selectors: IngressSelectors;
    /** Host names served: the cluster's own FQDN and the global name. */
    hosts: pulumi.Input<string>[];
}

export class LogScaleIngress extends pulumi.ComponentResource {
    constructor(name: string, args: LogScaleIngressArgs, opts?: pulumi.ComponentResourceOptions) {
        super("logscale-dr:logscale:LogScaleIngress", name, {}, opts);
        const names = serviceNames(args.namePrefix);
        const service = (role: "ui" | "ingest") =>
            new core.Service(
                `${name}-${role}`,
                {
                    metadata: { name: names[role], namespace: args.namespace },
                    spec: {
                        type: "ClusterIP",
                        selector: args.selectors[role],
                        ports: [{ name: "http", port: logscalePort, targetPort: logscalePort, protocol: "TCP" }],
                    },
                },
                { parent: this },
            );
        const ui = service("ui");
        const ingest = service("ingest");
        const backend = (svc: core.Service) => ({ service: { name: svc.metadata.name, port: { number: logscalePort } } });

        new networking.Ingress(
            `${name}-ingress`,
            {
                metadata: {
                    name: `${args.namePrefix}-logscale`,
                    namespace: args.namespace,
                    annotations: {
                        "cert-manager.io/cluster-issuer": clusterIssuerName,
                        // LogScale's own port speaks TLS (HumioCluster tls.enabled).
                        "nginx.ingress.kubernetes.io/backend-protocol": "HTTPS",
                        "nginx.ingress.kubernetes.io/affinity": "cookie",
                        "nginx.ingress.kubernetes.io/session-cookie-name": "logscale-route",
                        "nginx.ingress.kubernetes.io/proxy-body-size": "16m",
                        "nginx.ingress.kubernetes.io/proxy-read-timeout": "300",
                        "nginx.ingress.kubernetes.io/proxy-send-timeout": "300",
                        "nginx.ingress.kubernetes.io/proxy-connect-timeout": "300",
                        "nginx.ingress.kubernetes.io/proxy-buffering": "off",
                    },
                },
                spec: {
                    ingressClassName,
                    tls: [{ hosts: args.hosts, secretName: `${args.namePrefix}-logscale-tls` }],
                    rules: args.hosts.map((host) => ({
                        host,
                        http: {
                            paths: [
                                { path: "/api/v1/ingest/", pathType: "Prefix", backend: backend(ingest) },
                                { path: "/", pathType: "Prefix", backend: backend(ui) },
                            ],
                        },
                    })),
                },
            },
            { parent: this },
        );
        this.registerOutputs({});
    }
}
