// What a region offers for zone redundancy, and what follows from it. Pure.

/**
 * Regions with availability zones, by programmatic name (Microsoft Learn,
 * "Azure regions list" and "Availability zone service and regional support",
 * learn.microsoft.com/azure/reliability/regions-list). West US, the Azure pair
 * of East US, has none: a pool or an account asking for zones there is refused.
 */
const zonalRegions = new Set([
    // Americas
    "brazilsouth", "canadacentral", "centralus", "eastus", "eastus2", "mexicocentral", "southcentralus", "westus2", "westus3",
    // Europe
    "francecentral", "germanywestcentral", "italynorth", "northeurope", "norwayeast", "polandcentral", "spaincentral", "swedencentral", "switzerlandnorth", "uksouth", "westeurope",
    // Middle East and Africa
    "israelcentral", "qatarcentral", "uaenorth", "southafricanorth",
    // Asia Pacific
    "australiaeast", "centralindia", "eastasia", "japaneast", "japanwest", "koreacentral", "southeastasia",
]);

export const hasAvailabilityZones = (location: string): boolean => zonalRegions.has(location);

/** The zones AKS spreads a pool's nodes over: all three where the region has them, none where it has not. */
export function poolZones(location: string): string[] {
    return hasAvailabilityZones(location) ? ["1", "2", "3"] : [];
}

/**
 * Redundancy of LogScale's bucket: zone-redundant where the region has zones,
 * else geo-redundant to the Azure pair (the DR peer's region), never locally
 * redundant only: a recovery net under the pair's own replication (Microsoft
 * Learn, "Azure Storage redundancy": LRS survives no datacenter loss).
 */
export function logStorageSku(location: string): "Standard_ZRS" | "Standard_GRS" {
    return hasAvailabilityZones(location) ? "Standard_ZRS" : "Standard_GRS";
}

/** Days a deleted blob, a deleted container or a previous blob version stays recoverable (soft delete and versioning). */
export const dataRecoveryDays = 14;
