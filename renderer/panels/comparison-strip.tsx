// The comparison strip of a finding: the document crop beside the reference crop, for the check's
// light and for white light. The reference box is the evidence box mapped back into reference
// pixels with the inverse of the identification homography; cropping is pure CSS on the served
// images (nothing crosses the API as base64).
import type { Box, Light } from '../../electron/contract/capture.contract';
import type { CaptureImage, CheckResult, IdentificationSummary } from '../../electron/contract/examination.contract';
import { t } from '../i18n/t';
import { referenceBoxOf } from '../viewer/homography-math';

/** Wide evidence (an MRZ band) gets a wider crop, stacked document above reference. */
const CROP_W = 150;
const WIDE_CROP_W = 300;
const CROP_MAX_H = 130;
/** Context kept around the evidence box, as a fraction of its larger side. */
const MARGIN = 0.08;

export interface ComparisonContext {
  images: CaptureImage[];
  imageBase: string;
  referenceBase: string;
  identification: IdentificationSummary | null;
}

export function Crop({ src, box, label, testId }: { src: string; box: Box; label: string; testId: string }) {
  const pad = Math.max(box.w, box.h) * MARGIN;
  const x = box.x - pad;
  const y = box.y - pad;
  const w = Math.max(box.w + 2 * pad, 1);
  const h = Math.max(box.h + 2 * pad, 1);
  const scale = Math.min((w / h >= 3 ? WIDE_CROP_W : CROP_W) / w, CROP_MAX_H / h);
  return (
    <figure className="crop" data-testid={testId}>
      <div className="crop__frame" style={{ width: w * scale, height: h * scale }}>
        <img
          className="crop__image"
          src={src}
          alt={label}
          draggable={false}
          style={{ transform: `translate(${-x * scale}px, ${-y * scale}px) scale(${scale})` }}
          data-box={`${Math.round(box.x)},${Math.round(box.y)},${Math.round(box.w)},${Math.round(box.h)}`}
        />
      </div>
      <figcaption className="crop__label">{label}</figcaption>
    </figure>
  );
}

export function ComparisonStrip({ check, context }: { check: CheckResult; context: ComparisonContext }) {
  const evidence = check.evidence.find((e) => e.region);
  if (!evidence?.region) return null;
  const region = evidence.region;
  const own = evidence.light ?? 'white';
  const lights: Light[] = own === 'white' ? ['white'] : [own, 'white'];
  const id = context.identification;
  const refBox = id ? referenceBoxOf(id.homography, region) : null;
  return (
    <div className="comparison" data-testid={`comparison-${check.id}`} data-reference={refBox ? 'yes' : 'no'}>
      {lights.map((light) => {
        const image = context.images.find((i) => i.light === light);
        const lightName = t(`viewer.light.${light}`);
        return (
          <div className="comparison__row" key={light} data-light={light}>
            <span className="comparison__light">{lightName}</span>
            {image ? (
              <Crop src={`${context.imageBase}${image.hash}`} box={region} label={t('compare.document')} testId={`crop-document-${check.id}-${light}`} />
            ) : (
              <p className="comparison__missing">{t('viewer.lightMissing', { light: lightName })}</p>
            )}
            {id && refBox ? (
              <Crop src={`${context.referenceBase}${id.classId}/${light}`} box={refBox} label={t('compare.reference', { label: id.label })} testId={`crop-reference-${check.id}-${light}`} />
            ) : (
              <p className="comparison__missing" data-testid={`no-reference-${check.id}-${light}`}>{t('compare.noClass')}</p>
            )}
          </div>
        );
      })}
    </div>
  );
}
