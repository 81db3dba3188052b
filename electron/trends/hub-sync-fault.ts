// Why a sync with the hub stopped, as one of a closed set of faults the screen explains in plain
// words, with the technical detail kept for the curious (and for the hub's administrator).
import { connect } from 'node:tls';
import type { HubSyncFault } from '../contract/hub-sync.contract';
import type { HubErrorKind } from '../contract/hub.errors';
import { HubClientError } from './hub-client';

/** Node's codes for "nothing answered there". */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE', 'ENETDOWN', 'EADDRNOTAVAIL']);

/** OpenSSL's verdicts on a certificate that cannot be trusted. */
const CERTIFICATE = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);

export function hubSyncFault(error: unknown): { fault: HubSyncFault; detail: string } {
  const e = error as { code?: unknown; message?: unknown; cause?: unknown };
  const detail = typeof e?.message === 'string' ? e.message : String(error);
  if (error instanceof HubClientError) {
    const said = (...faults: HubErrorKind[]) => (faults as string[]).includes(error.fault);
    if (error.status === 401) {
      if (said('clock-skew')) return { fault: 'clock-skew', detail };
      if (said('unknown-station', 'bad-signature', 'missing-signature')) return { fault: 'not-trusted', detail };
      return { fault: 'hub-error', detail: `${error.fault}: ${detail}` };
    }
    if (error.status >= 400 && error.status < 500 && error.status !== 404) return { fault: 'refused', detail: `${error.fault}: ${detail}` };
    return { fault: 'hub-error', detail: `${error.status} ${error.fault}: ${detail}` };
  }
  const code = typeof e?.code === 'string' ? e.code : '';
  if (CERTIFICATE.has(code) || /certificate/i.test(detail)) return { fault: 'certificate', detail: code ? `${code}: ${detail}` : detail };
  // An https address for a plain-HTTP hub: OpenSSL reads the hub's HTTP answer as a TLS record.
  if (code === 'EPROTO' || /wrong version number|packet length too long|ssl3_get_record/i.test(detail)) return { fault: 'protocol', detail };
  // A plain http address for an HTTPS hub: the hub cannot parse the request and drops it.
  if (code === 'HPE_INVALID_CONSTANT' || code.startsWith('HPE_')) return { fault: 'protocol', detail };
  if (UNREACHABLE.has(code) || /socket hang up/i.test(detail)) return { fault: 'unreachable', detail: code ? `${code}: ${detail}` : detail };
  if (code === 'ETIMEDOUT' || /did not answer within/i.test(detail)) return { fault: 'timeout', detail };
  if (error instanceof SyntaxError) return { fault: 'hub-error', detail: `the answer is not JSON: ${detail}` };
  return { fault: 'other', detail };
}

/**
 * Whether something at an http:// address answers a TLS handshake: an HTTPS hub simply drops a
 * plain-HTTP request, which looks like a network failure until this tells the two apart.
 */
export function speaksTls(address: string, timeoutMs = 3000): Promise<boolean> {
  const url = new URL(address);
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname, port: Number(url.port || 80), servername: url.hostname, rejectUnauthorized: false, timeout: timeoutMs });
    const done = (value: boolean) => {
      socket.destroy();
      resolve(value);
    };
    socket.once('secureConnect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}
