// HTTP security for Loupe's own servers (the loopback host, the regional hub's dashboard): a random
// per-run token exchanged for a cookie, Host and Origin checks so another site in the officer's
// browser cannot drive the server (DNS rebinding, cross-site requests), constant-time comparisons,
// and the security headers of every answer.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The session cookie's name carries the port. Browsers scope cookies by host, not by port
 * (RFC 6265 §8.5): every service on 127.0.0.1 shares one cookie jar. With the port in the name, a
 * second station host (or a restarted one on another port) neither overwrites this cookie nor
 * mistakes it for its own, and a service on another port is not sent a cookie under a name it
 * reads for itself. The cookie is still sent to every port of 127.0.0.1: it is only worth this
 * run's token, and the Host/Origin checks below keep other sites from using it.
 */
export function cookieName(port: number): string {
  return `loupe_token_${port}`;
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function cookieToken(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

/** Host must name this server exactly; Origin, when sent, must be this server. */
export function trustedRequest(req: IncomingMessage, port: number): boolean {
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!allowedHosts.includes(req.headers.host ?? '')) return false;
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedHosts.map((h) => `http://${h}`).includes(origin)) return false;
  return true;
}

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
