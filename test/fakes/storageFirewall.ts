// A storage account's firewall in front of Azurite (which has none): every
// request from "this machine" (one public address, since every loopback
// client is 127.0.0.1) is refused with the storage service's 403
// AuthorizationFailure unless the account's networkAcls, as the fake ARM
// holds them, admit that address. A new rule takes effect only after a few
// more refused requests, as a real rule takes a while; one that never takes
// effect plays a client inside the account's own region, where IP rules do not
// apply (Microsoft Learn, "Azure Storage firewall guidelines and limitations").
import * as http from "http";
import { BlobServiceClient, StorageSharedKeyCredential } from "@azure/storage-blob";
import { Azurite } from "./azurite";
import { FakeResourceManager } from "./azureResourceManager";
import { listen } from "./http";

export class FakeStorageFirewall {
    /** Refused requests, after a rule admits the address, before it takes effect. */
    refusalsAfterRule = 2;
    /** The client is in the account's region: IP rules never apply. */
    sameRegion = false;
    refused = 0;
    private pending = new Map<string, number>();
    private server!: http.Server;
    url = "";

    /** `accountOf(container)`: the account ID whose firewall guards a container. */
    constructor(
        private readonly azurite: Azurite,
        private readonly arm: FakeResourceManager,
        private readonly accountOf: (container: string) => string,
        readonly clientIp = "203.0.113.7",
    ) {}

    async start(): Promise<this> {
        ({ server: this.server, url: this.url } = await listen((req, res) => this.handle(req, res)));
        return this;
    }

    stop(): Promise<void> {
        return new Promise((resolve) => this.server.close(() => resolve()));
    }

    /** A client of Azurite's account through this firewall. */
    client(): BlobServiceClient {
        return new BlobServiceClient(`${this.url}/${this.azurite.account}`, new StorageSharedKeyCredential(this.azurite.account, this.azurite.key));
    }

    private admits(accountId: string): boolean {
        const acls = this.arm.storageAccounts.get(accountId.toLowerCase())?.networkAcls;
        if (!acls || acls.defaultAction !== "Deny") return true;
        if (this.sameRegion || !acls.ipRules.some((r) => r.value === this.clientIp && r.action === "Allow")) {
            this.pending.delete(accountId);
            return false;
        }
        const left = this.pending.get(accountId) ?? this.refusalsAfterRule;
        this.pending.set(accountId, left - 1);
        return left <= 0;
    }

    private handle(req: http.IncomingMessage, res: http.ServerResponse) {
        const container = decodeURIComponent(new URL(req.url!, "http://x").pathname).split("/")[2] ?? "";
        if (!this.admits(this.accountOf(container))) {
            this.refused++;
            req.resume();
            res.writeHead(403, { "Content-Type": "application/xml", "x-ms-error-code": "AuthorizationFailure" });
            return res.end(`<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthorizationFailure</Code><Message>This request is not authorized to perform this operation.</Message></Error>`);
        }
        const target = new URL(req.url!, this.azurite.url);
        const upstream = http.request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
        });
        upstream.on("error", () => res.destroy());
        req.pipe(upstream);
    }
}
