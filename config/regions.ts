// Azure regions of the public cloud and their pairs. Storage service-endpoint
// rules and geo features follow the pair, so the DR stacks must sit in paired
// regions. Some pairs are one-way (westus3 → eastus, brazilsouth →
// southcentralus, brazilsoutheast → brazilsouth, westindia → southindia):
// either direction counts as paired.
//
// Source: Microsoft Learn, "Azure regions list" (MicrosoftDocs/reliability-docs,
// articles/reliability/regions-list.md, ms.date 09/23/2025), programmatic name
// and "Paired region" columns, and "Azure region pairs and nonpaired regions"
// (cross-region-replication-azure.md) for Sweden South, the restricted pair of
// Sweden Central, which has no row of its own. Regions marked "coming soon"
// there (denmarkeast) are left out until they open.

/** Each known region and its pair, or null for a nonpaired region ("N/A" in the list). */
const regionPair: Record<string, string | null> = {
    australiacentral: "australiacentral2",
    australiacentral2: "australiacentral",
    australiaeast: "australiasoutheast",
    australiasoutheast: "australiaeast",
    austriaeast: null,
    belgiumcentral: null,
    brazilsouth: "southcentralus",
    brazilsoutheast: "brazilsouth",
    canadacentral: "canadaeast",
    canadaeast: "canadacentral",
    centralindia: "southindia",
    centralus: "eastus2",
    chilecentral: null,
    eastasia: "southeastasia",
    eastus: "westus",
    eastus2: "centralus",
    francecentral: "francesouth",
    francesouth: "francecentral",
    germanynorth: "germanywestcentral",
    germanywestcentral: "germanynorth",
    indonesiacentral: null,
    israelcentral: null,
    italynorth: null,
    japaneast: "japanwest",
    japanwest: "japaneast",
    koreacentral: "koreasouth",
    koreasouth: "koreacentral",
    malaysiawest: null,
    mexicocentral: null,
    newzealandnorth: null,
    northcentralus: "southcentralus",
    northeurope: "westeurope",
    norwayeast: "norwaywest",
    norwaywest: "norwayeast",
    polandcentral: null,
    qatarcentral: null,
    southafricanorth: "southafricawest",
    southafricawest: "southafricanorth",
    southcentralus: "northcentralus",
    southeastasia: "eastasia",
    southindia: "centralindia",
    spaincentral: null,
    swedencentral: "swedensouth",
    swedensouth: "swedencentral",
    switzerlandnorth: "switzerlandwest",
    switzerlandwest: "switzerlandnorth",
    uaecentral: "uaenorth",
    uaenorth: "uaecentral",
    uksouth: "ukwest",
    ukwest: "uksouth",
    westcentralus: "westus2",
    westeurope: "northeurope",
    westindia: "southindia",
    westus: "eastus",
    westus2: "westcentralus",
    westus3: "eastus",
};

/** Every known region's programmatic name, in alphabetical order. */
export const azureRegions: readonly string[] = Object.keys(regionPair).sort();

export function isKnownRegion(region: string): boolean {
    return Object.prototype.hasOwnProperty.call(regionPair, region);
}

/** The region Azure pairs with `region`, if it is a known, paired region. */
export function pairedRegion(region: string): string | undefined {
    return isKnownRegion(region) ? (regionPair[region] ?? undefined) : undefined;
}

export function arePairedRegions(a: string, b: string): boolean {
    return (pairedRegion(a) !== undefined && pairedRegion(a) === b) || (pairedRegion(b) !== undefined && pairedRegion(b) === a);
}
