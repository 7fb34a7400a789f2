// Tokens from App Service's managed identity endpoint (IDENTITY_ENDPOINT and
// IDENTITY_HEADER, set by the platform), cached until shortly before expiry.
import { aksServerAppId } from "../../../contract";

export interface TokenSource {
    /** A bearer token for `resource` (an audience such as https://management.azure.com/), fetched within `timeoutMs` when not cached. */
    token(resource: string, timeoutMs?: number): Promise<string>;
}

export const audiences = {
    arm: "https://management.azure.com/",
    storage: "https://storage.azure.com/",
    /** The AKS Entra ID server application: tokens for the Kubernetes API of an Entra ID cluster. */
    aks: aksServerAppId,
} as const;

export function managedIdentityTokens(identity: { endpoint: string; header: string; clientId?: string } | undefined, timeoutMs = 10_000): TokenSource {
    const cache = new Map<string, { token: string; expiresAt: number }>();
    return {
        async token(resource, fetchTimeoutMs = timeoutMs) {
            if (!identity) throw new Error("no managed identity: IDENTITY_ENDPOINT and IDENTITY_HEADER are not set");
            const cached = cache.get(resource);
            if (cached && cached.expiresAt - Date.now() > 300_000) return cached.token;
            const url = new URL(identity.endpoint);
            url.searchParams.set("resource", resource);
            url.searchParams.set("api-version", "2019-08-01");
            if (identity.clientId) url.searchParams.set("client_id", identity.clientId);
            const res = await fetch(url, { headers: { "X-IDENTITY-HEADER": identity.header }, signal: AbortSignal.timeout(fetchTimeoutMs) });
            if (!res.ok) throw new Error(`managed identity token for ${resource}: HTTP ${res.status}`);
            const body = (await res.json()) as { access_token: string; expires_on: string | number };
            const expiresAt = Number(body.expires_on) * 1000;
            cache.set(resource, { token: body.access_token, expiresAt });
            return body.access_token;
        },
    };
}

/** The same identity in the shape of the Azure SDKs' TokenCredential (for storage), each fetch within `timeoutMs`. */
export function asTokenCredential(tokens: TokenSource, resource: string, timeoutMs: number) {
    return {
        async getToken(): Promise<{ token: string; expiresOnTimestamp: number }> {
            return { token: await tokens.token(resource, timeoutMs), expiresOnTimestamp: Date.now() + 300_000 };
        },
    };
}
