// Microsoft's common ARM types (Azure/azure-rest-api-specs,
// specification/common-types/resource-management/<version>/types.json), the
// versions the encoded excerpts reach by `$ref` beside the shared v3 excerpt:
// the resource group parameter, and the base resources where a body derives
// from them. One builder, each version at the commit read.
import { Excerpt } from "../restExcerpt";

type Version = "v1" | "v2" | "v4" | "v5" | "v6";

/** The file name `$ref`s use for a version's excerpt. */
export const commonTypesFile = (version: Version) => `common-types-${version}.encoded`;

interface Read {
    commit: string;
    /** Resource and TrackedResource were read (the others: the parameter only). */
    resources?: boolean;
    /** Resource carries systemData (v4 and later). */
    systemData?: boolean;
    /** ProxyResource was read too. */
    proxy?: boolean;
}

const read: Record<Version, Read> = {
    v1: { commit: "020576d225442dbd1f0fc5325b7d2b724f6a55e7" },
    v2: { commit: "01efba9ffbbfb58c9e9d69859153127379cb00d9", resources: true },
    v4: { commit: "05432ee0bc8a3feb5bc0f6fd21f49bb7aeaf13af", resources: true, systemData: true, proxy: true },
    v5: { commit: "05432ee0bc8a3feb5bc0f6fd21f49bb7aeaf13af", resources: true, systemData: true },
    v6: { commit: "073de7191d99d2e6dda68511a0433e5d3721582e" },
};

function commonTypes(version: Version, r: Read): Excerpt {
    const readOnly = { type: "string", readOnly: true };
    return {
        source: { repo: "Azure/azure-rest-api-specs", path: `specification/common-types/resource-management/${version}/types.json`, commit: r.commit },
        parameters: {
            // #/parameters/ResourceGroupNameParameter (the same in every version read)
            ResourceGroupNameParameter: { name: "resourceGroupName", in: "path", required: true, type: "string", minLength: 1, maxLength: 90, pattern: "^[-\\w\\._\\(\\)]+$" },
        },
        ...(r.resources && {
            definitions: {
                // #/definitions/Resource
                Resource: { type: "object", properties: { id: readOnly, name: readOnly, type: readOnly, ...(r.systemData && { systemData: { type: "object", readOnly: true } }) } },
                // #/definitions/TrackedResource
                TrackedResource: {
                    type: "object",
                    properties: { tags: { type: "object", additionalProperties: { type: "string" } }, location: { type: "string", "x-ms-mutability": ["read", "create"] } },
                    required: ["location"],
                    allOf: [{ $ref: "#/definitions/Resource" }],
                },
                // #/definitions/ProxyResource
                ...(r.proxy && { ProxyResource: { type: "object", allOf: [{ $ref: "#/definitions/Resource" }] } }),
            },
        }),
    };
}

export const commonTypesExcerpts: Record<string, Excerpt> = Object.fromEntries((Object.keys(read) as Version[]).map((v) => [commonTypesFile(v), commonTypes(v, read[v])]));
