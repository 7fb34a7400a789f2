// Services and the Ingress that route clients to LogScale: UI
// traffic to `<prefix>-ui-cip`, ingest to `<prefix>-ingest-cip`. Their
// selectors decide which pods serve, and they are what a two-phase promotion
// flips.
import * as pulumi from "@pulumi/pulumi";
import * as core from "@pulumi/kubernetes/core/v1";
import * as networking from "@pulumi/kubernetes/networking/v1";
import { clusterIssuerName, ingressClassName } from "./ingressController";

export const logscalePort = 8080;

/** The pods each service selects (model/regionPlan.ts decides). */
export interface IngressSelectors {
    ui: Record<string, string>;
    ingest: Record<string, string>;
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
