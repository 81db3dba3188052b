// The one table of error kinds: every kind of every domain and what sort of failure it is. The HTTP
// status (electron/common/error-status.ts), the command line's exit code
// (electron/common/command-line/exit-code.ts) and the screen's handling (renderer/api/api-error.ts)
// are decided from the category alone, so a kind added to a domain fails the type-check here until
// it is given one, and then behaves everywhere like the rest of its category.
import type { DomainErrorKinds, ErrorCategory, ErrorDomain, ErrorKindOf } from './errors';

type CategoryTable = { readonly [D in ErrorDomain]: Readonly<Record<DomainErrorKinds[D], ErrorCategory>> };

export const ERROR_CATEGORY: CategoryTable = {
  common: { InvalidInput: 'bad-input', Busy: 'busy', Internal: 'internal' },
  session: { NotSignedIn: 'not-signed-in' },
  devices: {
    NotFound: 'not-found',
    DeviceUnavailable: 'unavailable',
    DeviceBusy: 'busy',
    Timeout: 'unavailable',
    BridgeStopped: 'unavailable',
    DriverFailed: 'unavailable',
    CardRemoved: 'unavailable',
    NoCardAnswer: 'unavailable',
  },
  imaging: { UnsupportedImage: 'unsupported', ImageTooLarge: 'too-large', ImageNotFound: 'not-found' },
  // The OCR engine not starting is the station's failure (its model), not the document's.
  mrz: { OcrFailed: 'internal' },
  identify: {},
  checks: { OcrFailed: 'internal' },
  face: { NoSampleFaces: 'not-found' },
  reference: { ClassNotFound: 'not-found', ZoneNotFound: 'not-found', PackageNotFound: 'not-found', PackageRefused: 'bad-input', ClassExists: 'conflict' },
  learning: { DraftNotFound: 'not-found', DraftOutdated: 'conflict' },
  examination: { ExaminationNotFound: 'not-found', ConfirmationRequired: 'bad-input' },
  store: { ImageNotStored: 'not-found' },
  report: { BrowserNotFound: 'not-found' },
  trends: {
    RecordNotHeld: 'not-found',
    AlertNotHeld: 'not-found',
    CaptureNotHeld: 'not-found',
    PersonalData: 'bad-input',
    NotOwnStation: 'bad-input',
    AlreadySuperseded: 'bad-input',
    HubSyncFailed: 'unavailable',
  },
  audit: { AuditFileRefused: 'bad-input' },
  trust: { MemberNotFound: 'not-found', KeyRefused: 'bad-input', StationKeyUnreadable: 'internal', TrustFileRefused: 'bad-input', SignatureRefused: 'bad-input' },
  // Wrong access data (a misread MRZ, a mistyped CAN) and data that is not well formed are the
  // document's or the typist's to fix; a chip that leaves, falls silent or breaks its session is a
  // device's failure.
  chip: {
    AccessDenied: 'bad-input',
    CardRemoved: 'unavailable',
    NoChipAnswer: 'unavailable',
    Timeout: 'unavailable',
    UnsupportedProtocol: 'unsupported',
    SecureMessagingFailure: 'unavailable',
    MalformedData: 'bad-input',
    CommandFailed: 'unavailable',
    EvidenceRefused: 'bad-input',
  },
  exchange: {
    truncated: 'bad-input',
    'not-a-bundle': 'bad-input',
    'bad-manifest': 'bad-input',
    'unknown-signer': 'bad-input',
    'key-mismatch': 'bad-input',
    'bad-signature': 'bad-input',
    'too-large': 'too-large',
    'payload-mismatch': 'bad-input',
    'decompression-bomb': 'bad-input',
    'corrupt-payload': 'bad-input',
    'unproven-origin': 'bad-input',
    'unknown-origin': 'bad-input',
    'bad-origin-signature': 'bad-input',
    'decode-failed': 'internal',
    conflict: 'conflict',
    'invalid-items': 'bad-input',
    'refused-lines': 'bad-input',
  },
  hub: {
    'missing-signature': 'not-signed-in',
    'unknown-station': 'not-signed-in',
    'bad-signature': 'not-signed-in',
    'clock-skew': 'not-signed-in',
    replay: 'not-signed-in',
    'bad-token': 'not-signed-in',
    'bad-query': 'bad-input',
    'bad-id': 'bad-input',
    'not-found': 'not-found',
    'method-not-allowed': 'not-allowed',
    'too-large': 'too-large',
    'not-on-trust-list': 'not-found',
    'dashboard-unavailable': 'internal',
    internal: 'internal',
  },
};

export function categoryOf<D extends ErrorDomain>(domain: D, kind: ErrorKindOf<D>): ErrorCategory {
  const own = ERROR_CATEGORY[domain] as Readonly<Record<string, ErrorCategory>>;
  return own[kind] ?? (ERROR_CATEGORY.common as Readonly<Record<string, ErrorCategory>>)[kind] ?? 'internal';
}

/**
 * The domains whose errors can reach the station's screen. The hub's faults travel only in its own
 * HTTP API (some share a string with a bundle fault: `bad-signature` of a request is not
 * `bad-signature` of a bundle), so they are left out of the lookup by kind below.
 */
export const STATION_ERROR_DOMAINS = (Object.keys(ERROR_CATEGORY) as ErrorDomain[]).filter((domain) => domain !== 'hub');

const STATION_KINDS: ReadonlyMap<string, ErrorCategory> = new Map(
  STATION_ERROR_DOMAINS.flatMap((domain) => Object.entries(ERROR_CATEGORY[domain] as Readonly<Record<string, ErrorCategory>>)),
);

/**
 * The category of a kind that arrived as `{ kind, message }` (its domain does not travel): a kind
 * string means one category in every station domain (checked by test/unit/contract/error-categories.test.ts).
 * Undefined for a kind this build does not know.
 */
export function categoryOfKind(kind: string): ErrorCategory | undefined {
  return STATION_KINDS.get(kind);
}
