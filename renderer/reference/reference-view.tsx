// The reference view (key F): browse the library, open a class (images per light, zones, notes),
// edit it, and — when an identified examination is open — compare the document with its reference
// side by side under the same light, with one view driving both panes (synchronized zoom and pan).
// Experts learn a new class from genuine captures here, or add captures to a learned one: the
// proposal opens drawn on its images, to be corrected and saved (or discarded).
import { useCallback, useEffect, useMemo, useState, type Ref } from 'react';
import type { LearningProposal } from '../../electron/contract/learning.contract';
import type { DocumentClass, ReferenceSummary } from '../../electron/contract/reference.contract';
import type { Examination } from '../../electron/contract/examination.contract';
import type { Light } from '../../electron/contract/capture.contract';
import { loupe } from '../api/loupe';
import { t } from '../i18n/t';
import { DocumentViewer, type ViewerHandle } from '../viewer/document-viewer';
import { cssMatrix3d } from '../viewer/homography-math';
import { pngUrl, readCaptureFiles } from './capture-upload';
import { ClassDetail, type ProposalMode } from './class-detail';
import { LearnForm, type LearnInput } from './learn-form';
import { ProposalReport } from './proposal-report';
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
  /** Learning: the form, or a proposal being corrected. */
  const [learning, setLearning] = useState<'form' | LearningProposal | null>(null);
  const proposal = learning !== null && learning !== 'form' ? learning : null;
  const proposalUrls = useMemo(() => {
    if (!proposal) return null;
    const urls: Partial<Record<Light, string>> = {};
    for (const l of ['white', 'ir', 'uv'] as const) {
      const b64 = proposal.images[l];
      if (b64) urls[l] = pngUrl(b64);
    }
    return urls;
  }, [proposal]);
  useEffect(() => () => Object.values(proposalUrls ?? {}).forEach((u) => URL.revokeObjectURL(u)), [proposalUrls]);
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

  const learn = async (input: LearnInput): Promise<void> => {
    try {
      setLearning(await loupe['learning:propose'](input));
    } catch (e) {
      onError(e);
    }
  };

  const grow = async (files: File[]): Promise<void> => {
    if (!open) return;
    try {
      setLearning(await loupe['learning:grow']({ id: open.cls.id, files: await readCaptureFiles(files) }));
    } catch (e) {
      onError(e);
    }
  };

  const saveProposal = async (cls: DocumentClass): Promise<number | null> => {
    if (!proposal) return null;
    try {
      const saved = await loupe['learning:save']({ draftId: proposal.draftId, cls });
      setLearning(null);
      await Promise.all([refresh(), openClass(saved.id)]);
      return saved.version;
    } catch (e) {
      onError(e);
      return null;
    }
  };

  const discardProposal = () => {
    if (proposal) void loupe['learning:discard']({ draftId: proposal.draftId }).catch(onError);
    setLearning(null);
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
      <ReferenceList classes={classes} openId={open?.cls.id ?? null} onOpen={(id) => { setLearning(null); void openClass(id); }} onLearn={() => setLearning('form')} />
      {learning === 'form' ? (
        <LearnForm onLearn={learn} onCancel={() => setLearning(null)} />
      ) : proposal && proposalUrls ? (
        <ClassDetail
          cls={proposal.cls}
          source="user"
          referenceBase={referenceBase}
          light={light}
          onLight={onLight}
          onSave={saveProposal}
          onRetire={async () => false}
          compare={null}
          proposal={proposalMode(proposal, proposalUrls, discardProposal)}
        />
      ) : open ? (
        <ClassDetail
          cls={open.cls}
          source={open.source}
          referenceBase={referenceBase}
          light={light}
          onLight={onLight}
          onSave={save}
          onRetire={retire}
          {...(open.source === 'user' && open.cls.learning ? { onGrow: grow } : {})}
          compare={compareButton}
        />
      ) : (
        <p className="muted reference-view__pick">{t('reference.pick')}</p>
      )}
    </div>
  );
}

function proposalMode(proposal: LearningProposal, urls: Partial<Record<Light, string>>, onDiscard: () => void): ProposalMode {
  return {
    imageSrc: (l) => urls[l] ?? urls.white!,
    title: proposal.action === 'learn' ? t('learn.proposal') : t('learn.proposalGrow', { version: proposal.cls.version + 1 }),
    report: <ProposalReport proposal={proposal} />,
    onDiscard,
  };
}
