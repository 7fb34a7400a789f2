// LogScale itself on the cluster: the secrets and the service account its
// pods use, and the HumioCluster the humio-operator runs. Kafka, the
// operator, the ingress controller and the routing in front are components
// of their own; the HumioCluster waits for what it needs of them.
import * as pulumi from "@pulumi/pulumi";
import * as core from "@pulumi/kubernetes/core/v1";
import * as apiextensions from "@pulumi/kubernetes/apiextensions";
import * as random from "@pulumi/random";
import { logscaleNamespace, logscaleSecrets, logscaleServiceAccount } from "../contract";
import { humioClusterObject, HumioClusterInputs, LogScaleAuthentication } from "./humioCluster";
import { oidcProvider, SignInClient } from "./signIn";

export interface LogScaleArgs {
    /** The namespace resource: everything here is created in it. */
    namespace: pulumi.Resource;
    license: pulumi.Input<string>;
    /** This region's bucket keys. */
    storageKeys: { accountKey: pulumi.Input<string>; encryptionKey: pulumi.Input<string> };
    /** The peer's bucket keys, where the region plan holds them (the recovery-source secret). */
    recoveryKeys?: { accountKey: pulumi.Input<string>; encryptionKey: pulumi.Input<string> };
    /** Entra ID sign-in; without it LogScale has one static admin user. */
    signIn?: SignInClient;
    /** Client id of the region's LogScale identity: pods run as a service account federated with it. */
    workloadIdentityClientId?: pulumi.Input<string>;
    /** The HumioCluster as the region plan decided it. */
    cluster: Omit<HumioClusterInputs, "namespace" | "authentication" | "serviceAccountName">;
    /** What must run before LogScale's pods start: the operator (and its standby gate), Kafka, the certificate issuer. */
    clusterDependsOn: pulumi.Resource[];
}

export class LogScale extends pulumi.ComponentResource {
    /** The static admin user's password, where users sign in with static users. */
    readonly adminPassword?: pulumi.Output<string>;

    constructor(name: string, args: LogScaleArgs, opts?: pulumi.ComponentResourceOptions) {
        super("logscale-dr:logscale:LogScale", name, {}, opts);
        const child = { parent: this };
        const secret = (id: string, secretName: string, data: Record<string, pulumi.Input<string>>) =>
            new core.Secret(
                `${name}-${id}`,
                {
                    metadata: { name: secretName, namespace: logscaleNamespace },
                    type: "Opaque",
                    stringData: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, pulumi.secret(v)])),
                },
                { ...child, dependsOn: [args.namespace] },
            );
        const secrets = [
            secret("storage-key", logscaleSecrets.storageKey.name, { [logscaleSecrets.storageKey.key]: args.storageKeys.accountKey }),
            secret("encryption-key", logscaleSecrets.encryptionKey.name, { [logscaleSecrets.encryptionKey.key]: args.storageKeys.encryptionKey }),
            secret("license", logscaleSecrets.license.name, { [logscaleSecrets.license.key]: args.license }),
        ];
        let authentication: LogScaleAuthentication;
        if (args.signIn) {
            secrets.push(secret("oidc", logscaleSecrets.oidcClientSecret.name, { [logscaleSecrets.oidcClientSecret.key]: args.signIn.clientSecret }));
            authentication = { kind: "oidc", provider: pulumi.output(args.signIn.tenantId).apply(oidcProvider), clientId: args.signIn.clientId };
        } else {
            const adminPassword = new random.RandomPassword(`${name}-admin-password`, { length: 32, special: false }, child);
            this.adminPassword = pulumi.secret(adminPassword.result);
            secrets.push(secret("static-users", logscaleSecrets.staticUsers.name, { [logscaleSecrets.staticUsers.key]: pulumi.interpolate`admin:${adminPassword.result}` }));
            authentication = { kind: "static" };
        }
        if (args.recoveryKeys) {
            secrets.push(
                secret("recovery-source", logscaleSecrets.recoveryStorageKey.name, {
                    [logscaleSecrets.recoveryStorageKey.key]: args.recoveryKeys.accountKey,
                    [logscaleSecrets.recoveryEncryptionKey.key]: args.recoveryKeys.encryptionKey,
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
                    { ...child, dependsOn: [args.namespace] },
                ),
            );
        }

        new apiextensions.CustomResource(
            `${name}-cluster`,
            humioClusterObject({ ...args.cluster, namespace: logscaleNamespace, authentication, serviceAccountName: args.workloadIdentityClientId ? logscaleServiceAccount : undefined }),
            { ...child, dependsOn: [...args.clusterDependsOn, ...podDependencies] },
        );
        this.registerOutputs({});
    }
}
