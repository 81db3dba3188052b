// The desktop app's own origin. The renderer is served from a privileged custom scheme instead of
// file://: a file:// page shares its origin with every other local file, an app://loupe page has an
// origin of its own that the IPC sender check, the permission handlers and the CSP ('self') can name.
// Images, reports and reference images are served under the same origin at the same paths as the
// loopback host (/images/, /reports/, /reference/), so the renderer builds its URLs one way.

export const APP_SCHEME = 'app';
export const APP_HOST = 'loupe';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** URL prefixes the services hand to the renderer (the same as the loopback host's). */
export const APP_BASES = { imageBase: '/images/', reportBase: '/reports/', referenceBase: '/reference/' } as const;

/** Parses a URL, or null when it does not parse. */
export function parseUrl(url: string | null | undefined): URL | null {
  if (!url) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Whether a URL (a page URL, or an origin as Chromium spells it, with or without the trailing slash)
 * belongs to the app's origin. WHATWG URL gives non-special schemes an opaque origin ('null'), so
 * scheme and host are compared instead of `url.origin`.
 */
export function isAppOrigin(url: string | null | undefined): boolean {
  const parsed = parseUrl(url);
  return parsed !== null && parsed.protocol === `${APP_SCHEME}:` && parsed.hostname === APP_HOST && parsed.port === '' && parsed.username === '' && parsed.password === '';
}
