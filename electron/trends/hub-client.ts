// A station's client of the regional hub: every request signed with the station key
// (request-signing.ts). HTTPS with an optional private CA for hubs behind their own certificate.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { StationIdentity } from '../trust/station-identity';
import type { BundlePage, HubMember, IngestResult } from '../exchange/hub-protocol';
import { sha256Hex, signRequest } from '../exchange/request-signing';

export interface HubClientOptions {
  /** Extra trusted CA certificate(s) (PEM) for an HTTPS hub. */
  ca?: Buffer;
  timeoutMs?: number;
}

/**
 * The hub answered with an error: its status, and its `fault` as documented in docs/hub.md (a string
 * as received: a hub of another version may name a fault this build does not know).
 */
export class HubClientError extends Error {
  constructor(
    readonly status: number,
    readonly fault: string,
    message: string,
    readonly details: unknown[] = [],
  ) {
    super(message);
    this.name = 'HubClientError';
  }
}

export type { BundlePage, HubMember } from '../exchange/hub-protocol';

export class HubClient {
  private readonly base: URL;

  constructor(
    baseUrl: string,
    readonly identity: StationIdentity,
    private readonly options: HubClientOptions = {},
  ) {
    this.base = new URL(baseUrl);
    if (this.base.protocol !== 'http:' && this.base.protocol !== 'https:') throw new Error(`hub URL must be http(s): ${baseUrl}`);
  }

  async push(bundle: Buffer): Promise<IngestResult> {
    return JSON.parse((await this.send('POST', '/v1/bundles', bundle)).toString('utf8')) as IngestResult;
  }

  async listBundles(after: number, limit: number): Promise<BundlePage> {
    return JSON.parse((await this.send('GET', `/v1/bundles?after=${after}&limit=${limit}`)).toString('utf8')) as BundlePage;
  }

  /** The bytes of a bundle, checked against the sha256 it is named by. */
  async fetchBundle(sha256: string): Promise<Buffer> {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a bundle id: ${sha256}`);
    const bytes = await this.send('GET', `/v1/bundles/${sha256}`);
    if (sha256Hex(bytes) !== sha256) throw new HubClientError(502, 'payload-mismatch', `bundle ${sha256} arrived altered`);
    return bytes;
  }

  async members(): Promise<HubMember[]> {
    return (JSON.parse((await this.send('GET', '/v1/trust')).toString('utf8')) as { stations: HubMember[] }).stations;
  }

  /** One signed request; resolves with the body of a 2xx answer, else rejects with HubClientError. */
  send(method: 'GET' | 'POST', pathAndQuery: string, body: Buffer = Buffer.alloc(0), headers: Record<string, string> = {}): Promise<Buffer> {
    const url = new URL(pathAndQuery, this.base);
    const signed = signRequest(this.identity, method, `${url.pathname}${url.search}`, body);
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<Buffer>((resolve, reject) => {
      const req = request(
        url,
        {
          method,
          headers: { ...signed, ...headers, ...(method === 'POST' ? { 'Content-Type': 'application/octet-stream', 'Content-Length': String(body.length) } : {}) },
          ...(this.options.ca ? { ca: this.options.ca } : {}),
          timeout: this.options.timeoutMs ?? 120_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const data = Buffer.concat(chunks);
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) return resolve(data);
            let error: { fault?: string; message?: string; details?: unknown[] } = {};
            try {
              error = (JSON.parse(data.toString('utf8')) as { error: typeof error }).error ?? {};
            } catch {
              // not JSON: keep the status
            }
            reject(new HubClientError(status, error.fault ?? 'http-error', error.message ?? `hub answered ${status}`, error.details ?? []));
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`hub did not answer within ${this.options.timeoutMs ?? 120_000} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  }
}
