// Rule family 1: azure-native inputs against Microsoft's REST definitions.
// Each covered type's compliant baseline passes; each mutation breaks one rule.
import * as assert from "assert";
import { azureRestViolations, toLowerCamel } from "../../tools/preflight/azureRest";
import { createOnlyChanges } from "../../tools/preflight/createOnly";
import { baseline, input, mutated } from "./fixtures";

const ruleIds = (r: Parameters<typeof mutated>[0]) => azureRestViolations(input([r])).map((v) => `${v.ruleId} ${v.property}`);

describe("preflight: Azure REST definitions", () => {
    it("every covered type's baseline is compliant", () => {
        for (const r of [baseline.managedCluster, baseline.agentPool, baseline.maintenance, baseline.storageAccount, baseline.vault, baseline.redis, baseline.linkedServer, baseline.postgres, baseline.profile, baseline.endpoint, baseline.metricAlert, baseline.actionGroup]) {
            assert.deepStrictEqual(azureRestViolations(input([r])), [], r.type);
        }
    });

    it("maps SDK names as azure-native does: x-ms-client-flatten, lowerCamelCase of odata.type", () => {
        assert.strictEqual(toLowerCamel("odata.type"), "odataType");
        assert.strictEqual(toLowerCamel("ID"), "id");
        assert.strictEqual(toLowerCamel("vnetSubnetID"), "vnetSubnetID");
    });

    it("required: a property the definition requires", () => {
        assert.deepStrictEqual(ruleIds(mutated(baseline.metricAlert, "severity", undefined)), ["azure.required severity"]);
    });

    it("required: location is not, azure-native fills it in", () => {
        assert.deepStrictEqual(ruleIds(mutated(baseline.redis, "location", undefined)), []);
    });

    it("type", () => {
        assert.deepStrictEqual(ruleIds(mutated(baseline.agentPool, "count", "3")), ["azure.type count"]);
    });

    it("enum, also inside a discriminated subtype (criteria by odataType, then by criterionType)", () => {
        assert.deepStrictEqual(ruleIds(mutated(baseline.profile, "trafficRoutingMethod", "Fastest")), ["azure.enum trafficRoutingMethod"]);
        assert.deepStrictEqual(ruleIds(mutated(baseline.metricAlert, "criteria.allOf[0].operator", "Below")), ["azure.enum criteria.allOf[0].operator"]);
    });

    it("pattern, on a path parameter", () => {
        assert.deepStrictEqual(ruleIds(mutated(baseline.agentPool, "agentPoolName", "Kafka_1")), ["azure.pattern agentPoolName"]);
    });

    it("minLength and maxLength", () => {
        assert.deepStrictEqual(ruleIds(mutated(baseline.storageAccount, "accountName", "ab")), ["azure.minLength accountName"]);
        assert.deepStrictEqual(ruleIds(mutated(baseline.actionGroup, "groupShortName", "a-much-too-long-name")), ["azure.maxLength groupShortName"]);
    });

    it("minimum and maximum", () => {
        assert.deepStrictEqual(ruleIds(mutated(baseline.maintenance, "timeInWeek[0].hourSlots[1]", 24)), ["azure.maximum timeInWeek[0].hourSlots[1]"]);
        assert.deepStrictEqual(ruleIds(mutated(baseline.agentPool, "osDiskSizeGB", -1)), ["azure.minimum osDiskSizeGB"]);
    });

    it("read-only properties given as inputs", () => {
        assert.deepStrictEqual(ruleIds(mutated(baseline.managedCluster, "oidcIssuerProfile.issuerURL", "https://issuer")), ["azure.readOnly oidcIssuerProfile.issuerURL"]);
    });

    it("a writable flattened property is not taken for a read-only one of the same name (AgentPool type)", () => {
        assert.deepStrictEqual(ruleIds(mutated(baseline.agentPool, "type", "VirtualMachineScaleSets")), []);
    });

    it("nested properties the definition does not declare", () => {
        assert.deepStrictEqual(ruleIds(mutated(baseline.managedCluster, "networkProfile.netwrokPlugin", "azure")), ["azure.unknown networkProfile.netwrokPlugin"]);
    });

    it("parts of the excerpts that were not read, or condensed to an object without properties, are not checked", () => {
        assert.deepStrictEqual(ruleIds(mutated(baseline.managedCluster, "securityProfile.anything", true)), []);
        assert.deepStrictEqual(ruleIds(mutated(baseline.maintenance, "maintenanceWindow", { schedule: { weekly: { intervalWeeks: 1, dayOfWeek: "Sunday" } }, durationHours: 4, startTime: "02:00", utcOffset: "+00:00" })), []);
    });

    it("a violation names the definition it comes from", () => {
        const [v] = azureRestViolations(input([mutated(baseline.profile, "trafficRoutingMethod", "Fastest")]));
        assert.match(v.source, /^Azure\/azure-rest-api-specs@0f982d8 trafficmanager\.json#\/definitions\/ProfileProperties\/properties\/trafficRoutingMethod \(api-version 2022-04-01\)$/);
    });

    describe("create-only properties between two renderings", () => {
        it("a protected resource whose create-only property changes", () => {
            const changed = createOnlyChanges([baseline.postgres], [mutated(baseline.postgres, "sourceServerResourceId", "/subscriptions/x/resourceGroups/y/providers/Microsoft.DBforPostgreSQL/flexibleServers/other")], "dr=active → dr=standby");
            assert.deepStrictEqual(changed.map((v) => `${v.ruleId} ${v.property}`), ["azure.createOnly sourceServerResourceId"]);
        });
        it("a nested one (Servers.json Backup.geoRedundantBackup is create/read), named by its path and definition", () => {
            const before = mutated(baseline.postgres, "backup.geoRedundantBackup", "Disabled");
            const [v, ...rest] = createOnlyChanges([before], [mutated(before, "backup.geoRedundantBackup", "Enabled")], "x");
            assert.deepStrictEqual([`${v.ruleId} ${v.property}`, rest.length], ["azure.createOnly backup.geoRedundantBackup", 0]);
            assert.match(v.source, /Backup\/properties\/geoRedundantBackup/);
        });
        it("not when it is unprotected (azure-native replaces it), ignored, or unchanged", () => {
            const after = mutated(baseline.postgres, "location", "westus");
            assert.deepStrictEqual(createOnlyChanges([baseline.postgres], [{ ...after, options: { ...after.options, protect: false } }], "x"), []);
            assert.deepStrictEqual(createOnlyChanges([baseline.postgres], [{ ...after, options: { ...after.options, ignoreChanges: ["location"] } }], "x"), []);
            assert.deepStrictEqual(createOnlyChanges([baseline.postgres], [baseline.postgres], "x"), []);
        });
    });
});
