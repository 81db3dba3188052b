// A device's settings record → form fields and back. The form is generated from the values the
// device reports (string → text, number → number, boolean → checkbox), so a new driver setting
// shows up without a screen change; known keys get a friendly label and a hint.
import type { DeviceStatus } from '../../electron/contract/device.contract';
import { t, type PlainMessageKey } from '../i18n/t';

export type SettingValue = DeviceStatus['settings'][string];
export type FieldType = 'text' | 'number' | 'checkbox';

/** What the officer is editing: numbers are kept as typed text until saved. */
export type Draft = Record<string, string | boolean>;

export interface Field {
  key: string;
  type: FieldType;
  label: string;
  help: string | null;
}

const LABELS: Partial<Record<string, PlainMessageKey>> = {
  folder: 'devices.setting.folder',
  settleMs: 'devices.setting.settleMs',
  path: 'devices.setting.path',
  baudRate: 'devices.setting.baudRate',
  device: 'devices.setting.device',
  resolution: 'devices.setting.resolution',
  mode: 'devices.setting.mode',
  filename: 'devices.setting.filename',
  specimen: 'devices.setting.specimen',
  delayMs: 'devices.setting.delayMs',
};

const HELP: Partial<Record<string, PlainMessageKey>> = {
  folder: 'devices.help.folder',
  settleMs: 'devices.help.settleMs',
  path: 'devices.help.path',
  baudRate: 'devices.help.baudRate',
  device: 'devices.help.device',
  mode: 'devices.help.mode',
  specimen: 'devices.help.specimen',
};

function fieldType(value: SettingValue): FieldType {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'checkbox';
  return 'text';
}

/** A readable label for a key nobody has named yet: `scanTimeoutMs` → "Scan timeout ms". */
function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function fieldsOf(settings: DeviceStatus['settings']): Field[] {
  return Object.entries(settings).map(([key, value]) => {
    const label = LABELS[key];
    const help = HELP[key];
    return { key, type: fieldType(value), label: label ? t(label) : humanize(key), help: help ? t(help) : null };
  });
}

export function draftOf(settings: DeviceStatus['settings']): Draft {
  return Object.fromEntries(Object.entries(settings).map(([key, value]) => [key, typeof value === 'number' ? String(value) : value]));
}

export type Parsed = { ok: true; settings: DeviceStatus['settings'] } | { ok: false; message: string };

/** The draft typed like the device's current settings; a number field must hold a number. */
export function parseDraft(fields: Field[], draft: Draft): Parsed {
  const settings: DeviceStatus['settings'] = {};
  for (const field of fields) {
    const value = draft[field.key];
    if (field.type === 'checkbox') {
      settings[field.key] = value === true;
    } else if (field.type === 'number') {
      const text = typeof value === 'string' ? value.trim() : '';
      const number = Number(text);
      if (text === '' || !Number.isFinite(number)) return { ok: false, message: t('devices.error.notNumber', { field: field.label }) };
      settings[field.key] = number;
    } else {
      settings[field.key] = typeof value === 'string' ? value.trim() : '';
    }
  }
  return { ok: true, settings };
}

/** A refusal from the device names settings by key (`baudRate: too small`): use the labels. */
export function withLabels(message: string, fields: Field[]): string {
  const escape = (key: string) => key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return fields.reduce((text, f) => text.replace(new RegExp(`\\b${escape(f.key)}\\b(?=:)`, 'g'), f.label), message);
}

export function sameDraft(a: Draft, b: Draft): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] === b[k]);
}
