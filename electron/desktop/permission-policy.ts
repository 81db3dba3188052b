// Which permissions a page may have: the camera (live capture of the holder for the imposter check),
// for the app's own origin, and nothing else: no microphone, no screen capture, no notifications,
// no geolocation, no device APIs. Chromium asks twice: a synchronous check (e.g. before listing
// devices with labels) and an asynchronous request (getUserMedia); both are answered here.
import { isAppOrigin } from './app-origin';

/** `setPermissionCheckHandler`: `requestingOrigin` as Chromium gives it, `mediaType` from the details. */
export function allowPermissionCheck(permission: string, requestingOrigin: string | null | undefined, mediaType: string | undefined): boolean {
  return permission === 'media' && mediaType === 'video' && isAppOrigin(requestingOrigin);
}

/** `setPermissionRequestHandler`: the requesting frame's URL and, for media, the kinds asked for. */
export function allowPermissionRequest(permission: string, requestingUrl: string | null | undefined, mediaTypes: readonly string[] | undefined): boolean {
  return permission === 'media' && mediaTypes !== undefined && mediaTypes.length > 0 && mediaTypes.every((t) => t === 'video') && isAppOrigin(requestingUrl);
}
