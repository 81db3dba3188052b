// The IPC sender check of the desktop app (electron/desktop/ipc-sender-policy.ts), as main.ts applies it
// to every invoke: only the main frame of the app's window at app://loupe may call.
import { describe, expect, it } from 'vitest';
import { isTrustedSender, type SenderFacts } from '../../../electron/desktop/ipc-sender-policy';

const ours: SenderFacts = { frameUrl: 'app://loupe/index.html', isMainFrame: true, fromAppWindow: true };

describe('IPC sender check', () => {
  it('accepts the main frame of the app window at the app origin', () => {
    expect(isTrustedSender(ours)).toBe(true);
    expect(isTrustedSender({ ...ours, frameUrl: 'app://loupe/' })).toBe(true);
    expect(isTrustedSender({ ...ours, frameUrl: 'app://loupe/index.html#/history' })).toBe(true);
  });

  it('refuses a frame that is gone or has no URL', () => {
    expect(isTrustedSender({ ...ours, frameUrl: null })).toBe(false);
    expect(isTrustedSender({ ...ours, frameUrl: '' })).toBe(false);
    expect(isTrustedSender({ ...ours, frameUrl: 'about:blank' })).toBe(false);
  });

  it('refuses every file:// page, the app one included', () => {
    expect(isTrustedSender({ ...ours, frameUrl: 'file:///opt/Loupe/resources/app.asar/dist/renderer/index.html' })).toBe(false);
    expect(isTrustedSender({ ...ours, frameUrl: 'file:///tmp/evil.html' })).toBe(false);
  });

  it('refuses other origins, look-alikes included', () => {
    for (const url of [
      'https://loupe.example/index.html',
      'http://127.0.0.1:5173/',
      'data:text/html,<script>1</script>',
      'app://loupe.evil/index.html',
      'app://evil/index.html',
      'app://loupe:8080/index.html',
      'app://x@loupe/index.html',
      'loupe-image://report/x.pdf',
      'devtools://devtools/bundled/inspector.html',
      'not a url',
    ]) {
      expect(isTrustedSender({ ...ours, frameUrl: url }), url).toBe(false);
    }
  });

  it('refuses a subframe, even at the app origin', () => {
    expect(isTrustedSender({ ...ours, isMainFrame: false })).toBe(false);
  });

  it('refuses another window, even at the app origin', () => {
    expect(isTrustedSender({ ...ours, fromAppWindow: false })).toBe(false);
  });
});
