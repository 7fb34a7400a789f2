// Every config read and every stack reference of the program happens here.
import * as pulumi from "@pulumi/pulumi";
import { compareParity, Parity, parityProblem, regionParity } from "../components/parity";
import { regionSubnets } from "../components/network";
import { ConfigError, ConfigKey, configKeys, parseStackSettings, peerProblems, problem, RawConfig, StackSettings, unknownKeyProblems } from "./configSchema";

/** The peer region's storage, as its stack exports it. */
export interface PeerStorage {
    location: string;
    accountName: string;
    containerName: string;
    blobEndpoint: string;
    objectKeyPrefix: string;
    accountKey: pulumi.Output<string>;
    encryptionKey: pulumi.Output<string>;
}

/** The peer's Traffic Manager profile, where the peer manages global DNS. */
export interface PeerTrafficManager {
    profileId: string;
    profileName: string;
    resourceGroup: string;
    primaryEndpointName?: string;
}

/** The sign-in application the peer owns. */
export interface PeerSignIn {
    clientId: string;
    applicationId: string;
}

/** What this stack knows of the other region's stack. */
export interface PeerStack {
    name: string;
    location?: string;
    namePrefix?: string;
    egressIp?: string;
    clusterFqdn?: string;
    /** The peer's region resource group, which holds its storage account. */
    resourceGroup?: string;
    /** Present once the peer has exported all of its storage outputs. */
    storage?: PeerStorage;
    trafficManager?: PeerTrafficManager;
    postgresServerId?: string;
    redisCacheId?: string;
    signIn?: PeerSignIn;
    parity?: Parity;
}

export interface StackConfig extends StackSettings {
    logscaleLicense: pulumi.Output<string>;
    peer?: PeerStack;
}

/** Storage outputs a standby recovers from; all must exist before a standby can render. */
const peerStorageOutputs = [
    "location",
    "storageAccountName",
    "storageContainerName",
    "storageBlobEndpoint",
    "storageObjectKeyPrefix",
    "storageAccountKey",
    "storageEncryptionKey",
] as const;

export async function loadStackConfig(): Promise<StackConfig> {
    const cfg = new pulumi.Config();
    const raw: RawConfig = {};
    for (const key of Object.keys(configKeys) as ConfigKey[]) {
        if (!("secret" in configKeys[key])) raw[key] = cfg.get(key);
    }
    const location = new pulumi.Config("azure-native").get("location");
    // isConfigSecret is exported by the SDK's runtime but not typed.
    const { isConfigSecret } = pulumi.runtime as unknown as { isConfigSecret(key: string): boolean };
    const problems = unknownKeyProblems(pulumi.runtime.allConfig(), pulumi.getProject(), isConfigSecret);
    let settings: StackSettings | undefined;
    try {
        settings = parseStackSettings(raw, { project: pulumi.getProject(), stack: pulumi.getStack(), location });
    } catch (e) {
        if (!ConfigError.isConfigError(e)) throw e;
        problems.push(...e.problems);
    }
    const logscaleLicense = cfg.getSecret("logscaleLicense");
    if (logscaleLicense === undefined) {
        problems.push(problem("logscaleLicense", undefined, configKeys.logscaleLicense.allowed));
    }
    if (!settings || problems.length) throw new ConfigError(problems);

    const peer = settings.peerStack ? await readPeerStack(settings.peerStack) : undefined;
    if (peer) {
        const p = peer.stack;
        const missingForStandby = standbyNeeds(settings).filter((n) => !peer.exported.has(n));
        const peerIssues = peerProblems(settings, {
            location: p.location,
            missingForStandby,
            postgresServerId: p.postgresServerId,
            redisCacheId: p.redisCacheId,
            signInClientId: p.signIn?.clientId,
        });
        if (settings.dr === "standby" && p.parity) {
            const rows = compareParity(regionParity(settings, regionSubnets(settings)), p.parity, settings.allowParityDrift);
            const drift = parityProblem(rows, settings.allowParityDrift, pulumi.getStack(), settings.peerStack);
            if (drift) peerIssues.push(drift);
        }
        if (peerIssues.length) throw new ConfigError(peerIssues);
    }
    return { ...settings, logscaleLicense: logscaleLicense!, peer: peer?.stack };
}

/**
 * Peer outputs a standby cannot do without: the bucket it recovers from, the
 * health URL its failover function probes, and the endpoint its alert
 * watches — on the peer's profile, or on its own when it owns global DNS.
 */
function standbyNeeds(s: StackSettings): string[] {
    const watched = s.manageGlobalDns ? ["namePrefix"] : ["trafficManagerProfileId", "primaryEndpointName"];
    return [...peerStorageOutputs, "clusterFqdn", ...watched];
}

async function readPeerStack(name: string): Promise<{ stack: PeerStack; exported: Set<string> }> {
    const ref = new pulumi.StackReference("peer", { name });
    const names = [
        ...peerStorageOutputs,
        "namePrefix",
        "egressIp",
        "clusterFqdn",
        "trafficManagerProfileId",
        "trafficManagerProfileName",
        "trafficManagerResourceGroup",
        "primaryEndpointName",
        "aksResourceGroup",
        "postgresServerId",
        "redisCacheId",
        "signInClientId",
        "signInApplicationId",
        "parity",
    ] as const;
    const details = await Promise.all(names.map((n) => ref.getOutputDetails(n)));
    const exported = new Set<string>(names.filter((_, i) => details[i].value !== undefined || details[i].secretValue !== undefined));
    const plain = (n: (typeof names)[number]): string | undefined => {
        const v = details[names.indexOf(n)].value;
        return typeof v === "string" ? v : undefined;
    };
    const stack: PeerStack = {
        name,
        location: plain("location"),
        namePrefix: plain("namePrefix"),
        egressIp: plain("egressIp"),
        clusterFqdn: plain("clusterFqdn"),
        resourceGroup: plain("aksResourceGroup"),
        postgresServerId: plain("postgresServerId"),
        redisCacheId: plain("redisCacheId"),
    };
    const [signInClientId, signInApplicationId] = [plain("signInClientId"), plain("signInApplicationId")];
    if (signInClientId && signInApplicationId) stack.signIn = { clientId: signInClientId, applicationId: signInApplicationId };
    const parity = details[names.indexOf("parity")].value;
    if (parity && typeof parity === "object") stack.parity = parity as Parity;
    if (peerStorageOutputs.every((n) => exported.has(n))) {
        stack.storage = {
            location: plain("location")!,
            accountName: plain("storageAccountName")!,
            containerName: plain("storageContainerName")!,
            blobEndpoint: plain("storageBlobEndpoint")!,
            objectKeyPrefix: plain("storageObjectKeyPrefix")!,
            accountKey: pulumi.secret(ref.requireOutput("storageAccountKey") as pulumi.Output<string>),
            encryptionKey: pulumi.secret(ref.requireOutput("storageEncryptionKey") as pulumi.Output<string>),
        };
    }
    const profileId = plain("trafficManagerProfileId");
    const profileName = plain("trafficManagerProfileName");
    const resourceGroup = plain("trafficManagerResourceGroup");
    if (profileId && profileName && resourceGroup) stack.trafficManager = { profileId, profileName, resourceGroup, primaryEndpointName: plain("primaryEndpointName") };
    return { stack, exported };
}
