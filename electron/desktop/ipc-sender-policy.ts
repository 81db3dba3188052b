// Which IPC callers may reach the services. Electron's checklist: validate the sender of every IPC
// message. Only the main frame of the app's own window, showing a page of the app's own origin, may
// call; a frame that is gone (senderFrame null), a frame without a URL, any file:// page, another
// origin, a subframe or another window is refused.
import { isAppOrigin } from './app-origin';

/** What main.ts reads off an IpcMainInvokeEvent, so the decision can be tested without Electron. */
export interface SenderFacts {
  /** `event.senderFrame?.url`, null when the frame is gone (navigated away or destroyed). */
  frameUrl: string | null;
  /** The frame has no parent (it is the top-level document of its WebContents). */
  isMainFrame: boolean;
  /** `event.sender` is the WebContents of the app's window. */
  fromAppWindow: boolean;
}

export function isTrustedSender(facts: SenderFacts): boolean {
  return facts.fromAppWindow && facts.isMainFrame && isAppOrigin(facts.frameUrl);
}

export const UNTRUSTED_SENDER_MESSAGE = 'this request did not come from the Loupe window';
