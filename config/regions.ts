// Azure region pairs. Storage service-endpoint rules and geo features follow
// the pair, so the DR stacks must sit in paired regions. Some pairs are
// one-way (westus3 → eastus, brazilsouth → southcentralus): either direction
// counts as paired.
const regionPair: Record<string, string> = {
    eastus: "westus",
    westus: "eastus",
    eastus2: "centralus",
    centralus: "eastus2",
    westus2: "westcentralus",
    westcentralus: "westus2",
    westus3: "eastus",
    northcentralus: "southcentralus",
    southcentralus: "northcentralus",
    brazilsouth: "southcentralus",
    canadacentral: "canadaeast",
    canadaeast: "canadacentral",
    northeurope: "westeurope",
    westeurope: "northeurope",
    uksouth: "ukwest",
    ukwest: "uksouth",
    francecentral: "francesouth",
    francesouth: "francecentral",
    germanywestcentral: "germanynorth",
    germanynorth: "germanywestcentral",
    switzerlandnorth: "switzerlandwest",
    switzerlandwest: "switzerlandnorth",
    norwayeast: "norwaywest",
    norwaywest: "norwayeast",
    swedencentral: "swedensouth",
    swedensouth: "swedencentral",
    eastasia: "southeastasia",
    southeastasia: "eastasia",
    japaneast: "japanwest",
    japanwest: "japaneast",
    koreacentral: "koreasouth",
    koreasouth: "koreacentral",
    australiaeast: "australiasoutheast",
    australiasoutheast: "australiaeast",
    australiacentral: "australiacentral2",
    australiacentral2: "australiacentral",
    centralindia: "southindia",
    southindia: "centralindia",
    westindia: "southindia",
    uaenorth: "uaecentral",
    uaecentral: "uaenorth",
    southafricanorth: "southafricawest",
    southafricawest: "southafricanorth",
};

/** The region Azure pairs with `region`, if it has one we know. */
export function pairedRegion(region: string): string | undefined {
    return regionPair[region];
}

export function arePairedRegions(a: string, b: string): boolean {
    return regionPair[a] === b || regionPair[b] === a;
}
