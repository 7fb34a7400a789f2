// The shape of an excerpt of Microsoft's REST API definitions (an OpenAPI 2.0
// document cut to the resources and definitions the program uses): the files
// in ../shared/schemas/azure, and the rules encoded in ./encoded for types
// those files do not cover.

export interface ExcerptSource {
    repo: string;
    path: string;
    commit: string;
    apiVersion?: string;
}

export interface ExcerptResource {
    /** The resource's ARM URL template. */
    path: string;
    /** Its path parameters (inline, or `$ref`s into this or another excerpt). */
    parameters: any[];
    /** `$ref` to the PUT body's definition. */
    body: string;
}

export interface Excerpt {
    source: ExcerptSource;
    /** azure-native type → its resource. */
    resources?: Record<string, ExcerptResource>;
    definitions?: Record<string, any>;
    parameters?: Record<string, any>;
}
