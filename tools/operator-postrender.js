#!/usr/bin/env node
// @ts-check
// Helm post-renderer for the humio-operator release. The chart hard-codes
// `replicas: 1` on the operator Deployment; Helm's three-way merge would put
// that value back on every upgrade, starting a standby's operator. Removing
// the field leaves the replica count to its owners on the cluster: the
// standby gate (0), the failover function or an operator (1), or the API
// server's default (1) when nobody owns it.
// Helm runs it with the rendered manifests on stdin and reads them back from stdout.
"use strict";
const yaml = require("js-yaml");

/**
 * @param {string} manifests multi-document YAML as Helm renders it
 * @returns {string} the same documents, Deployments without spec.replicas
 */
function stripDeploymentReplicas(manifests) {
    const docs = yaml.loadAll(manifests).filter((d) => d !== null && d !== undefined);
    for (const doc of docs) {
        if (doc && typeof doc === "object" && /** @type {any} */ (doc).kind === "Deployment" && /** @type {any} */ (doc).spec) {
            delete /** @type {any} */ (doc).spec.replicas;
        }
    }
    return docs.map((d) => `---\n${yaml.dump(d, { lineWidth: -1, noRefs: true })}`).join("");
}

module.exports = { stripDeploymentReplicas };

if (require.main === module) {
    const chunks = [];
    process.stdin.on("data", (c) => chunks.push(c));
    process.stdin.on("end", () => {
        try {
            process.stdout.write(stripDeploymentReplicas(Buffer.concat(chunks).toString("utf8")));
        } catch (e) {
            process.stderr.write(`operator-postrender: ${e instanceof Error ? e.message : e}\n`);
            process.exit(1);
        }
    });
}
