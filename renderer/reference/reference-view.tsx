// The reference view (key F): browse the library, open a class (images per light, zones, notes),
// edit it, and — when an identified examination is open — compare the document with its reference
// side by side under the same light, with one view driving both panes (synchronized zoom and pan).
import { useCallback, useEffect, useState, type Ref } from 'react';
import type { DocumentClass, ReferenceSummary } from '../../electron/contract/reference.contract';
import type { Examination } from '../../electron/contract/examination.contract';
import type { Light } from '../../electron/contract/capture.contract';
import { loupe } from '../api/loupe';
import { t } from '../i18n/t';
import { DocumentViewer, type ViewerHandle } from '../viewer/document-viewer';
import { cssMatrix3d } from '../viewer/homography-math';
import { ClassDetail } from './class-detail';
import { ReferenceList } from './reference-list';

interface OpenClass {
  cls: DocumentClass;
  source: 'builtin' | 'user';
}

export function ReferenceView({ referenceBase, imageBase, examination, light, onLight, viewerRef, onError }: {
  referenceBase: string;
  imageBase: string;
  examination: Examination | null;
  light: Light;
  onLight: (light: Light) => void;
  viewerRef: Ref<ViewerHandle>;
  onError: (e: unknown) => void;
}) {
  const [classes, setClasses] = useState<ReferenceSummary[] | null>(null);
  const [open, setOpen] = useState<OpenClass | null>(null);
  const [comparing, setComparing] = useState(false);
  const identification = examination?.identification ?? null;

  const refresh = useCallback(async () => {
    try {
      setClasses(await loupe['reference:list']({}));
    } catch (e) {
      onError(e);
    }
  }, [onError]);

  const openClass = useCallback(async (id: string) => {
    try {
      setOpen(await loupe['reference:get']({ id }));
    } catch (e) {
      onError(e);
    }
  }, [onError]);

  useEffect(() => {
    void refresh();
    // An identified examination opens on its own class.
    if (identification) void openClass(identification.classId);
  }, [refresh, openClass, identification]);

  const save = async (cls: DocumentClass): Promise<number | null> => {
    try {
      const saved = await loupe['reference:save']({ cls });
      await Promise.all([refresh(), openClass(saved.id)]);
      return saved.version;
    } catch (e) {
      onError(e);
      return null;
    }
  };

  const retire = async (id: string): Promise<boolean> => {
    try {
      await loupe['reference:retire']({ id });
      await Promise.all([refresh(), openClass(id)]);
      return true;
    } catch (e) {
      onError(e);
      return false;
    }
  };

  const compareButton = identification ? (
    <button type="button" className={`button button--small button--toggle${comparing ? ' button--toggle-on' : ''}`} aria-pressed={comparing} onClick={() => setComparing((on) => !on)} data-testid="compare-toggle">
      {comparing ? t('compare.close') : t('compare.open')}
    </button>
  ) : (
    <span className="muted small" data-testid="compare-unavailable">{t('compare.unavailable')}</span>
  );

  if (comparing && examination && identification) {
    return (
      <div className="reference-view reference-view--compare" data-testid="reference-view">
        <div className="compare" data-testid="compare-view" data-class-id={identification.classId}>
          <div className="compare__header">
            <span>{t('compare.identified', { label: identification.label, percent: Math.round(identification.score * 100) })}</span>
            {compareButton}
          </div>
          <DocumentViewer
            key={examination.id}
            ref={viewerRef}
            images={examination.images}
            imageBase={imageBase}
            light={light}
            onLight={onLight}
            loupeOn={false}
            overlaysOn={false}
            onToggleLoupe={() => undefined}
            onToggleOverlays={() => undefined}
            overlays={[]}
            selectedCheckId={null}
            onSelectCheck={() => undefined}
            reference={{ src: `${referenceBase}${identification.classId}/${light}`, transform: cssMatrix3d(identification.homography) }}
          />
        </div>
      </div>
    );
  }

  return (
    <div className="reference-view" data-testid="reference-view">
      <ReferenceList classes={classes} openId={open?.cls.id ?? null} onOpen={(id) => void openClass(id)} />
      {open ? (
        <ClassDetail
          cls={open.cls}
          source={open.source}
          referenceBase={referenceBase}
          light={light}
          onLight={onLight}
          onSave={save}
          onRetire={retire}
          compare={compareButton}
        />
      ) : (
        <p className="muted reference-view__pick">{t('reference.pick')}</p>
      )}
    </div>
  );
}
