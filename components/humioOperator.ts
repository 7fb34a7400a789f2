// The humio-operator, and the gate that holds it at zero replicas on a standby.
//
// The chart hard-codes `replicas: 1`. Three pieces keep the replica count
// where DR needs it:
//  1. A Helm post-renderer (tools/operator-postrender.js) strips `replicas`
//     from the rendered Deployment, so Helm never owns the field and no chart
//     upgrade can set it back to 1.
//  2. On a standby, a DeploymentPatch (server-side apply, its own field
//     manager) sets it to 0 when it is created and never again:
//     `ignoreChanges: ["spec.replicas"]`. A failover that scales the operator
//     to 1 takes ownership of the field; a later `pulumi up` on the standby
//     leaves it alone.
//  3. Promotion deletes the gate. Deleting a patch relinquishes its fields; if
//     nobody else owns `replicas` the API server defaults it to 1.
import * as pulumi from "@pulumi/pulumi";
import { Release } from "@pulumi/kubernetes/helm/v3/release";
import * as apps from "@pulumi/kubernetes/apps/v1";
import { nodePoolLabelKey, nodePoolLabels, operatorDeploymentName } from "../contract";

export const humioOperatorChartVersion = "0.34.1";
/** Path Helm runs, relative to the project root (Pulumi starts providers there). */
export const operatorPostRenderer = "./tools/operator-postrender.js";
export const standbyGateFieldManager = "logscale-dr-standby-gate";

export interface HumioOperatorArgs {
    namespace: string;
    /** Hold the operator at zero replicas (a standby: LogScale stays down until failover). */
    standbyGate: boolean;
}

export class HumioOperator extends pulumi.ComponentResource {
    readonly release: Release;
    /** What the HumioCluster must wait for: the release, and on a standby the gate. */
    readonly ready: pulumi.Resource[];

    constructor(name: string, args: HumioOperatorArgs, opts?: pulumi.ComponentResourceOptions) {
        super("logscale-dr:logscale:HumioOperator", name, {}, opts);
        // Release inputs never depend on the DR mode: promotion must not upgrade the chart.
        this.release = new Release(
            `${name}-release`,
            {
                name: operatorDeploymentName,
                chart: "humio-operator",
                version: humioOperatorChartVersion,
                repositoryOpts: { repo: "https://humio.github.io/humio-operator" },
                namespace: args.namespace,
                postrender: operatorPostRenderer,
                values: {
                    certmanager: true,
                    operator: { nodeSelector: { [nodePoolLabelKey]: nodePoolLabels.system } },
                },
            },
            { parent: this },
        );
        this.ready = [this.release];
        if (args.standbyGate) {
            this.ready.push(
                new apps.DeploymentPatch(
                    `${name}-standby-gate`,
                    {
                        metadata: {
                            name: operatorDeploymentName,
                            namespace: args.namespace,
                            annotations: {
                                "pulumi.com/patchFieldManager": standbyGateFieldManager,
                                "pulumi.com/patchForce": "true",
                            },
                        },
                        spec: { replicas: 0 },
                    },
                    { parent: this, dependsOn: [this.release], ignoreChanges: ["spec.replicas"] },
                ),
            );
        }
        this.registerOutputs({});
    }
}
