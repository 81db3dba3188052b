// Expert alerts whose scope takes in the document being examined (its issuer, type and series, or
// regional alerts): a banner with what to look for and where it applies, and — for alerts drawn on
// the document's own class — the hotspots as overlay boxes on the capture (reference pixels mapped
// through the identification homography).
import { useEffect, useId, useState } from 'react';
import type { Light } from '../../electron/contract/capture.contract';
import type { Examination } from '../../electron/contract/examination.contract';
import type { ExpertAlert } from '../../electron/contract/trends.contract';
import { t } from '../i18n/t';
import type { OverlayBox } from '../viewer/finding-overlay';
import '../styles/trends.css';
import { base64ToBlob } from './file-bytes';
import { scopeText } from './alert-scope-text';
import { fraudTypeLabel } from './fraud-type-label';

function apply(h: readonly number[], x: number, y: number): [number, number] {
  const w = h[6]! * x + h[7]! * y + h[8]!;
  return [(h[0]! * x + h[1]! * y + h[2]!) / w, (h[3]! * x + h[4]! * y + h[5]!) / w];
}

/** Hotspots of the alerts under the light shown, as boxes in capture pixels. */
export function alertOverlayBoxes(alerts: readonly ExpertAlert[], examination: Examination, light: Light): OverlayBox[] {
  const h = examination.identification?.homography;
  if (!h) return [];
  // Hotspots are in the reference pixels of the alert's class: on a document of another class they point nowhere.
  return alerts.flatMap((a, ai) =>
    (a.documentClassId === examination.identification?.classId ? a.hotspots : []).flatMap((s, si) => {
      if (s.light !== light) return [];
      const pts = [apply(h, s.x, s.y), apply(h, s.x + s.w, s.y), apply(h, s.x + s.w, s.y + s.h), apply(h, s.x, s.y + s.h)];
      const xs = pts.map((p) => p[0]);
      const ys = pts.map((p) => p[1]);
      const box = { x: Math.min(...xs), y: Math.min(...ys), w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys) };
      return [{ key: `alert-${ai}-${si}`, checkId: `alert-${a.id.slice(0, 12)}`, title: `${a.title}: ${s.label}`, status: 'warn' as const, box }];
    }),
  );
}

/**
 * One alert shows in full. Several show one line each (title, type, the start of what to look for)
 * until the officer opens them: three alerts in full took some 40 % of a 720 px window, pushing the
 * verdict and the document out of sight. Opened, the banner scrolls within a bounded height.
 */
export function AlertBanner({ alerts }: { alerts: readonly ExpertAlert[] }) {
  const [opened, setOpened] = useState<boolean | null>(null);
  const listId = useId();
  if (alerts.length === 0) return null;
  const open = opened ?? alerts.length === 1;
  return (
    <section className={`alert-banner ${open ? 'alert-banner--open' : 'alert-banner--compact'}`} role="region" aria-label={t('alerts.banner')} data-testid="alert-banner" data-open={open ? 'yes' : 'no'}>
      {alerts.length > 1 && (
        <div className="alert-banner__head">
          <span className="alert-banner__icon" aria-hidden="true">!</span>
          <strong className="alert-banner__count">{t('alerts.bannerCount', { count: alerts.length })}</strong>
          <button type="button" className="alert-banner__toggle" aria-expanded={open} aria-controls={listId} onClick={() => setOpened(!open)} data-testid="alert-banner-toggle">
            {open ? t('alerts.bannerLess') : t('alerts.bannerMore')}
          </button>
        </div>
      )}
      <div id={listId} className="alert-banner__list">
        {alerts.map((a) => (
          <div key={a.id} className="alert-banner__item" data-testid="alert-banner-item">
            {open ? (
              <>
                <strong>{t('alerts.bannerTitle', { title: a.title })}</strong>{' '}
                <span className="alert-banner__type">{fraudTypeLabel(a.fraudType)} · {t('alerts.from', { country: a.country, week: a.week })}</span>{' '}
                <span className="alert-banner__scope" data-testid="alert-banner-scope">{scopeText(a)}</span>
                <p className="alert-banner__text">{a.lookFor}</p>
                {a.hotspots.length > 0 && <p className="alert-banner__spots">{t('alerts.spots', { list: a.hotspots.map((s) => `${s.label} (${t(`viewer.light.${s.light}`)})`).join(', ') })}</p>}
                {a.crops.length > 0 && <AlertCrops alert={a} />}
              </>
            ) : (
              <p className="alert-banner__line" title={a.lookFor}>
                <strong>{a.title}</strong>
                <span className="alert-banner__type"> · {fraudTypeLabel(a.fraudType)} · {t('alerts.from', { country: a.country, week: a.week })}</span>
                {' · '}<span className="alert-banner__scope" data-testid="alert-banner-scope">{scopeText(a)}</span>
                <span className="alert-banner__summary"> — {a.lookFor}</span>
              </p>
            )}
          </div>
        ))}
      </div>
    </section>
  );
}

/** The alert's redacted example crops (PNG carried in the alert), as images. */
function AlertCrops({ alert }: { alert: ExpertAlert }) {
  const [urls, setUrls] = useState<string[]>([]);
  useEffect(() => {
    const made = alert.crops.map((c) => URL.createObjectURL(base64ToBlob(c.pngBase64, 'image/png')));
    setUrls(made);
    return () => made.forEach((u) => URL.revokeObjectURL(u));
  }, [alert]);
  return (
    <div className="alert-banner__crops" role="group" aria-label={t('alerts.bannerCrops')}>
      {alert.crops.map((c, i) =>
        urls[i] ? (
          <figure key={`${c.zoneId}-${i}`} className="alert-banner__crop">
            <img src={urls[i]} alt={t('alerts.cropAlt', { label: c.label })} data-testid="alert-banner-crop" />
            <figcaption>{c.label} · {t(`viewer.light.${c.light}`)}</figcaption>
          </figure>
        ) : null,
      )}
    </div>
  );
}
