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

/** Every scrollable region of the page scrolled to its end (both axes). */
export const SCROLL_EVERY_REGION_TO_END = `(() => {
  for (const el of Array.from(document.querySelectorAll('*'))) {
    const style = getComputedStyle(el);
    if (/(auto|scroll)/.test(style.overflowY + style.overflowX) && (el.scrollHeight > el.clientHeight || el.scrollWidth > el.clientWidth)) {
      el.scrollTop = el.scrollHeight;
      el.scrollLeft = el.scrollWidth;
    }
  }
})()`;

/** The inspection's side panel scrolled to its end; its scroll position after. */
export const SCROLL_SIDE_PANEL_TO_END = `(() => {
  const el = document.querySelector('.inspection__side');
  el.scrollTop = el.scrollHeight;
  return el.scrollTop;
})()`;

/** The page itself fits the window: nothing below or beside it to scroll to. */
export const PAGE_FITS_WINDOW = 'document.scrollingElement.scrollHeight === window.innerHeight && document.scrollingElement.scrollWidth === window.innerWidth && window.scrollY === 0';

/** What the layout of the inspection screen shows: page scroll, MRZ lines, header and status bar within their boxes. */
export const INSPECTION_LAYOUT = `(() => {
  const box = document.querySelector('[data-testid="mrz-lines"]');
  const pad = parseFloat(getComputedStyle(box).paddingLeft) + parseFloat(getComputedStyle(box).paddingRight);
  const header = document.querySelector('.header');
  return {
    scrollHeight: document.scrollingElement.scrollHeight,
    scrollWidth: document.scrollingElement.scrollWidth,
    scrollY: window.scrollY,
    innerHeight: window.innerHeight,
    innerWidth: window.innerWidth,
    mrzLines: Array.from(box.querySelectorAll('.mrz-line')).map((l) => Math.ceil(l.scrollWidth) <= Math.floor(box.clientWidth - pad) + 1),
    mrzScroll: box.scrollWidth <= box.clientWidth,
    header: header.scrollWidth <= header.clientWidth,
    devices: Array.from(document.querySelectorAll('[data-testid="status-bar"] .device')).map((d) => {
      const r = d.getBoundingClientRect();
      return r.right <= window.innerWidth + 0.5 && r.bottom <= window.innerHeight + 0.5 && r.width > 0;
    }),
    statusBottom: document.querySelector('[data-testid="status-bar"]').getBoundingClientRect().bottom,
  };
})()`;

/** How much of the window the expert alerts and the case (viewer and side panel) take; whether the verdict's level is in sight. */
export const ROOM_OF_THE_CASE = `(() => {
  const alerts = document.querySelector('[data-testid="alert-banner"]').getBoundingClientRect();
  const inspection = document.querySelector('[data-testid="inspection"]').getBoundingClientRect();
  const verdict = document.querySelector('[data-testid="verdict-banner"]').getBoundingClientRect();
  const level = document.querySelector('[data-testid="verdict-level"]').getBoundingClientRect();
  return {
    alerts: alerts.height,
    inspection: inspection.height,
    inspectionBottom: inspection.bottom,
    verdictBottom: verdict.bottom,
    verdictLevelVisible: level.height > 0 && level.top >= inspection.top - 0.5 && level.bottom <= inspection.bottom + 0.5,
  };
})()`;

/** Nothing keeps the keyboard focus: a key goes to the screen's shortcuts, not into a field. */
export const BLUR_ACTIVE_ELEMENT = 'document.activeElement instanceof HTMLElement && document.activeElement.blur()';
