// A private DNS zone linked to the region's VNet, so names of services behind
// private endpoints or VNet integration resolve to private addresses.
import * as pulumi from "@pulumi/pulumi";
import * as privatedns from "@pulumi/azure-native/privatedns";
import { Tags } from "./placement";

export function linkedPrivateZone(
    name: string,
    args: { resourceGroupName: pulumi.Input<string>; zoneName: string; vnetId: pulumi.Input<string>; tags: Tags },
    parent: pulumi.Resource,
): privatedns.PrivateZone {
    const zone = new privatedns.PrivateZone(name, { resourceGroupName: args.resourceGroupName, privateZoneName: args.zoneName, location: "Global", tags: args.tags }, { parent });
    new privatedns.VirtualNetworkLink(
        `${name}-link`,
        {
            resourceGroupName: args.resourceGroupName,
            privateZoneName: zone.name,
            virtualNetworkLinkName: "region-vnet",
            location: "Global",
            virtualNetwork: { id: args.vnetId },
            registrationEnabled: false,
            tags: args.tags,
        },
        { parent },
    );
    return zone;
}
