// One region of the DR pair. Both stacks run this composition; config decides
// what each becomes.
import * as pulumi from "@pulumi/pulumi";
import * as resources from "@pulumi/azure-native/resources";
import { StackConfig } from "./config";
import { LogStorage } from "../components/storage";
import { resourceTags } from "../components/tags";

export async function deployRegion(config: StackConfig): Promise<Record<string, unknown>> {
    const tags = resourceTags(config);
    const group = new resources.ResourceGroup("region", {
        resourceGroupName: `${config.namePrefix}-logscale-${config.location}`,
        location: config.location,
        tags,
    });
    const store = new LogStorage("logs", {
        resourceGroupName: group.name,
        location: config.location,
        namePrefix: config.namePrefix,
        tags,
        allowedSubnetIds: [],
        allowedIps: config.peer?.egressIp ? [config.peer.egressIp] : [],
    });
    return {
        location: config.location,
        namePrefix: config.namePrefix,
        storageAccountName: store.accountName,
        storageContainerName: store.containerName,
        storageBlobEndpoint: store.blobEndpoint,
        storageObjectKeyPrefix: store.objectKeyPrefix,
        storageAccountKey: pulumi.secret(store.accountKey),
        storageEncryptionKey: pulumi.secret(store.encryptionKey),
        aksResourceGroup: group.name,
    };
}
