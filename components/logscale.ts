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
import { humioClusterObject, logscaleSecrets } from "./humioCluster";
import { HumioOperator } from "./humioOperator";
import { IngressController } from "./ingressController";
import { Kafka } from "./kafka";
import { ingressSelectors, LogScaleIngress } from "./logscaleIngress";
import { ClusterSize, clusterSizes } from "./sizing";


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
    ingressIp: { resourceGroupName: pulumi.Input<string>; name: pulumi.Input<string> };
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
}

export class LogScale extends pulumi.ComponentResource {
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
        const adminPassword = new random.RandomPassword(`${name}-admin-password`, { length: 32, special: false }, { parent: this });
        const secrets = [
            secret("storage-key", logscaleSecrets.storageKey.name, { [logscaleSecrets.storageKey.key]: args.storage.accountKey }),
            secret("encryption-key", logscaleSecrets.encryptionKey.name, { [logscaleSecrets.encryptionKey.key]: args.storage.encryptionKey }),
            secret("static-users", logscaleSecrets.staticUsers.name, { [logscaleSecrets.staticUsers.key]: pulumi.interpolate`admin:${adminPassword.result}` }),
            secret("license", logscaleSecrets.license.name, { [logscaleSecrets.license.key]: args.license }),
        ];
        if (args.peerStorage) {
            // The peer's keys: a standby recovers from them, an active region fails back with them.
            secrets.push(
                secret("recovery-source", recoverySourceSecret.name, {
                    [recoverySourceSecret.accountKey]: args.peerStorage.accountKey,
                    [recoverySourceSecret.encryptionKey]: args.peerStorage.encryptionKey,
                }),
            );
        }

        const edge = new IngressController(
            `${name}-edge`,
            {
                ipResourceGroup: args.ingressIp.resourceGroupName,
                ipName: args.ingressIp.name,
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
            }),
            { ...child, dependsOn: [...operator.ready, kafka.cluster, edge.clusterIssuer, ...secrets] },
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
