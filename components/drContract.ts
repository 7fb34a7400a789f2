// Names and versions the program, the failover function's infrastructure and
// drctl agree on. No dependencies, so the tools that use them start fast.

/** Namespace of LogScale, Kafka and the humio-operator. */
export const logscaleNamespace = "logging";
/** The operator Deployment the standby gate, the failover function and drctl scale. */
export const operatorDeploymentName = "humio-operator";
/** LogScale answers 200 here when the node is up and 503 when it is not. */
export const healthProbePath = "/api/v1/status";

export const strimziChartVersion = "0.47.0";
export const kafkaVersion = "3.9.0";
/** Strimzi's Kafka image for this operator and Kafka version (drctl's topic reset pod runs it). */
export const kafkaImage = `quay.io/strimzi/kafka:${strimziChartVersion}-kafka-${kafkaVersion}`;

/** Strimzi names the cluster CA secret and bootstrap service after the Kafka cluster. */
export function kafkaClusterName(namePrefix: string): string {
    return `${namePrefix}-strimzi-kafka`;
}

/** The standby's metric alert on the primary endpoint. */
export function alertRuleName(namePrefix: string): string {
    return `${namePrefix}-primary-endpoint-down`;
}
