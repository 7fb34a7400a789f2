// The AKS Kubernetes minors the program knows: kubernetesVersion must name one
// of them (config/keys.ts), and tools/versions.ts warns about each one past
// its end of life.

/**
 * AKS end of life per Kubernetes minor (standard support; LTS needs the
 * Premium tier): Microsoft Learn, "Supported Kubernetes versions in Azure
 * Kubernetes Service (AKS)", release calendar (ms.date 2026-08-05). "Unless an
 * explicit date is provided, the EOL date is the last day of the month."
 */
export const aksEndOfLife: Record<string, string> = {
    "1.32": "2026-03-31",
    "1.33": "2026-07-31",
    "1.34": "2026-11-30",
    "1.35": "2027-03-31",
    "1.36": "2027-06-30",
    "1.37": "2027-10-31",
};

/** The minors of the calendar, oldest first. */
export const aksMinors: readonly string[] = Object.keys(aksEndOfLife);
