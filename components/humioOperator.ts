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
import * as helm from "@pulumi/kubernetes/helm/v3";
import * as apps from "@pulumi/kubernetes/apps/v1";
import { DrMode } from "../stacks/configSchema";
import { operatorDeploymentName } from "./drContract";
import { poolIdentity } from "./nodePools";

export const humioOperatorChartVersion = "0.34.1";
/** Path Helm runs, relative to the project root (Pulumi starts providers there). */
export const operatorPostRenderer = "./tools/operator-postrender.js";
export const standbyGateFieldManager = "logscale-dr-standby-gate";

/** Operator replicas the DR mode asks for: none on a standby, so LogScale stays down until failover. */
export function operatorReplicas(dr: DrMode): number {
    return dr === "standby" ? 0 : 1;
}

export interface HumioOperatorArgs {
    namespace: string;
    dr: DrMode;
}

export class HumioOperator extends pulumi.ComponentResource {
    readonly release: helm.Release;
    /** What the HumioCluster must wait for: the release, and on a standby the gate. */
    readonly ready: pulumi.Resource[];

    constructor(name: string, args: HumioOperatorArgs, opts?: pulumi.ComponentResourceOptions) {
        super("logscale-dr:logscale:HumioOperator", name, {}, opts);
        // Release inputs never depend on the DR mode: promotion must not upgrade the chart.
        this.release = new helm.Release(
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
                    operator: { nodeSelector: { "k8s-app": poolIdentity.system.label } },
                },
            },
            { parent: this },
        );
        this.ready = [this.release];
        if (operatorReplicas(args.dr) === 0) {
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
                        spec: { replicas: operatorReplicas(args.dr) },
                    },
                    { parent: this, dependsOn: [this.release], ignoreChanges: ["spec.replicas"] },
                ),
            );
        }
        this.registerOutputs({});
    }
}
