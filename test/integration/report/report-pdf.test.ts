// The examination report end to end: real specimen files, real sharp, Debian's Chromium, real PDF
// read back with poppler.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPdfRenderer, createReportPdf, reportMessages } from '../../../electron/report';
import type { ClosablePdfRenderer } from '../../../electron/report';
import { useTempDir } from '../../helpers/temp-dir';
import { HOSTILE_NAME, OFFICER, STATION, specimenExamination } from './report-fixture';
import type { ExamFixture } from './report-fixture';
import { isPdf, pdfPageCount, pdfText, renderPage, squash, writePdf } from './report-pdf-tools';

const dir = useTempDir('loupe-report-');
let renderer: ClosablePdfRenderer;
let fixture: ExamFixture;

beforeAll(async () => {
  renderer = chromiumPdfRenderer();
  fixture = await specimenExamination();
});
afterAll(async () => {
  await renderer.close();
});

describe('examination report PDF', () => {
  let pdfPath: string;
  let text: string;

  beforeAll(async () => {
    const pdf = await createReportPdf(fixture.exam, {
      station: STATION,
      imagePath: (hash) => fixture.files.get(hash) ?? null,
      renderer,
      now: new Date('2025-03-14T10:05:00Z'),
    });
    pdfPath = writePdf(dir, 'report.pdf', pdf);
    text = pdfText(pdfPath);
  });

  it('is a PDF with the case-file facts: station, officer, decision, checks', () => {
    expect(isPdf(pdfPath)).toBe(true);
    expect(text).toContain(OFFICER.name);
    expect(text).toContain(OFFICER.badge);
    expect(text).toContain(STATION);
    expect(text).toContain(fixture.exam.id);
    expect(text).toContain(reportMessages['report.verdict.false-counterfeit']);
    expect(text).toContain(fixture.exam.decision?.reasons[0]);
    for (const check of fixture.exam.checks) expect(text).toContain(check.title);
    expect(text).toContain('Not performed');
    expect(text).toContain('2025-03-14 09:41:27 UTC');
  });

  it('prints the MRZ lines exactly', () => {
    for (const line of fixture.truth.mrz.lines) expect(text).toContain(line);
  });

  it('prints the sha256 of every capture file', () => {
    const flat = squash(text);
    expect(fixture.exam.images).toHaveLength(3);
    for (const image of fixture.exam.images) expect(flat).toContain(image.hash);
  });

  it('prints a hostile holder name as text, without running it', () => {
    expect(text).toContain(HOSTILE_NAME);
  });

  it('numbers every page and carries the record digest in the footer', () => {
    const pages = pdfPageCount(pdfPath);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(text).toContain(`Page 1 of ${pages}`);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    expect(text.split(`Loupe examination ${fixture.exam.id} · record sha256`).length - 1).toBe(pages);
  });

  it('renders a first page that is neither blank nor black', async () => {
    const png = renderPage(pdfPath, dir, 1);
    const stats = await sharp(png).greyscale().stats();
    const mean = stats.channels[0]?.mean ?? 0;
    expect(mean).toBeLessThan(250);
    expect(mean).toBeGreaterThan(5);
    const meta = await sharp(png).metadata();
    // A4 portrait at 60 dpi: 496 × 702 px.
    expect(meta.width).toBeGreaterThan(480);
    expect(meta.height! / meta.width!).toBeCloseTo(297 / 210, 1);
  });
});

describe('examination report with missing capture files', () => {
  it('still renders, naming each missing file by its hash', async () => {
    const [white, ir, uv] = fixture.exam.images;
    const pdf = await createReportPdf(fixture.exam, {
      station: STATION,
      imagePath: (hash) => (hash === white?.hash ? (fixture.files.get(hash) ?? null) : hash === ir?.hash ? join(dir, 'gone.png') : null),
      renderer,
    });
    const path = writePdf(dir, 'missing.pdf', pdf);
    const flat = squash(pdfText(path, false));
    expect(isPdf(path)).toBe(true);
    expect(flat).toContain(squash(`Image file missing (hash ${ir?.hash})`));
    expect(flat).toContain(squash(`Image file missing (hash ${uv?.hash})`));
    expect(flat).not.toContain(squash(`Image file missing (hash ${white?.hash})`));
  });
});

describe('PDF renderer isolation', () => {
  it('never fetches a resource and never runs a script', async () => {
    const hits: string[] = [];
    const server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const html = `<!DOCTYPE html><html><head><link rel="stylesheet" href="http://127.0.0.1:${port}/style.css"></head>
        <body><p id="p">static text</p><img src="http://127.0.0.1:${port}/pixel.png">
        <script>document.getElementById('p').textContent = 'script ran'; fetch('http://127.0.0.1:${port}/fetch');</script></body></html>`;
      const path = writePdf(dir, 'isolated.pdf', await renderer(html));
      const text = pdfText(path);
      expect(text).toContain('static text');
      expect(text).not.toContain('script ran');
      expect(hits).toEqual([]);
    } finally {
      server.close();
    }
  });
});
