// How long a region's sign-in client secret lives, and when it is replaced:
// decided in code, the same for every stack, so no config can leave a secret
// without an expiry. Pure.

/**
 * The day the sign-in client secrets were last rotated. To rotate, set it to
 * the day you deploy and run `pulumi up` on both stacks (README, "Entra ID
 * sign-in"): each region's secret is replaced, its expiry moves, and
 * LogScale's pods restart onto the new one.
 */
export const signInSecretRotatedOn = "2026-12-01";

/**
 * Days a client secret stays valid after its rotation day: under the 12
 * months Microsoft recommends, and the admin center's recommended choice of
 * 180 days (Microsoft Learn, "Register an application in Microsoft Entra
 * ID", Add a client secret: at most 24 months, less than 12 recommended).
 */
export const signInSecretValidDays = 180;

/** What the client secret is created with: an explicit end date, and the keeper whose change replaces it. */
export interface SignInSecretLifetime {
    /** The rotation day, YYYY-MM-DD. */
    rotatedOn: string;
    /** RFC 3339, as the azuread provider's ApplicationPassword takes `endDate`. */
    endDate: string;
    /** ApplicationPassword `rotateWhenChanged`: a change replaces the secret (@pulumi/azuread, applicationPassword.d.ts). */
    rotateWhenChanged: Record<string, string>;
}

export function signInSecretLifetime(rotatedOn: string = signInSecretRotatedOn, validDays: number = signInSecretValidDays): SignInSecretLifetime {
    const start = /^\d{4}-\d{2}-\d{2}$/.test(rotatedOn) ? new Date(`${rotatedOn}T00:00:00Z`) : undefined;
    if (!start || Number.isNaN(start.getTime()) || start.toISOString().slice(0, 10) !== rotatedOn) throw new Error(`sign-in secret rotation day ${JSON.stringify(rotatedOn)} is not a date (YYYY-MM-DD)`);
    if (!Number.isInteger(validDays) || validDays < 1 || validDays > 730) throw new Error(`a sign-in secret must be valid for 1 to 730 days, not ${validDays}`);
    const end = new Date(start.getTime() + validDays * 86_400_000);
    return { rotatedOn, endDate: end.toISOString().replace(/\.000Z$/, "Z"), rotateWhenChanged: { rotatedOn } };
}
