// Code that runs inside the page. Kept as source strings: the Node-side type-check has no DOM.

/** Records every Content-Security-Policy violation on window.__cspViolations. */
export const RECORD_CSP_VIOLATIONS = `
  (() => {
    const seen = [];
    Object.defineProperty(window, '__cspViolations', { value: seen });
    document.addEventListener('securitypolicyviolation', (e) => seen.push(e.violatedDirective + ' ' + e.blockedURI));
  })();
`;

export const READ_CSP_VIOLATIONS = 'window.__cspViolations';

/** The viewer's image has decoded (served by the host and allowed by the page's CSP). */
export const VIEWER_IMAGE_DECODED = `(() => {
  const img = document.querySelector('[data-testid="viewer-image"]');
  return img !== null && img.complete && img.naturalWidth > 0;
})()`;

export function deviceStateIs(deviceId: string, state: string): string {
  return `document.querySelector('[data-testid="device-${deviceId}"]')?.getAttribute('data-state') === ${JSON.stringify(state)}`;
}
