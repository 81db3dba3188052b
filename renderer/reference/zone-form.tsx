// The form of one zone: kind, label, MRZ field, personal flag, box, expectation per light and the
// examiner's note. Every change goes straight into the draft class; validation runs on save.
import type { Box } from '../../electron/contract/capture.contract';
import { ZONE_KINDS, type ReferenceZone, type ZoneExpectation, type ZoneKind } from '../../electron/contract/reference.contract';
import { t } from '../i18n/t';

type UvChoice = '' | 'fluoresces' | 'dull';

export function ZoneForm({ zone, onChange, onRemove, labelRef }: {
  zone: ReferenceZone;
  onChange: (zone: ReferenceZone) => void;
  onRemove: () => void;
  labelRef?: React.Ref<HTMLInputElement>;
}) {
  const expect = zone.expect;
  const setExpect = (next: ZoneExpectation) => onChange({ ...zone, expect: next });
  const setBox = (key: keyof Box, value: string) => {
    const n = Number(value);
    if (Number.isFinite(n)) onChange({ ...zone, box: { ...zone.box, [key]: Math.round(n) } });
  };
  const uvChoice: UvChoice = expect.uv ? (expect.uv.fluoresces ? 'fluoresces' : 'dull') : '';
  const setUv = (choice: UvChoice) => {
    const { uv: _uv, ...rest } = expect;
    setExpect(choice === '' ? rest : { ...rest, uv: { fluoresces: choice === 'fluoresces', fixedPattern: expect.uv?.fixedPattern ?? false, ...(expect.uv?.colour ? { colour: expect.uv.colour } : {}) } });
  };
  const id = (name: string) => `zone-${zone.id}-${name}`;

  return (
    <fieldset className="zone-form" data-testid="zone-form" data-zone={zone.id}>
      <legend className="zone-form__legend">{zone.label || t('zone.new')} <span className="muted mono">{zone.id}</span></legend>
      <div className="zone-form__row">
        <label className="field">
          <span className="field__label">{t('zone.kind')}</span>
          <select className="input input--compact" value={zone.kind} onChange={(e) => onChange({ ...zone, kind: e.target.value as ZoneKind })} data-testid="zone-kind">
            {ZONE_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
          </select>
        </label>
        <label className="field field--grow">
          <span className="field__label">{t('zone.label')}</span>
          <input ref={labelRef} className="input input--compact" maxLength={120} value={zone.label} onChange={(e) => onChange({ ...zone, label: e.target.value })} data-testid="zone-label" />
        </label>
      </div>
      {zone.kind === 'field' && (
        <label className="field">
          <span className="field__label">{t('zone.field')}</span>
          <input className="input input--compact" maxLength={40} value={zone.field ?? ''} onChange={(e) => onChange({ ...zone, field: e.target.value || undefined })} data-testid="zone-field" />
        </label>
      )}
      <label className="checkbox">
        <input type="checkbox" checked={zone.personal} onChange={(e) => onChange({ ...zone, personal: e.target.checked })} data-testid="zone-personal" />
        {t('zone.personal')}
      </label>
      <div className="zone-form__row" role="group" aria-label={t('zone.box')}>
        {(['x', 'y', 'w', 'h'] as const).map((k) => (
          <label className="field zone-form__num" key={k} htmlFor={id(k)}>
            <span className="field__label">{k}</span>
            <input id={id(k)} className="input input--compact" inputMode="numeric" value={zone.box[k]} onChange={(e) => setBox(k, e.target.value)} data-testid={`zone-box-${k}`} />
          </label>
        ))}
      </div>
      <div className="zone-form__row">
        <label className="field">
          <span className="field__label">{t('zone.ir')}</span>
          <select className="input input--compact" value={expect.ir ?? ''} onChange={(e) => {
            const { ir: _ir, ...rest } = expect;
            setExpect(e.target.value ? { ...rest, ir: e.target.value as 'visible' | 'invisible' } : rest);
          }} data-testid="zone-ir">
            <option value="">{t('zone.none')}</option>
            <option value="visible">{t('zone.ir.visible')}</option>
            <option value="invisible">{t('zone.ir.invisible')}</option>
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('zone.uv')}</span>
          <select className="input input--compact" value={uvChoice} onChange={(e) => setUv(e.target.value as UvChoice)} data-testid="zone-uv">
            <option value="">{t('zone.none')}</option>
            <option value="fluoresces">{t('zone.uv.fluoresces')}</option>
            <option value="dull">{t('zone.uv.dull')}</option>
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('zone.white')}</span>
          <select className="input input--compact" value={expect.white ? (expect.white.fixedPattern ? 'fixed' : 'variable') : ''} onChange={(e) => {
            const { white: _white, ...rest } = expect;
            setExpect(e.target.value ? { ...rest, white: { fixedPattern: e.target.value === 'fixed' } } : rest);
          }} data-testid="zone-white">
            <option value="">{t('zone.none')}</option>
            <option value="fixed">{t('zone.white.fixed')}</option>
            <option value="variable">{t('zone.white.variable')}</option>
          </select>
        </label>
      </div>
      {expect.uv && (
        <div className="zone-form__row">
          <label className="field">
            <span className="field__label">{t('zone.uv.colour')}</span>
            <input className="input input--compact mono" maxLength={7} placeholder="#3366ff" value={expect.uv.colour ?? ''} onChange={(e) => {
              const { colour: _c, ...uv } = expect.uv!;
              setExpect({ ...expect, uv: e.target.value ? { ...uv, colour: e.target.value } : uv });
            }} data-testid="zone-uv-colour" />
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={expect.uv.fixedPattern ?? false} onChange={(e) => setExpect({ ...expect, uv: { ...expect.uv!, fixedPattern: e.target.checked } })} data-testid="zone-uv-fixed" />
            {t('zone.fixedPattern')}
          </label>
        </div>
      )}
      <label className="field">
        <span className="field__label">{t('zone.note')}</span>
        <textarea className="input textarea" rows={2} maxLength={1000} value={zone.note ?? ''} onChange={(e) => onChange({ ...zone, note: e.target.value || undefined })} data-testid="zone-note" />
      </label>
      <button type="button" className="button button--small button--ghost" onClick={onRemove} data-testid="zone-remove">{t('reference.removeZone')}</button>
    </fieldset>
  );
}
