// Permission handlers of the desktop app (electron/desktop/permission-policy.ts): the camera for the
// app's origin, nothing else.
import { describe, expect, it } from 'vitest';
import { allowPermissionCheck, allowPermissionRequest } from '../../../electron/desktop/permission-policy';

describe('permission check handler', () => {
  it('grants the camera to the app origin (as Chromium spells an origin, with or without the slash)', () => {
    expect(allowPermissionCheck('media', 'app://loupe/', 'video')).toBe(true);
    expect(allowPermissionCheck('media', 'app://loupe', 'video')).toBe(true);
  });

  it('refuses the microphone and media of unknown type', () => {
    expect(allowPermissionCheck('media', 'app://loupe/', 'audio')).toBe(false);
    expect(allowPermissionCheck('media', 'app://loupe/', 'unknown')).toBe(false);
    expect(allowPermissionCheck('media', 'app://loupe/', undefined)).toBe(false);
  });

  it('refuses every other permission', () => {
    for (const permission of ['notifications', 'geolocation', 'clipboard-read', 'hid', 'serial', 'usb', 'openExternal', 'fullscreen', 'midiSysex', 'storage-access', 'fileSystem']) {
      expect(allowPermissionCheck(permission, 'app://loupe/', 'video'), permission).toBe(false);
    }
  });

  it('refuses the camera to any other origin', () => {
    for (const origin of ['file:///', 'file://', 'https://example.com/', 'http://127.0.0.1:8080/', 'app://evil/', 'app://loupe.evil/', 'null', '', null, undefined]) {
      expect(allowPermissionCheck('media', origin, 'video'), String(origin)).toBe(false);
    }
  });
});

describe('permission request handler', () => {
  it('grants a camera-only request from the app page', () => {
    expect(allowPermissionRequest('media', 'app://loupe/index.html', ['video'])).toBe(true);
  });

  it('refuses a request that includes the microphone, or names no media', () => {
    expect(allowPermissionRequest('media', 'app://loupe/index.html', ['video', 'audio'])).toBe(false);
    expect(allowPermissionRequest('media', 'app://loupe/index.html', ['audio'])).toBe(false);
    expect(allowPermissionRequest('media', 'app://loupe/index.html', [])).toBe(false);
    expect(allowPermissionRequest('media', 'app://loupe/index.html', undefined)).toBe(false);
  });

  it('refuses other permissions and other pages', () => {
    expect(allowPermissionRequest('display-capture', 'app://loupe/index.html', ['video'])).toBe(false);
    expect(allowPermissionRequest('notifications', 'app://loupe/index.html', undefined)).toBe(false);
    expect(allowPermissionRequest('openExternal', 'app://loupe/index.html', undefined)).toBe(false);
    expect(allowPermissionRequest('media', 'file:///tmp/page.html', ['video'])).toBe(false);
    expect(allowPermissionRequest('media', 'https://example.com/', ['video'])).toBe(false);
    expect(allowPermissionRequest('media', '', ['video'])).toBe(false);
  });
});
