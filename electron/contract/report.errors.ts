// What the report domain refuses besides the generic kinds (errors.ts).
export const REPORT_ERROR_KINDS = [
  /** Chromium, which renders the PDF, cannot be started. */
  'BrowserNotFound',
] as const;
export type ReportErrorKind = (typeof REPORT_ERROR_KINDS)[number];
