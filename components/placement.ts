import * as pulumi from "@pulumi/pulumi";

/** Azure resource tags. */
export type Tags = Record<string, string>;

/** Where a component puts its Azure resources, and how it names and tags them. */
export interface PlacementArgs {
    resourceGroupName: pulumi.Input<string>;
    location: string;
    /** Begins the name of every Azure resource the component creates. */
    namePrefix: string;
    tags: Tags;
}

/** The arguments every regional Azure resource takes from its component's placement. */
export function placement(args: PlacementArgs): { resourceGroupName: pulumi.Input<string>; location: string; tags: Tags } {
    return { resourceGroupName: args.resourceGroupName, location: args.location, tags: args.tags };
}
