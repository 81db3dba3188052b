// One device in the Devices dialog: its live state and reason, and a form generated from its
// current settings. Save sends devices:configure; a refusal is shown next to the form, in words.
import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { DeviceStatus } from '../../electron/contract/device.contract';
import { toUiError, type UiError, type UiErrorCategory } from '../api/api-error';
import { nextStepKey } from '../app/error-next-step';
import { loupe } from '../api/loupe';
import { t } from '../i18n/t';
import { draftOf, fieldsOf, parseDraft, sameDraft, withLabels, type Draft, type Field } from './setting-fields';

type Outcome = { kind: 'saved' } | { kind: 'error'; error: UiError | { kind: null; category: null; message: string } } | null;

// Categories whose cause lies outside the form: their own next step. Any other refusal is about the
// settings themselves (the device bridge reports invalid values and unusable devices alike).
const OWN_NEXT_STEP: readonly UiErrorCategory[] = ['network', 'unauthorized', 'busy', 'not-signed-in'];

function SettingInput({ field, value, id, testId, describedBy, onChange }: {
  field: Field;
  testId: string;
  value: string | boolean | undefined;
  id: string;
  describedBy: string | undefined;
  onChange: (value: string | boolean) => void;
}) {
  if (field.type === 'checkbox') {
    return (
      <label className="device-card__check" htmlFor={id}>
        <input id={id} type="checkbox" checked={value === true} aria-describedby={describedBy} onChange={(e) => onChange(e.target.checked)} data-testid={testId} />
        <span>{field.label}</span>
      </label>
    );
  }
  return (
    <>
      <label className="field__label" htmlFor={id}>{field.label}</label>
      <input
        id={id}
        className={`input${field.type === 'number' ? ' input--number' : ''}`}
        type={field.type === 'number' ? 'number' : 'text'}
        inputMode={field.type === 'number' ? 'numeric' : undefined}
        spellCheck={false}
        autoComplete="off"
        value={typeof value === 'string' ? value : ''}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      />
    </>
  );
}

export function DeviceSettingsCard({ device }: { device: DeviceStatus }) {
  const baseId = useId();
  // null while the officer has changed nothing: the form then follows the device's live settings.
  const [edits, setEdits] = useState<Draft | null>(null);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const fields = fieldsOf(device.settings);
  const current = draftOf(device.settings);
  const draft = edits ?? current;
  const dirty = edits !== null && !sameDraft(edits, current);

  const change = (key: string, value: string | boolean) => {
    setEdits({ ...draft, [key]: value });
    setOutcome(null);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const parsed = parseDraft(fields, draft);
    if (!parsed.ok) {
      setOutcome({ kind: 'error', error: { kind: null, category: null, message: parsed.message } });
      return;
    }
    setSaving(true);
    setOutcome(null);
    try {
      await loupe['devices:configure']({ id: device.id, settings: parsed.settings });
      setEdits(null);
      setOutcome({ kind: 'saved' });
    } catch (e) {
      const error = toUiError(e);
      setOutcome({ kind: 'error', error: { ...error, message: withLabels(error.message, fields) } });
    } finally {
      setSaving(false);
    }
  };

  // Enter saves from every field; a checkbox does not submit its form by itself.
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Enter' && event.target instanceof HTMLInputElement && event.target.type === 'checkbox') {
      event.preventDefault();
      event.currentTarget.requestSubmit();
    }
  };

  const titleId = `${baseId}-title`;
  const stateId = `${baseId}-state`;
  const errorId = `${baseId}-error`;
  const reason = device.reason ?? t(`devices.hint.${device.state}`);

  return (
    <section className={`device-card device-card--${device.state}`} aria-labelledby={titleId} data-testid={`device-settings-${device.id}`} data-state={device.state}>
      <header className="device-card__head">
        <span className="device__dot" aria-hidden="true" />
        <h3 className="device-card__name" id={titleId}>{device.name}</h3>
        <span className={`device-card__state device-card__state--${device.state}`} data-testid={`device-settings-state-${device.id}`}>
          {t(`device.state.${device.state}`)}
        </span>
      </header>
      <p className="device-card__reason" id={stateId} aria-live="polite" data-testid={`device-settings-reason-${device.id}`}>{reason}</p>
      {fields.length === 0 ? (
        <p className="muted device-card__empty">{t('devices.noSettings')}</p>
      ) : (
        <form className="device-card__form" aria-label={t('devices.settingsOf', { device: device.name })} onSubmit={(e) => void save(e)} onKeyDown={onKeyDown} noValidate>
          <div className="device-card__fields">
            {fields.map((field) => {
              const id = `${baseId}-${field.key}`;
              const helpId = field.help ? `${id}-help` : undefined;
              const describedBy = [helpId, outcome?.kind === 'error' ? errorId : undefined].filter(Boolean).join(' ') || undefined;
              return (
                <div key={field.key} className={`field device-card__field device-card__field--${field.type}`}>
                  <SettingInput field={field} value={draft[field.key]} id={id} testId={`setting-${device.id}-${field.key}`} describedBy={describedBy} onChange={(v) => change(field.key, v)} />
                  {field.help && <span className="field__help" id={helpId}>{field.help}</span>}
                </div>
              );
            })}
          </div>
          <div className="device-card__actions">
            {outcome?.kind === 'error' && (
              <div className="device-card__error" id={errorId} role="alert" data-testid={`device-settings-error-${device.id}`} data-kind={outcome.error.kind ?? 'form'}>
                <strong>{t('devices.error.failed')}</strong> {outcome.error.message}
                <span className="device-card__next">
                  {' '}{outcome.error.category && OWN_NEXT_STEP.includes(outcome.error.category) ? t(nextStepKey(outcome.error)) : t('devices.error.next')}
                </span>
              </div>
            )}
            {outcome?.kind === 'saved' && !dirty && (
              <span className="device-card__saved" role="status" data-testid={`device-settings-saved-${device.id}`}>{t('devices.saved')}</span>
            )}
            <button type="submit" className="button button--primary button--compact" disabled={saving} data-testid={`device-save-${device.id}`}>
              {saving ? t('devices.saving') : t('devices.save')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
