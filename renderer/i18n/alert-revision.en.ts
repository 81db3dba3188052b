// English messages for this station's alerts in the Trends screen: the list, replacing an alert
// through the publish form, and withdrawing one. Composed in en.ts.
import type { Catalog } from '../../electron/contract/i18n';

export const alertRevisionMessages = {
  'ownAlerts.title': 'Alerts published here',
  'ownAlerts.lead': 'Shown now at this station and sent to the network. Replacing or withdrawing one publishes a new alert that supersedes it; stations and the hub stop showing the old one once it reaches them.',
  'ownAlerts.empty': 'No alert published here is shown now.',
  'ownAlerts.loading': 'Reading the alerts…',
  'ownAlerts.col.title': 'Alert',
  'ownAlerts.col.class': 'Document class',
  'ownAlerts.col.scope': 'Shown on',
  'ownAlerts.col.week': 'Published',
  'ownAlerts.col.until': 'Shown until',
  'ownAlerts.col.actions': 'Actions',
  'ownAlerts.untilReplaced': 'until replaced',
  'ownAlerts.replace': 'Replace…',
  'ownAlerts.replaceLabel': 'Replace the alert “{title}”',
  'ownAlerts.withdraw': 'Withdraw…',
  'ownAlerts.withdrawLabel': 'Withdraw the alert “{title}”',
  'ownAlerts.replacing': 'being replaced',
  'ownAlerts.withdrawn': 'Withdrawn “{title}”. The withdrawal travels in the next exported bundle and hub sync.',

  'alertReplace.title': 'Replace an expert alert',
  'alertReplace.lead': 'Replacing “{title}” ({week}). Change what needs changing; publishing makes a new alert that supersedes this one.',
  'alertReplace.publish': 'Publish the replacement',
  'alertReplace.cancel': 'Cancel replacing',
  'alertReplace.keepCrops': 'Example crops of the alert to keep',
  'alertReplace.keepCrop': 'Keep {label} ({light})',
  'alertReplace.published': 'Published “{title}” ({week}) in place of the earlier alert. It travels in the next exported bundle.',

  'alertWithdraw.title': 'Withdraw this alert?',
  'alertWithdraw.lead': '“{title}” for {cls} will no longer be shown here, and stations and the hub stop showing it once the withdrawal reaches them. This cannot be undone: to warn again, publish a new alert.',
  'alertWithdraw.noReason': 'No reason is sent with it: an alert has no field for one.',
  'alertWithdraw.confirm': 'Withdraw the alert',
  'alertWithdraw.cancel': 'Keep it',
} as const satisfies Catalog;
