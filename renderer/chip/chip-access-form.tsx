// The access data an officer types when the MRZ was misread or not read (the three MRZ fields of
// ICAO 9303-11 §9.7.2), or the card access number of an ID card. Prefilled from the MRZ reading.
import { useState, type FormEvent } from 'react';
import type { ChipAccessInput } from '../../electron/contract/chip-examination.contract';
import { ChipAccessInputSchema } from '../../electron/contract/chip-examination.contract';
import type { MrzReading } from '../../electron/contract/mrz.contract';
import { t } from '../i18n/t';

export function ChipAccessForm({ mrz, busy, onRead }: { mrz: MrzReading | null; busy: boolean; onRead: (access: ChipAccessInput) => void }) {
  const [kind, setKind] = useState<'MRZ' | 'CAN'>('MRZ');
  const [documentNumber, setDocumentNumber] = useState(mrz?.fields.documentNumber ?? '');
  const [dateOfBirth, setDateOfBirth] = useState(mrz?.fields.birthDate ?? '');
  const [dateOfExpiry, setDateOfExpiry] = useState(mrz?.fields.expiryDate ?? '');
  const [can, setCan] = useState('');
  const [problem, setProblem] = useState(false);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = ChipAccessInputSchema.safeParse(kind === 'MRZ' ? { kind, documentNumber, dateOfBirth, dateOfExpiry } : { kind, can: can.trim() });
    setProblem(!parsed.success);
    if (parsed.success) onRead(parsed.data);
  };

  return (
    <form className="chip-access" onSubmit={submit} data-testid="chip-access-form">
      <p className="panel__meta">{t('chip.accessLead')}</p>
      <fieldset className="chip-access__kind">
        <legend className="field__label">{t('chip.accessKind')}</legend>
        <label><input type="radio" name="chip-access-kind" checked={kind === 'MRZ'} onChange={() => setKind('MRZ')} data-testid="chip-access-mrz" /> {t('chip.accessMrz')}</label>
        <label><input type="radio" name="chip-access-kind" checked={kind === 'CAN'} onChange={() => setKind('CAN')} data-testid="chip-access-can" /> {t('chip.accessCan')}</label>
      </fieldset>
      {kind === 'MRZ' ? (
        <div className="chip-access__fields">
          <label className="field"><span className="field__label">{t('chip.documentNumber')}</span><input className="input input--compact" value={documentNumber} maxLength={22} autoComplete="off" spellCheck={false} onChange={(e) => setDocumentNumber(e.target.value)} data-testid="chip-document-number" /></label>
          <label className="field"><span className="field__label">{t('chip.dateOfBirth')}</span><input className="input input--compact" value={dateOfBirth} maxLength={6} inputMode="numeric" autoComplete="off" onChange={(e) => setDateOfBirth(e.target.value)} data-testid="chip-date-of-birth" /></label>
          <label className="field"><span className="field__label">{t('chip.dateOfExpiry')}</span><input className="input input--compact" value={dateOfExpiry} maxLength={6} inputMode="numeric" autoComplete="off" onChange={(e) => setDateOfExpiry(e.target.value)} data-testid="chip-date-of-expiry" /></label>
        </div>
      ) : (
        <label className="field"><span className="field__label">{t('chip.can')}</span><input className="input input--compact" value={can} maxLength={12} inputMode="numeric" autoComplete="off" onChange={(e) => setCan(e.target.value)} data-testid="chip-can" /></label>
      )}
      {problem && <p className="form-problem" role="alert">{t('chip.badAccess')}</p>}
      <button type="submit" className="button" disabled={busy} data-testid="chip-access-submit">{t('chip.read')}</button>
    </form>
  );
}
