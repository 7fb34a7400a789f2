// How clients reach LogScale: the services `<prefix>-ui-cip` and
// `<prefix>-ingest-cip`, whose selectors decide which pods serve (a two-phase
// promotion flips them), and in front of them a Gateway with one certificate
// per host name, the routes, and the Envoy Gateway policies that keep what the
// vendor's ingress-nginx annotations did: sticky sessions on the cookie
// `logscale-route`, 16 MiB request bodies, 300 s without traffic before a
// request is cut, responses streamed, and TLS to LogScale's own port.
import * as pulumi from "@pulumi/pulumi";
import * as core from "@pulumi/kubernetes/core/v1";
import * as apiextensions from "@pulumi/kubernetes/apiextensions";
import { logscaleTls } from "../contract";
import { issuerName, IssuerKind } from "./gateway";

export const logscalePort = 8080;
export const ingestPathPrefix = "/api/v1/ingest/";

/** The pods each service selects (model/regionPlan.ts decides). */
export interface IngressSelectors {
    ui: Record<string, string>;
    ingest: Record<string, string>;
}

/** The names LogScale answers to: the cluster's own FQDN, and the global name Traffic Manager hands out. */
export type HostRole = "cluster" | "global";
export const hostRoles: readonly HostRole[] = ["cluster", "global"];

export function serviceNames(namePrefix: string) {
    return { ui: `${namePrefix}-ui-cip`, ingest: `${namePrefix}-ingest-cip` };
}

export function gatewayName(namePrefix: string): string {
    return `${namePrefix}-logscale`;
}

export type RouteId = "ui" | "ingest" | "redirect";

/** An HTTPRoute's name: the policies that shape a route name it. */
export function routeName(namePrefix: string, route: RouteId): string {
    return `${namePrefix}-logscale-${route}`;
}

/** The Gateway's listeners by purpose. */
export const listenerNames = { http: "http", https: "https", httpsGlobal: "https-global" } as const;

function tlsSecret(namePrefix: string, role: HostRole): string {
    return `${namePrefix}-logscale-${role}-tls`;
}

/**
 * One Certificate per host name, each from its own issuer: an order that
 * cannot be validated for one name (the global name's HTTP-01 challenge where
 * Traffic Manager does not route) no longer fails, and backs off, the other's.
 */
export function siteCertificate(namePrefix: string, role: HostRole, host: pulumi.Input<string>, issuer: IssuerKind) {
    return {
        metadata: { name: `${namePrefix}-logscale-${role}` },
        spec: { secretName: tlsSecret(namePrefix, role), dnsNames: [host], issuerRef: { group: "cert-manager.io", kind: "ClusterIssuer", name: issuerName(issuer) } },
    };
}

/**
 * Listeners: HTTP for ACME challenges and the redirect to HTTPS; HTTPS with
 * the cluster's certificate for any name, so a request whose SNI is not the
 * global name (the Traffic Manager probe, sent to the cluster's FQDN with the
 * global name as Host) still finds the global name's routes; and HTTPS for
 * the global name with its own certificate. A certificate not issued yet
 * leaves only its own listener unprogrammed (Envoy Gateway reports the
 * listener's refs unresolved), never the other name's.
 */
export function gatewaySpec(namePrefix: string, className: string, globalHost: string) {
    const terminate = (role: HostRole) => ({ mode: "Terminate", certificateRefs: [{ group: "", kind: "Secret", name: tlsSecret(namePrefix, role) }] });
    const sameNamespace = { namespaces: { from: "Same" } };
    return {
        gatewayClassName: className,
        listeners: [
            { name: listenerNames.http, protocol: "HTTP", port: 80, allowedRoutes: sameNamespace },
            { name: listenerNames.https, protocol: "HTTPS", port: 443, tls: terminate("cluster"), allowedRoutes: sameNamespace },
            { name: listenerNames.httpsGlobal, protocol: "HTTPS", port: 443, hostname: globalHost, tls: terminate("global"), allowedRoutes: sameNamespace },
        ],
    };
}

/** The routes: ingest paths to the ingest service, everything else to the UI service, on both HTTPS listeners for both names; HTTP redirects. */
export function routeSpecs(namePrefix: string, hosts: pulumi.Input<string>[]) {
    const gateway = gatewayName(namePrefix);
    const https = [listenerNames.https, listenerNames.httpsGlobal].map((sectionName) => ({ name: gateway, sectionName }));
    const services = serviceNames(namePrefix);
    const to = (service: string, path: string) => ({
        parentRefs: https,
        hostnames: hosts,
        rules: [{ matches: [{ path: { type: "PathPrefix", value: path } }], backendRefs: [{ name: service, port: logscalePort }] }],
    });
    const routes = {
        // The longest matching prefix wins across routes on a listener (Gateway API, HTTPRouteRule matching precedence).
        ingest: to(services.ingest, ingestPathPrefix),
        ui: to(services.ui, "/"),
        // ingress-nginx redirected HTTP to HTTPS for hosts with TLS; cert-manager's challenge routes match exact paths and win over this prefix.
        redirect: {
            parentRefs: [{ name: gateway, sectionName: listenerNames.http }],
            hostnames: hosts,
            rules: [{ filters: [{ type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode: 301 } }] }],
        },
    } satisfies Record<RouteId, unknown>;
    return routes;
}

export const sessionCookie = "logscale-route";
export const maxRequestBody = "16Mi";
/** ingress-nginx's proxy-read/send-timeout of 300 s: nginx counts them between two reads or writes (nginx docs, proxy_read_timeout), an idle timeout. */
export const idleTimeout = "300s";

/**
 * BackendTrafficPolicy specs per route (Envoy Gateway v1.9 CRD):
 * - both: no limit on a whole response (Envoy's default of 15 s would cut
 *   LogScale's long queries; "0s" disables it, as Envoy Gateway's timeout
 *   tasks show), and 300 s without traffic in either direction ends a request;
 * - UI: consistent hashing on the cookie `logscale-route`, which Envoy sets
 *   when a browser has none: a user's requests stay on one LogScale node.
 *   Envoy sets the cookie only with a TTL (the CRD's cookie.name); a day
 *   outlasts a working session;
 * - ingest: the request body is buffered and refused over 16 MiB (413), as
 *   nginx's proxy-body-size did (nginx buffers request bodies by default).
 *   Only ingest: buffering a route turns off its WebSocket upgrades, which the
 *   UI uses (LogScale's reverse-proxy docs), and log shippers keep no cookies.
 * Responses are streamed: Envoy buffers none unless told to, the
 * proxy-buffering=off nginx had.
 */
export function trafficPolicySpecs(namePrefix: string) {
    const route = (id: RouteId) => [{ group: "gateway.networking.k8s.io", kind: "HTTPRoute", name: routeName(namePrefix, id) }];
    const timeout = { http: { requestTimeout: "0s", streamIdleTimeout: idleTimeout } };
    return {
        ui: {
            targetRefs: route("ui"),
            loadBalancer: { type: "ConsistentHash", consistentHash: { type: "Cookie", cookie: { name: sessionCookie, ttl: "24h" } } },
            timeout,
        },
        ingest: {
            targetRefs: route("ingest"),
            requestBuffer: { limit: maxRequestBody },
            timeout,
        },
    };
}

/** TLS from Envoy to both services, checked against humio-operator's cluster CA and the name every node certificate carries. */
export function backendTlsSpec(namePrefix: string, clusterName: string, namespace: string) {
    const tls = logscaleTls(clusterName, namespace);
    const names = serviceNames(namePrefix);
    return {
        targetRefs: [names.ui, names.ingest].map((name) => ({ group: "", kind: "Service", name })),
        validation: { caCertificateRefs: [{ group: "", kind: "Secret", name: tls.caSecret }], hostname: tls.serverName },
    };
}

export interface LogScaleIngressArgs {
    namespace: string;
    namePrefix: string;
    selectors: IngressSelectors;
    /** The HumioCluster's name: its CA checks LogScale's certificates. */
    clusterName: string;
    hosts: Record<HostRole, pulumi.Input<string>>;
    /** The global name as a plain string: the global listener's hostname. */
    globalHost: string;
    issuers: Record<HostRole, IssuerKind>;
    gatewayClassName: string;
}

export class LogScaleIngress extends pulumi.ComponentResource {
    constructor(name: string, args: LogScaleIngressArgs, opts?: pulumi.ComponentResourceOptions) {
        super("logscale-dr:logscale:LogScaleIngress", name, {}, opts);
        const child = { parent: this };
        const names = serviceNames(args.namePrefix);
        const service = (role: "ui" | "ingest") =>
            new core.Service(
                `${name}-${role}`,
                {
                    metadata: { name: names[role], namespace: args.namespace },
                    spec: {
                        type: "ClusterIP",
                        selector: args.selectors[role],
                        ports: [{ name: "https", port: logscalePort, targetPort: logscalePort, protocol: "TCP" }],
                    },
                },
                child,
            );
        const services = [service("ui"), service("ingest")];
        const custom = (id: string, apiVersion: string, kind: string, objectName: string, spec: object, dependsOn: pulumi.Resource[] = []) =>
            new apiextensions.CustomResource(`${name}-${id}`, { apiVersion, kind, metadata: { name: objectName, namespace: args.namespace }, spec }, { ...child, dependsOn });

        const certificates = hostRoles.map((role) => {
            const c = siteCertificate(args.namePrefix, role, args.hosts[role], args.issuers[role]);
            return custom(`certificate-${role}`, "cert-manager.io/v1", "Certificate", c.metadata.name, c.spec);
        });
        const gateway = custom("gateway", "gateway.networking.k8s.io/v1", "Gateway", gatewayName(args.namePrefix), gatewaySpec(args.namePrefix, args.gatewayClassName, args.globalHost), certificates);
        const routes = routeSpecs(args.namePrefix, hostRoles.map((role) => args.hosts[role]));
        for (const [id, spec] of Object.entries(routes)) {
            custom(`route-${id}`, "gateway.networking.k8s.io/v1", "HTTPRoute", routeName(args.namePrefix, id as RouteId), spec, [gateway, ...services]);
        }
        for (const [id, spec] of Object.entries(trafficPolicySpecs(args.namePrefix))) {
            custom(`traffic-${id}`, "gateway.envoyproxy.io/v1alpha1", "BackendTrafficPolicy", routeName(args.namePrefix, id as RouteId), spec);
        }
        custom("backend-tls", "gateway.networking.k8s.io/v1", "BackendTLSPolicy", `${args.namePrefix}-logscale`, backendTlsSpec(args.namePrefix, args.clusterName, args.namespace), services);
        this.registerOutputs({});
    }
}
