// Kafka for LogScale: the Strimzi operator and a KRaft cluster with a TLS
// listener on 9093. The cluster holds LogScale's ingest queue and global
// events, so it is protected and identical in every DR mode.
import * as pulumi from "@pulumi/pulumi";
import { Release } from "@pulumi/kubernetes/helm/v3/release";
import * as apiextensions from "@pulumi/kubernetes/apiextensions";
import { kafkaClusterName, kafkaVersion, nodePoolLabelKey, nodePoolLabels, strimziChartVersion } from "../contract";
import { PodSize } from "./sizes";

/** A NetworkPolicy peer, as Strimzi's listener `networkPolicyPeers` takes it (pods of this namespace by label). */
export interface KafkaListenerPeer {
    podSelector: { matchLabels: Record<string, string> };
}

export interface KafkaArgs {
    namespace: pulumi.Input<string>;
    namePrefix: string;
    brokers: PodSize;
    /** The pods that may connect to the TLS listener (model/clusterSecurity.ts). */
    listenerPeers: KafkaListenerPeer[];
}

/**
 * The strimzi-kafka-operator chart's values. `generateNetworkPolicy` is the
 * chart's default, pinned: with it the operator keeps a NetworkPolicy beside
 * each Kafka cluster that opens the ports its own components use (control
 * plane 9090, replication 9091, agent 8443) to them only, and each listener's
 * port to the listener's `networkPolicyPeers`, to everyone when none are
 * given (strimzi/strimzi-kafka-operator, cluster-operator KafkaCluster.java,
 * generateNetworkPolicy). The `logging` namespace denies all other ingress
 * (model/clusterSecurity.ts), so without those policies Kafka could not
 * replicate.
 */
export function strimziValues(): Record<string, unknown> {
    return { nodeSelector: { [nodePoolLabelKey]: nodePoolLabels.system }, generateNetworkPolicy: true };
}

/** Broker settings: replicate to three brokers (fewer only on tiny clusters), and refuse writes below two in sync. */
export function kafkaBrokerConfig(brokers: number): Record<string, number> {
    const replicas = Math.min(3, brokers);
    return {
        "default.replication.factor": replicas,
        "offsets.topic.replication.factor": replicas,
        "transaction.state.log.replication.factor": replicas,
        "transaction.state.log.min.isr": Math.min(2, replicas),
        "min.insync.replicas": Math.min(2, replicas),
    };
}

export class Kafka extends pulumi.ComponentResource {
    readonly clusterName: string;
    readonly cluster: apiextensions.CustomResource;

    constructor(name: string, args: KafkaArgs, opts?: pulumi.ComponentResourceOptions) {
        super("logscale-dr:kafka:Kafka", name, {}, opts);
        this.clusterName = kafkaClusterName(args.namePrefix);
        const onKafkaNodes = {
            nodeAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: {
                    nodeSelectorTerms: [{ matchExpressions: [{ key: nodePoolLabelKey, operator: "In", values: [nodePoolLabels.kafka] }] }],
                },
            },
        };

        const operator = new Release(
            `${name}-strimzi`,
            {
                name: "strimzi-kafka-operator",
                chart: "strimzi-kafka-operator",
                version: strimziChartVersion,
                repositoryOpts: { repo: "https://strimzi.io/charts/" },
                namespace: args.namespace,
                values: strimziValues(),
            },
            { parent: this },
        );
        const data = { parent: this, dependsOn: [operator], protect: true };
        const labels = { "strimzi.io/cluster": this.clusterName };
        new apiextensions.CustomResource(
            `${name}-brokers`,
            {
                apiVersion: "kafka.strimzi.io/v1beta2",
                kind: "KafkaNodePool",
                metadata: { name: "brokers", namespace: args.namespace, labels },
                spec: {
                    replicas: args.brokers.count,
                    roles: ["controller", "broker"],
                    resources: { requests: { cpu: args.brokers.cpu, memory: args.brokers.memory }, limits: { cpu: args.brokers.cpu, memory: args.brokers.memory } },
                    storage: {
                        type: "jbod",
                        volumes: [{ id: 0, type: "persistent-claim", size: args.brokers.disk, class: "managed-csi-premium", deleteClaim: false, kraftMetadata: "shared" }],
                    },
                    template: { pod: { affinity: onKafkaNodes } },
                },
            },
            data,
        );
        this.cluster = new apiextensions.CustomResource(
            `${name}-cluster`,
            {
                apiVersion: "kafka.strimzi.io/v1beta2",
                kind: "Kafka",
                metadata: {
                    name: this.clusterName,
                    namespace: args.namespace,
                    annotations: { "strimzi.io/node-pools": "enabled", "strimzi.io/kraft": "enabled" },
                },
                spec: {
                    kafka: {
                        version: kafkaVersion,
                        // No client authentication: mTLS would need a KafkaUser, keystore and ACLs for LogScale and for
                        // drctl's topic reset pod alike. Instead the brokers' NetworkPolicy admits only `listenerPeers` here.
                        listeners: [{ name: "tls", port: 9093, type: "internal", tls: true, networkPolicyPeers: args.listenerPeers }],
                        config: kafkaBrokerConfig(args.brokers.count),
                    },
                    entityOperator: { topicOperator: {}, userOperator: {} },
                },
            },
            data,
        );
        this.registerOutputs({ clusterName: this.clusterName });
    }
}
