// LogScale on the cluster: a Kubernetes provider from the cluster's Entra ID
// credentials, the `logging` namespace and its secrets, the edge (cert-manager,
// ingress-nginx), Kafka, the humio-operator, the HumioCluster, and the
// services and Ingress in front of it.
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes/provider";
import * as core from "@pulumi/kubernetes/core/v1";
import * as apiextensions from "@pulumi/kubernetes/apiextensions";
import * as random from "@pulumi/random";
import { ClusterType, DrMode } from "../stacks/configSchema";
import { logscaleNamespace } from "./drContract";
import { RecoverySource, recoverySourceSecret } from "./drEnv";
import { humioClusterObject, LogScaleAuthentication, logscaleSecrets } from "./humioCluster";
import { HumioOperator } from "./humioOperator";
import { IngressController, IngressExposure } from "./ingressController";
import { Kafka } from "./kafka";
import { ingressSelectors, LogScaleIngress } from "./logscaleIngress";
import { oidcProvider, SignInClient } from "./signIn";
import { ClusterSize, clusterSizes } from "./sizing";
import { logscaleServiceAccount } from "./workloadIdentity";


export interface LogScaleArgs {
    kubeconfig: pulumi.Input<string>;
    /** Resources the cluster must have before anything is scheduled on it (its node pools). */
    clusterReady: pulumi.Resource[];
    namePrefix: string;
    location: string;
    dr: DrMode;
    drUseDedicatedRouting: boolean;
    drPreserveRecoveryEnv: boolean;
    clusterType: ClusterType;
    clusterSize: ClusterSize;
    image: string;
    license: pulumi.Input<string>;
    acmeEmail: string;
    /** The name clients use, and this cluster's own. */
    globalFqdn: string;
    clusterFqdn: pulumi.Input<string>;
    ingressExposure: IngressExposure;
    storage: {
        accountName: pulumi.Input<string>;
        containerName: pulumi.Input<string>;
        blobEndpoint: pulumi.Input<string>;
        objectKeyPrefix: string;
        accountKey: pulumi.Input<string>;
        encryptionKey: pulumi.Input<string>;
    };
    /** The peer's bucket and keys, when the peer exports them. */
    peerStorage?: RecoverySource & { accountKey: pulumi.Input<string>; encryptionKey: pulumi.Input<string> };
    /** Entra ID sign-in; without it LogScale has one static admin user. */
    signIn?: SignInClient;
    /** Client id of the region's LogScale identity: pods run as a service account federated with it. */
    workloadIdentityClientId?: pulumi.Input<string>;
}

export class LogScale extends pulumi.ComponentResource {
    /** The static admin user's password, where users sign in with static users. */
    readonly adminPassword?: pulumi.Output<string>;

    constructor(name: string, args: LogScaleArgs, opts?: pulumi.ComponentResourceOptions) {
        super("logscale-dr:logscale:LogScale", name, {}, opts);
        const provider = new k8s.Provider(
            `${name}-k8s`,
            { kubeconfig: pulumi.secret(args.kubeconfig), enableServerSideApply: true },
            { parent: this, dependsOn: args.clusterReady },
        );
        const child = { parent: this, provider };
        const size = clusterSizes[args.clusterSize];

        const namespace = new core.Namespace(`${name}-namespace`, { metadata: { name: logscaleNamespace } }, child);
        const secret = (id: string, secretName: string, data: Record<string, pulumi.Input<string>>) =>
            new core.Secret(
                `${name}-${id}`,
                {
                    metadata: { name: secretName, namespace: logscaleNamespace },
                    type: "Opaque",
                    stringData: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, pulumi.secret(v)])),
                },
                { ...child, dependsOn: [namespace] },
            );
        const secrets = [
            secret("storage-key", logscaleSecrets.storageKey.name, { [logscaleSecrets.storageKey.key]: args.storage.accountKey }),
            secret("encryption-key", logscaleSecrets.encryptionKey.name, { [logscaleSecrets.encryptionKey.key]: args.storage.encryptionKey }),
            secret("license", logscaleSecrets.license.name, { [logscaleSecrets.license.key]: args.license }),
        ];
        let authentication: LogScaleAuthentication;
        if (args.signIn) {
            secrets.push(secret("oidc", logscaleSecrets.oidcClientSecret.name, { [logscaleSecrets.oidcClientSecret.key]: args.signIn.clientSecret }));
            authentication = { kind: "oidc", provider: pulumi.output(args.signIn.tenantId).apply(oidcProvider), clientId: args.signIn.clientId };
        } else {
            const adminPassword = new random.RandomPassword(`${name}-admin-password`, { length: 32, special: false }, { parent: this });
            this.adminPassword = pulumi.secret(adminPassword.result);
            secrets.push(secret("static-users", logscaleSecrets.staticUsers.name, { [logscaleSecrets.staticUsers.key]: pulumi.interpolate`admin:${adminPassword.result}` }));
            authentication = { kind: "static" };
        }
        if (args.peerStorage) {
            // The peer's keys: a standby recovers from them, an active region fails back with them.
            secrets.push(
                secret("recovery-source", recoverySourceSecret.name, {
                    [recoverySourceSecret.accountKey]: args.peerStorage.accountKey,
                    [recoverySourceSecret.encryptionKey]: args.peerStorage.encryptionKey,
                }),
            );
        }
        // The pods start only once every secret they read, and their service account, exist.
        const podDependencies: pulumi.Resource[] = [...secrets];
        if (args.workloadIdentityClientId) {
            podDependencies.push(
                new core.ServiceAccount(
                    `${name}-service-account`,
                    {
                        metadata: {
                            name: logscaleServiceAccount,
                            namespace: logscaleNamespace,
                            annotations: { "azure.workload.identity/client-id": args.workloadIdentityClientId },
                        },
                    },
                    { ...child, dependsOn: [namespace] },
                ),
            );
        }

        const edge = new IngressController(
            `${name}-edge`,
            {
                exposure: args.ingressExposure,
                acmeEmail: args.acmeEmail,
                ...size.ingressController,
            },
            { parent: this, providers: [provider] },
        );
        const kafka = new Kafka(`${name}-kafka`, { namespace: logscaleNamespace, namePrefix: args.namePrefix, brokers: size.kafkaBrokers }, { parent: this, providers: [provider], dependsOn: [namespace] });
        const operator = new HumioOperator(`${name}-operator`, { namespace: logscaleNamespace, dr: args.dr }, { parent: this, providers: [provider], dependsOn: [namespace] });

        new apiextensions.CustomResource(
            `${name}-cluster`,
            humioClusterObject({
                name: args.namePrefix,
                namespace: logscaleNamespace,
                image: args.image,
                dr: args.dr,
                drPreserveRecoveryEnv: args.drPreserveRecoveryEnv,
                clusterType: args.clusterType,
                clusterSize: args.clusterSize,
                location: args.location,
                publicHostname: args.globalFqdn,
                storage: args.storage,
                recoverySource: args.peerStorage,
                authentication,
                serviceAccountName: args.workloadIdentityClientId ? logscaleServiceAccount : undefined,
            }),
            { ...child, dependsOn: [...operator.ready, kafka.cluster, edge.clusterIssuer, ...podDependencies] },
        );

        new LogScaleIngress(
            `${name}-ingress`,
            {
                namespace: logscaleNamespace,
                namePrefix: args.namePrefix,
                selectors: ingressSelectors(args.clusterType, args.namePrefix, args.drUseDedicatedRouting),
                hosts: [args.clusterFqdn, args.globalFqdn],
            },
            { parent: this, providers: [provider], dependsOn: [edge.controller, namespace] },
        );
        this.registerOutputs({});
    }
}
