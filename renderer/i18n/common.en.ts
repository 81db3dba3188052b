// English messages of the application shell: signing in, the header, errors and the keyboard
// shortcut sheet's own lines. Composed with the other areas in en.ts.
import type { Catalog } from '../../electron/contract/i18n';

export const commonMessages = {
  'app.title': 'Loupe',
  'app.tagline': 'Document examination station',
  'app.loading': 'Starting the station…',

  'signIn.title': 'Sign in to start your shift',
  'signIn.lead': 'Every examination and audit entry is recorded under your name.',
  'signIn.name': 'Full name',
  'signIn.badge': 'Badge number',
  'signIn.submit': 'Sign in',
  'signIn.missing': 'Enter your name and badge number.',

  'header.station': 'Station {station}',
  'header.officer': '{name} · badge {badge}',
  'header.signOut': 'Sign out',
  'header.report': 'Report',
  'header.reportBusy': 'Preparing report…',
  'header.reportOpen': 'Open the report',
  'header.shortcuts': 'Keyboard shortcuts',

  'progress.working': 'Working…',

  'error.title.bad-input': 'Not accepted: check what was entered',
  'error.title.too-large': 'Too large to accept',
  'error.title.unsupported': 'Not a file the station can read',
  'error.title.not-allowed': 'Not allowed here',
  'error.title.conflict': 'Conflicts with what is recorded',
  'error.title.not-found': 'Not found at this station',
  'error.title.not-signed-in': 'You are signed out',
  'error.title.busy': 'The station is busy',
  'error.title.unavailable': 'A device or service is not available',
  'error.title.internal': 'The station failed',
  'error.title.network': 'No answer from the station service',
  'error.title.unauthorized': 'Your session has ended',
  'error.dismiss': 'Dismiss',
  'error.next.InvalidInput': 'Check what you entered and try again.',
  'error.next.UnsupportedImage': 'The image could not be read. Rescan the document, or check the scanner output format.',
  'error.next.ImageTooLarge': 'The image is too large. Lower the scan resolution and scan again.',
  'error.next.NotFound': 'It may have been removed. Refresh the history and try again.',
  'error.next.DeviceNothingYet': 'The device had nothing to deliver. Check that the document was scanned (for a hot folder: that the scanner software has saved all the images), then scan again.',
  'error.next.OcrFailed': 'The machine readable zone could not be read. Place the document flat and scan again.',
  'error.next.NotSignedIn': 'Sign in again to continue.',
  'error.next.DeviceError': 'Check that the device is switched on and connected, then try again. The status bar shows its state.',
  'error.next.Busy': 'Another operation is still running. Wait for it to finish, then try again.',
  'error.next.Unauthorized': 'Your session has ended. Reload the page from the station.',
  'error.next.Network': 'The station service is not responding. Wait a moment, then try again; restart the station if it persists.',
  'error.next.Internal': 'Try again. If it happens again, restart the station and tell your supervisor.',

  'shortcuts.title': 'Keyboard shortcuts',
  'shortcuts.close': 'Close',
  'shortcuts.report': 'Create the report',
  'shortcuts.help': 'Show this sheet',
  'shortcuts.escape': 'Close dialogs',
} as const satisfies Catalog;
