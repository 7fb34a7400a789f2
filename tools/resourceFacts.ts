// What rendered resources are, as the offline tools and the tests judge them:
// which hold data, and which carry or steer client traffic. One definition;
// the policy pack keeps its own on purpose, so it stays independent of the
// program it checks.
import { failoverFunctionType } from "../components/failoverFunction";

/** Types whose resources hold data wherever they appear (the failover function's host storage excepted: it holds only its package). */
export const dataBearingTypes: ReadonlySet<string> = new Set([
    "azure-native:storage:StorageAccount",
    "azure-native:storage:BlobContainer",
    "azure-native:keyvault:Vault",
    "azure-native:dbforpostgresql:Server",
    "azure-native:redis:Redis",
    "kubernetes:kafka.strimzi.io/v1beta2:Kafka",
    "kubernetes:kafka.strimzi.io/v1beta2:KafkaNodePool",
]);

/** Resources that carry client traffic or decide where it goes. */
export const trafficBearingTypes: ReadonlySet<string> = new Set([
    "azure-native:trafficmanager:Profile",
    "azure-native:trafficmanager:Endpoint",
    "azure-native:network:PublicIPAddress",
    "azure-native:dns:RecordSet",
    "kubernetes:core/v1:Service",
    "kubernetes:gateway.networking.k8s.io/v1:Gateway",
    "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute",
]);

/** Holds data: the program protects it (the encryption key, generated names), or its type holds data, even where the program forgot. */
export function isDataBearing(r: { type: string; urn: string; options: { protect: boolean } }): boolean {
    return r.options.protect || (dataBearingTypes.has(r.type) && !r.urn.includes(`${failoverFunctionType}$`));
}
