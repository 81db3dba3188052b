// The report HTML on its own: escaping, MRZ marking, overlays on the right light, honest absences.
import { describe, expect, it } from 'vitest';
import type { Examination } from '../../../electron/contract/examination.contract';
import { readMrzText } from '../../../electron/mrz';
import { examinationDigest, renderReportHtml, reportMessages } from '../../../electron/report';
import type { ReportImage } from '../../../electron/report';
import { overallVerdict } from '../../../electron/checks/layered-verdict';
import { DEFAULT_NEXT_STEPS } from '../../../electron/examination/next-steps';
import { HOSTILE_NAME, STATION, specimenExamination } from './report-fixture';

const fixture = await specimenExamination();
const DATA_URL = 'data:image/jpeg;base64,AAAA';

function images(exam: Examination): ReportImage[] {
  return exam.images.map((i) => ({ light: i.light, hash: i.hash, width: i.width, height: i.height, dataUrl: DATA_URL }));
}

function render(exam: Examination, imgs = images(exam)): string {
  return renderReportHtml(exam, { station: STATION, generatedAt: new Date('2025-03-14T10:00:00Z'), images: imgs });
}

/** The SVG drawn for one light's figure. */
function figureSvg(html: string, light: string): string {
  const start = html.indexOf(`<figure class="shot light-${light}">`);
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</figure>', start));
}

describe('renderReportHtml', () => {
  it('escapes every value: a hostile name never becomes markup', () => {
    const exam = structuredClone(fixture.exam);
    exam.officer = { name: '"><img src=x onerror=alert(2)>', badge: 'B</style><script>x()</script>' };
    exam.id = 'exm"</title><script>y()</script>';
    const html = render(exam);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(exam.mrz?.fields['surname']).toBe(HOSTILE_NAME);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
    // The footer is a CSS string: the exam id is hex-escaped there, so it cannot close <style>.
    const style = html.slice(html.indexOf('<style>') + '<style>'.length, html.indexOf('</style>'));
    expect(style).not.toContain('<');
    expect(style).toContain('exm\\22 \\3c \\2f title\\3e ');
  });

  it('forbids scripts and remote resources with a CSP', () => {
    expect(render(fixture.exam)).toContain(
      'content="default-src &#39;none&#39;; img-src data:; style-src &#39;unsafe-inline&#39;; font-src data:"',
    );
  });

  it('marks the characters of an invalid MRZ field and of every correction', () => {
    const lines = [...fixture.truth.mrz.lines];
    // Document number check digit (TD3 line 2, column 10: ICAO 9303-4 §4.2.2) made wrong.
    const line2 = lines[1] ?? '';
    const wrong = line2[9] === '1' ? '2' : '1';
    lines[1] = `${line2.slice(0, 9)}${wrong}${line2.slice(10)}`;
    const exam = structuredClone(fixture.exam);
    exam.mrz = readMrzText(lines, { source: 'text' });
    exam.mrz.corrections.push({ line: 0, column: 2, read: '0', corrected: 'P', reason: 'letter expected in the issuing state' });
    const bad = exam.mrz.details.filter((d) => !d.valid);
    expect(bad.length).toBeGreaterThan(0);
    const html = render(exam);
    const mrzBox = html.slice(html.indexOf('<div class="mrz-box">'), html.indexOf('<p class="legend">'));
    const badSpans = mrzBox.match(/<span class="bad( fixed)?">/g) ?? [];
    expect(badSpans.length).toBe(bad.reduce((n, d) => n + (d.end - d.start), 0));
    expect(html).toContain(`<span class="bad">${wrong}</span>`);
    expect(html).toContain('<span class="fixed">P</span>');
    expect(html).toContain('line 1, column 3: read “0”, corrected to “P”');
    expect(html).toContain(reportMessages['report.mrz.invalid']);
  });

  it('draws each evidence region on the image of its own light', () => {
    const html = render(fixture.exam);
    const photo = fixture.truth.regions.find((r) => r.id === 'photo')?.box;
    const mrz = fixture.truth.regions.find((r) => r.id === 'mrz')?.box;
    const rect = (b: { x: number; y: number; w: number; h: number } | undefined) =>
      `<rect x="${b?.x}" y="${b?.y}" width="${b?.w}" height="${b?.h}" fill="none"`;
    expect(figureSvg(html, 'uv')).toContain(rect(photo));
    expect(figureSvg(html, 'ir')).toContain(rect(mrz));
    expect(figureSvg(html, 'white')).not.toContain('fill="none"');
    expect(figureSvg(html, 'ir')).not.toContain(rect(photo));
  });

  it('shows a placeholder naming the hash when an image file is missing', () => {
    const imgs = images(fixture.exam).map((i) => (i.light === 'uv' ? { ...i, dataUrl: null } : i));
    const uv = fixture.exam.images.find((i) => i.light === 'uv');
    const html = render(fixture.exam, imgs);
    expect(figureSvg(html, 'uv')).toContain(`Image file missing (hash ${uv?.hash})`);
    expect(figureSvg(html, 'white')).toContain(DATA_URL);
  });

  it('flags a capture file whose bytes no longer match the recorded hash', () => {
    const imgs = images(fixture.exam).map((i) => (i.light === 'ir' ? { ...i, fileHash: 'f'.repeat(64) } : i));
    expect(figureSvg(render(fixture.exam, imgs), 'ir')).toContain(`does not match the recorded hash (file sha256 ${'f'.repeat(64)})`);
  });

  it('says so when no decision was recorded, and prints not-performed layers as such', () => {
    const exam = { ...structuredClone(fixture.exam), decision: null };
    const html = render(exam);
    expect(html).toContain(reportMessages['report.noDecision']);
    expect(html).not.toContain(reportMessages['report.verdict.false-counterfeit']);
    expect((html.match(/badge st-not-performed/g) ?? []).length).toBeGreaterThanOrEqual(4);
  });

  it('prints the digest of the record it was made from', () => {
    const digest = examinationDigest(fixture.exam);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(render(fixture.exam)).toContain(digest);
    const reordered = Object.fromEntries(Object.entries(fixture.exam).reverse()) as Examination;
    expect(examinationDigest(reordered)).toBe(digest);
    expect(examinationDigest({ ...fixture.exam, station: `${STATION}x` })).not.toBe(digest);
  });

  it('opens with the overall verdict as the screen shows it, and the station’s next step', () => {
    const exam = structuredClone(fixture.exam);
    exam.overall = overallVerdict(exam.checks, exam.verdict, exam.mrz, new Date(exam.createdAt));
    exam.overall.expired = { on: '2024-11-30' };
    const nextSteps = { ...DEFAULT_NEXT_STEPS, fail: 'Retain the document; call the duty expert on 4410.' };
    const html = renderReportHtml(exam, { station: STATION, generatedAt: new Date('2025-03-14T10:00:00Z'), images: images(exam), nextSteps });
    const section = html.slice(html.indexOf('<section class="block overall'), html.indexOf('</section>', html.indexOf('<section class="block overall')));
    expect(html.indexOf('block overall')).toBeLessThan(html.indexOf(reportMessages['report.layeredVerdict']));
    expect(section).toContain('data-level="fail"');
    expect(section).toContain(reportMessages['report.level.fail']);
    expect(section).toContain('Expired on 2024-11-30: not valid for travel');
    expect(section).toContain('Physical consistency — UV-dull substrate: fluorescent patch over the portrait');
    expect(section).toContain('Passive authentication: No chip reader was used in this examination');
    expect(section).toContain('Retain the document; call the duty expert on 4410.');
    expect(section).toContain(DEFAULT_NEXT_STEPS.expired);
    // A record without an overall verdict (an older build's) prints none rather than guessing one.
    expect(render(fixture.exam)).not.toContain('block overall');

    // Expired with nothing else found: called expired, with the step for expired documents only.
    exam.overall = { level: 'attention', expired: { on: '2024-11-30' }, findings: [], notPerformed: [] };
    const expired = renderReportHtml(exam, { station: STATION, generatedAt: new Date('2025-03-14T10:00:00Z'), images: images(exam), nextSteps: DEFAULT_NEXT_STEPS });
    const expiredSection = expired.slice(expired.indexOf('<section class="block overall'), expired.indexOf('</section>', expired.indexOf('<section class="block overall')));
    expect(expiredSection).toContain(reportMessages['report.level.expired']);
    expect(expiredSection).toContain(DEFAULT_NEXT_STEPS.expired);
    expect(expiredSection).not.toContain(DEFAULT_NEXT_STEPS.attention);
  });

  it('prints every version of the decision: who, when, what and why, with the confirming reason', () => {
    const exam = structuredClone(fixture.exam);
    const first = { verdict: 'genuine' as const, reasons: ['no defect seen at the desk'], notes: '', confirmation: 'UV patch is a known laminate glare <b>', officer: { name: 'Tove Lind', badge: 'S-118' }, decidedAt: '2025-03-14T09:45:00.000Z', basis: { level: 'fail' as const, expired: false } };
    exam.decisions = [first, exam.decision!];
    const html = render(exam);
    const history = html.slice(html.indexOf(reportMessages['report.decisionHistory']));
    expect(history).toContain('1 of 2');
    expect(history).toContain('2 of 2 (current)');
    expect(history).toContain('2025-03-14 09:45:00 UTC');
    expect(history).toContain('Tove Lind');
    expect(history).toContain('no defect seen at the desk');
    expect(history).toContain('UV patch is a known laminate glare &lt;b&gt;');
    expect(history).toContain(exam.decision!.reasons[0]);
    expect(history.indexOf('Tove Lind')).toBeLessThan(history.indexOf(exam.decision!.reasons[0]!));
    // A record from before versions shows its one decision as the only version.
    expect(render(fixture.exam)).toContain('1 of 1 (current)');
  });
});
