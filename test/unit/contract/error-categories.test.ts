// Every error kind of every domain has a category, and from it an HTTP status and an exit code; a
// kind string that can reach the screen means one category whichever domain throws it; and the
// statuses and exit codes of the kinds that existed before the kinds were split by domain are
// unchanged.
import { describe, expect, it } from 'vitest';
import { exitCodeOf, EXIT_BAD_INPUT, EXIT_FAILURE } from '../../../electron/common/command-line/exit-code';
import { httpStatusOf } from '../../../electron/common/error-status';
import { errorCategory, LoupeError } from '../../../electron/common/loupe-error';
import { AUDIT_ERROR_KINDS } from '../../../electron/contract/audit.errors';
import { CHECKS_ERROR_KINDS } from '../../../electron/contract/checks.errors';
import { CHIP_ERROR_KINDS } from '../../../electron/contract/chip.contract';
import { DEVICES_ERROR_KINDS } from '../../../electron/contract/devices.errors';
import { categoryOf, categoryOfKind, ERROR_CATEGORY, STATION_ERROR_DOMAINS } from '../../../electron/contract/error-categories';
import { COMMON_ERROR_KINDS, ERROR_CATEGORIES, type ErrorCategory, type ErrorDomain, type ErrorKindOf } from '../../../electron/contract/errors';
import { EXAMINATION_ERROR_KINDS } from '../../../electron/contract/examination.errors';
import { EXCHANGE_ERROR_KINDS } from '../../../electron/contract/exchange.errors';
import { FACE_ERROR_KINDS } from '../../../electron/contract/face.errors';
import { HUB_ERROR_KINDS } from '../../../electron/contract/hub.errors';
import { IMAGING_ERROR_KINDS } from '../../../electron/contract/imaging.errors';
import { MRZ_ERROR_KINDS } from '../../../electron/contract/mrz.errors';
import { REFERENCE_ERROR_KINDS } from '../../../electron/contract/reference.errors';
import { LEARNING_ERROR_KINDS } from '../../../electron/contract/learning.errors';
import { REPORT_ERROR_KINDS } from '../../../electron/contract/report.errors';
import { SESSION_ERROR_KINDS } from '../../../electron/contract/session.errors';
import { STORE_ERROR_KINDS } from '../../../electron/contract/store.errors';
import { TRENDS_ERROR_KINDS } from '../../../electron/contract/trends.errors';
import { TRUST_ERROR_KINDS } from '../../../electron/contract/trust.errors';
import { BundleError } from '../../../electron/exchange/bundle-codec';
import { HubError } from '../../../electron/hub/hub-errors';
import { DeviceError, DeviceErrorKindSchema } from '../../../native/protocol';

/** Each domain's declared kinds (its `<domain>.errors.ts`), as the table must cover them. */
const DECLARED: Record<ErrorDomain, readonly string[]> = {
  common: COMMON_ERROR_KINDS,
  session: SESSION_ERROR_KINDS,
  devices: DEVICES_ERROR_KINDS,
  imaging: IMAGING_ERROR_KINDS,
  mrz: MRZ_ERROR_KINDS,
  identify: [],
  checks: CHECKS_ERROR_KINDS,
  face: FACE_ERROR_KINDS,
  reference: REFERENCE_ERROR_KINDS,
  learning: LEARNING_ERROR_KINDS,
  examination: EXAMINATION_ERROR_KINDS,
  store: STORE_ERROR_KINDS,
  report: REPORT_ERROR_KINDS,
  trends: TRENDS_ERROR_KINDS,
  trust: TRUST_ERROR_KINDS,
  audit: AUDIT_ERROR_KINDS,
  // The chip's own kinds; its 'Internal' is the generic one.
  chip: CHIP_ERROR_KINDS.filter((kind) => !(COMMON_ERROR_KINDS as readonly string[]).includes(kind)),
  exchange: EXCHANGE_ERROR_KINDS,
  hub: HUB_ERROR_KINDS,
};

const DOMAINS = Object.keys(DECLARED) as ErrorDomain[];
/** Every (domain, kind) a LoupeError can carry: each domain's own kinds and the generic ones. */
const EVERY_KIND = DOMAINS.flatMap((domain) => [...new Set([...DECLARED[domain], ...COMMON_ERROR_KINDS])].map((kind) => ({ domain, kind })));

function errorOf(domain: ErrorDomain, kind: string): LoupeError {
  return new LoupeError(domain, kind as ErrorKindOf<typeof domain>, `a ${kind} of ${domain}`);
}

describe('error kinds', () => {
  it('has the table cover each domain exactly: every declared kind, nothing else', () => {
    expect(Object.keys(ERROR_CATEGORY).sort()).toEqual([...DOMAINS].sort());
    for (const domain of DOMAINS) expect(Object.keys(ERROR_CATEGORY[domain]).sort(), domain).toEqual([...DECLARED[domain]].sort());
  });

  it('gives every kind of every domain a category, an HTTP status and an exit code', () => {
    for (const { domain, kind } of EVERY_KIND) {
      const error = errorOf(domain, kind);
      expect(ERROR_CATEGORIES, `${domain}.${kind}`).toContain(error.category);
      expect(errorCategory(error)).toBe(error.category);
      const status = httpStatusOf(error.category);
      expect(status >= 400 && status < 600, `${domain}.${kind} → ${status}`).toBe(true);
      expect([EXIT_BAD_INPUT, EXIT_FAILURE], `${domain}.${kind}`).toContain(exitCodeOf(error.category));
      expect(error.toDto()).toEqual({ kind, message: `a ${kind} of ${domain}` });
    }
    // Whatever else is thrown is the station's own failure.
    expect(errorCategory(new Error('boom'))).toBe('internal');
    expect(errorCategory('boom')).toBe('internal');
  });

  it('says a bad request is the sender’s to fix (exit 2, a 4xx) and a failure of the station is not (exit 1)', () => {
    for (const category of ERROR_CATEGORIES) {
      const status = httpStatusOf(category);
      if (exitCodeOf(category) === EXIT_BAD_INPUT) expect(status >= 400 && status < 500, category).toBe(true);
    }
    expect(() => exitCodeOf('on-fire' as ErrorCategory)).toThrow(LoupeError);
    expect(() => httpStatusOf('on-fire' as ErrorCategory)).toThrow(LoupeError);
  });

  it('gives a kind string one category in every domain whose errors reach the screen, found by the kind alone', () => {
    expect(STATION_ERROR_DOMAINS).not.toContain('hub');
    const seen = new Map<string, { domain: ErrorDomain; category: ErrorCategory }>();
    for (const { domain, kind } of EVERY_KIND.filter((k) => (STATION_ERROR_DOMAINS as readonly ErrorDomain[]).includes(k.domain))) {
      const category = categoryOf(domain, kind as ErrorKindOf<typeof domain>);
      const first = seen.get(kind);
      if (first) expect({ kind, domain, category }).toEqual({ kind, domain, category: first.category });
      else seen.set(kind, { domain, category });
      expect(categoryOfKind(kind), kind).toBe(category);
    }
    expect(categoryOfKind('Network')).toBeUndefined();
    expect(categoryOfKind('NoSuchKind')).toBeUndefined();
  });

  it('keeps the statuses and exit codes the station answered with before kinds were split by domain', () => {
    const cases: [ErrorDomain, string, number, number][] = [
      ['common', 'InvalidInput', 400, 2],
      ['common', 'Internal', 500, 1],
      ['common', 'Busy', 409, 1],
      ['session', 'NotSignedIn', 401, 1],
      ['imaging', 'UnsupportedImage', 415, 2],
      ['imaging', 'ImageTooLarge', 413, 2],
      ['imaging', 'ImageNotFound', 404, 1],
      ['examination', 'ExaminationNotFound', 404, 1],
      ['trends', 'RecordNotHeld', 404, 1],
      ['trends', 'PersonalData', 400, 2],
      ['reference', 'PackageRefused', 400, 2],
      ['mrz', 'OcrFailed', 500, 1],
      ['report', 'BrowserNotFound', 404, 1],
      // The device bridge's kinds: DeviceBusy was answered as Busy, the rest as DeviceError.
      ['devices', 'NotFound', 404, 1],
      ['devices', 'DeviceBusy', 409, 1],
      ['devices', 'DeviceUnavailable', 500, 1],
      ['devices', 'BridgeStopped', 500, 1],
      ['trends', 'HubSyncFailed', 500, 1],
    ];
    for (const [domain, kind, status, exit] of cases) {
      const category = errorOf(domain, kind).category;
      expect({ domain, kind, status: httpStatusOf(category), exit: exitCodeOf(category) }).toEqual({ domain, kind, status, exit });
    }
  });

  it('keeps the hub’s answers: a fault’s status as docs/hub.md lists it', () => {
    const hub: [LoupeError, number][] = [
      ...(['missing-signature', 'unknown-station', 'bad-signature', 'clock-skew', 'replay', 'bad-token'] as const).map((f): [LoupeError, number] => [new HubError(f, f), 401]),
      [new HubError('too-large', 'body too large'), 413],
      [new HubError('bad-query', 'x'), 400],
      [new HubError('bad-id', 'x'), 400],
      [new HubError('not-found', 'x'), 404],
      [new HubError('method-not-allowed', 'x'), 405],
      [new HubError('dashboard-unavailable', 'x'), 500],
      ...(['truncated', 'not-a-bundle', 'bad-manifest', 'unknown-signer', 'key-mismatch', 'bad-signature', 'payload-mismatch', 'decompression-bomb', 'corrupt-payload', 'unproven-origin', 'refused-lines'] as const).map(
        (f): [LoupeError, number] => [new BundleError(f, f), 400],
      ),
      [new BundleError('too-large', 'x'), 413],
      [new BundleError('conflict', 'x'), 409],
    ];
    for (const [error, status] of hub) expect({ fault: error.kind, status: httpStatusOf(error.category) }).toEqual({ fault: error.kind, status });
    // The same string, told apart by the domain: a request's signature is authentication, a bundle's is its content.
    expect(new HubError('bad-signature', 'x').category).toBe('not-signed-in');
    expect(new BundleError('bad-signature', 'x').category).toBe('bad-input');
  });

  it('lets the device bridge carry exactly the devices domain’s kinds and the generic ones', () => {
    expect([...DeviceErrorKindSchema.options].sort()).toEqual([...DEVICES_ERROR_KINDS, ...COMMON_ERROR_KINDS].sort());
    const error = new DeviceError('DeviceBusy', 'the scanner is capturing');
    expect(error).toBeInstanceOf(LoupeError);
    expect(error).toMatchObject({ domain: 'devices', kind: 'DeviceBusy', category: 'busy' });
  });
});
