// The personal values of one examination that must never leave the station in a trend record:
// holder names, document number, date of birth, personal number and the MRZ lines themselves.
import type { Examination } from '../contract/examination.contract';

export type PersonalValueClass = 'name' | 'document-number' | 'birth-date' | 'personal-number' | 'mrz';

export interface PersonalValue {
  kind: PersonalValueClass;
  value: string;
}

export function personalValuesOf(exam: Examination): PersonalValue[] {
  const fields = exam.mrz?.fields ?? {};
  const out: PersonalValue[] = [];
  const add = (kind: PersonalValueClass, value: string | null | undefined) => {
    const v = value?.replace(/</g, ' ').trim();
    if (v) out.push({ kind, value: v });
  };
  for (const key of ['surname', 'givenNames', 'name']) {
    const value = fields[key];
    add('name', value);
    // Each part of a name on its own too ("Anna" alone identifies as well as "ANNA MARIA").
    for (const part of (value ?? '').replace(/</g, ' ').split(/\s+/)) if (part.length >= 3) add('name', part);
  }
  add('document-number', fields.documentNumber);
  add('birth-date', fields.birthDate);
  for (const key of ['personalNumber', 'optional1', 'optional2']) add('personal-number', fields[key]);
  for (const line of exam.mrz?.lines ?? []) add('mrz', line);
  return out;
}
