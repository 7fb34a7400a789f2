// Which input changes a provider answers with a replacement instead of an
// in-place update, per resource type, from the rules the providers and Azure
// publish rather than a guess at names:
//
// - Azure: every path parameter of the resource's URL, and every create-only
//   property (x-ms-mutability with "create" but not "update") of Microsoft's
//   REST API definitions, at any depth. The definitions are the excerpts in
//   ../shared/schemas/azure (read at run time, never copied here; see its
//   SOURCES.md) and the rules encoded in tools/preflight/encoded, read through
//   the preflight's model of them (tools/preflight/azureRest.ts). pulumi/pulumi-azure-native replaces on path parameters and on
//   create-only properties at the top level (provider/pkg/provider/diff.go,
//   calculateDetailedDiff; provider/pkg/gen/properties.go, forceNew); a deeper
//   create-only change it sends as an update, which ARM does not apply: the
//   resource has to be recreated to get the new value, so the plan shows a
//   replacement either way. azure-native's own extra list
//   (provider/pkg/gen/replacement.go, forceNewMap) is added on top.
// - Azure types the excerpts do not cover: the path parameters azure-native
//   3.28.0's SDK takes for the type's get function (the same URL) and the
//   forceNewMap entries. Their other create-only body properties are not
//   known here.
// - Every Azure type: `location`, create-only on ARM's tracked resources
//   (common-types TrackedResource), also where an excerpt read only part of a
//   body.
// - Kubernetes: pulumi/pulumi-kubernetes replaces on metadata.name and
//   metadata.namespace of every object, and on the fields of its forceNew
//   table (provider/pkg/provider/diff.go); a Helm release on its name and
//   namespace (provider/pkg/provider/helm_release.go, Diff).
// - random: every argument of RandomString and RandomPassword requires
//   replacement (hashicorp/terraform-provider-random,
//   internal/provider/resource_string.go, resource_password.go).
import * as fs from "fs";
import * as path from "path";
import { packageBlobReplaceKeys, packageBlobType } from "../components/packageBlob";
import { restReplaceInputs, trackedLocationIsCreateOnly } from "./preflight/azureRest";

/**
 * Input paths a provider replaces on, in the planDiff path syntax (`a.b`,
 * `a[].b` for any element of a list). A change at such a path or below it
 * replaces the resource.
 */
export type CreateOnlyPaths = string[];

/** Whether a changed input path lies at or below a create-only path. */
export function isUnder(createOnly: string, changed: string): boolean {
    const segments = (p: string) => p.replace(/\[[^\]]*\]/g, ".[]").split(".").filter(Boolean);
    const [rule, path] = [segments(createOnly), segments(changed)];
    return rule.length <= path.length && rule.every((s, i) => s === path[i]);
}

/** The changed paths that force a replacement under `createOnly`. */
export function replacingPaths(createOnly: CreateOnlyPaths, changed: string[]): string[] {
    return changed.filter((p) => createOnly.some((c) => isUnder(c, p)));
}

// ---------------------------------------------------------------- Azure, from the REST API definitions

/**
 * The required arguments of azure-native's get function for a type: the
 * path parameters of the resource's URL (optional ones are query parameters
 * such as `expand`). Read from the installed SDK's declarations.
 */
export function sdkPathParameters(type: string, sdkDir = path.dirname(require.resolve("@pulumi/azure-native/package.json"))): string[] {
    const [, module, resource] = type.split(":");
    const file = path.join(sdkDir, module, `get${resource}.d.ts`);
    if (!fs.existsSync(file)) return [];
    const body = new RegExp(`export interface Get${resource}Args \\{([\\s\\S]*?)\\n\\}`).exec(fs.readFileSync(file, "utf8"))?.[1] ?? "";
    return [...body.matchAll(/^\s{4}(\w+): /gm)].map((m) => m[1]);
}

/**
 * pulumi/pulumi-azure-native provider/pkg/gen/replacement.go (forceNewMap, at
 * commit 1b7112af): properties azure-native replaces on beyond x-ms-mutability,
 * for the types this program uses. The AKS network profile's create-only
 * fields are listed there by name.
 */
export const azureNativeForceNew: Record<string, CreateOnlyPaths> = {
    "azure-native:authorization:RoleAssignment": ["principalId", "scope"],
    "azure-native:containerservice:ManagedCluster": [
        "diskEncryptionSetID",
        "dnsPrefix",
        "fqdnSubdomain",
        "linuxProfile",
        "location",
        "nodeResourceGroup",
        "windowsProfile",
        ...["serviceCidr", "serviceCidrs", "dnsServiceIP", "networkMode", "networkPlugin", "networkPluginMode", "podCidr", "networkDataplane", "networkPolicy", "outboundType"].map((p) => `networkProfile.${p}`),
    ],
    "azure-native:containerservice:AgentPool": ["gpuInstanceProfile", "vmSize", "networkProfile.nodePublicIPTags"],
    "azure-native:network:PrivateEndpoint": ["subnet"],
    "azure-native:network:PublicIPAddress": ["location", "publicIPAddressVersion", "publicIPPrefix", "sku"],
    "azure-native:network:VirtualNetwork": ["location"],
    "azure-native:resources:ResourceGroup": ["location"],
    "azure-native:storage:StorageAccount": ["isHnsEnabled", "location"],
    "azure-native:web:WebApp": ["location", "kind"],
};

// ---------------------------------------------------------------- Kubernetes, random and this program's own

/**
 * pulumi/pulumi-kubernetes provider/pkg/provider/diff.go (v4, forceNew and
 * forceNewProperties): fields replaced on besides metadata.name and
 * metadata.namespace, for the v1 kinds a change here could render. Secret and
 * ConfigMap data replace because this program's provider leaves
 * enableSecretMutable and enableConfigMapMutable off.
 */
export const kubernetesForceNew: Record<string, CreateOnlyPaths> = {
    "apps/v1:Deployment": ["spec.selector"],
    "apps/v1:DaemonSet": ["spec.selector"],
    "apps/v1:StatefulSet": ["spec.podManagementPolicy", "spec.revisionHistoryLimit", "spec.selector", "spec.serviceName", "spec.volumeClaimTemplates"],
    "batch/v1:Job": ["spec.completions", "spec.parallelism", "spec.selector", "spec.template"],
    "core/v1:ConfigMap": ["binaryData", "data"],
    "core/v1:PersistentVolumeClaim": ["spec.accessModes", "spec.selector", "spec.storageClassName", "spec.volumeName"],
    "core/v1:Secret": ["type", "stringData", "data"],
    "core/v1:Service": ["spec.clusterIP"],
    "rbac.authorization.k8s.io/v1:RoleBinding": ["roleRef"],
    "rbac.authorization.k8s.io/v1:ClusterRoleBinding": ["roleRef"],
    "storage.k8s.io/v1:StorageClass": ["parameters", "provisioner"],
};

/** The inputs of random's string resources, each of which requires replacement. */
const randomArguments = ["keepers", "length", "special", "upper", "lower", "number", "numeric", "minNumeric", "minUpper", "minLower", "minSpecial", "overrideSpecial"];


/** The paths a change at which makes the provider replace a resource of `type`. */
export function createOnlyPaths(type: string): CreateOnlyPaths {
    const [pkg, token] = [type.split(":")[0], type.split(":").slice(1).join(":")];
    if (pkg === "azure-native") {
        const fromSchema = restReplaceInputs(type)?.map((c) => c.path) ?? sdkPathParameters(type);
        // Some excerpts read only part of a body (keyvault, storage): the tracked-resource rule for location applies to every type.
        return [...new Set([...fromSchema, ...(trackedLocationIsCreateOnly() ? ["location"] : []), ...(azureNativeForceNew[type] ?? [])])];
    }
    if (pkg === "kubernetes") {
        if (token === "helm.sh/v3:Release") return ["name", "namespace"];
        // A patch resource carries the object of its base kind (kind: Deployment for a DeploymentPatch): the same fields apply.
        return ["metadata.name", "metadata.namespace", ...(kubernetesForceNew[token.replace(/Patch$/, "")] ?? [])];
    }
    if (type === "random:index/randomString:RandomString" || type === "random:index/randomPassword:RandomPassword") return randomArguments;
    if (type === packageBlobType) return [...packageBlobReplaceKeys];
    return [];
}
