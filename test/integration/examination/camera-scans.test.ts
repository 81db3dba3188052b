// The camera as a scanner, on real pages of the development set (../shared/mrz-real-dev) made into
// webcam-like frames: sharpness ranks blurred frames below sharp ones, the per-character vote keeps a
// reading only when enough frames agree and the check digits verify, and a session's sharpest
// agreeing frame becomes the white-light capture of an examination in a real station database.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Officer } from '../../../electron/contract/examination.contract';
import { voteFrames, sharpestAgreeingFrame, type FrameReading } from '../../../electron/examination/camera-frame-vote';
import { CameraScans, MIN_AGREEING_FRAMES } from '../../../electron/examination/camera-scans';
import { ExaminationService } from '../../../electron/examination/examination.service';
import { frameSharpness } from '../../../electron/imaging/frame-sharpness';
import { readMrzText } from '../../../electron/mrz';
import { openStationStore, type StationStore } from '../../../electron/store';
import { cameraFrame } from '../../helpers/camera-frames';
import { useTempDir } from '../../helpers/temp-dir';
import { DEV_SET, devSetMissing } from '../../helpers/dev-set';

const PAGE = join(DEV_SET, 'GBR', '00.jpg');
const OFFICER: Officer = { name: 'Tove Lind', badge: 'C-31' };
const truth = (): string[] => readFileSync(join(DEV_SET, 'GBR', '00.txt'), 'utf8').trim().split(/\r?\n/);
const NOW = new Date('2026-01-01T00:00:00Z');

/** One character of line `line` changed at `column`. */
const misread = (lines: string[], line: number, column: number, char: string): string[] => lines.map((l, i) => (i === line ? l.slice(0, column) + char + l.slice(column + 1) : l));
const frameOf = (lines: string[], sharpness = 1): FrameReading => ({ reading: readMrzText(lines, { source: 'ocr', repair: false, now: NOW }), sharpness });

describe.skipIf(devSetMissing)('camera as a scanner (real pages as webcam frames)', () => {
  it('sharpness (variance of the Laplacian) ranks the same frame sharp > slightly blurred > blurred', async () => {
    const sharp = await frameSharpness(await cameraFrame(PAGE, { pageWidth: 1000 }));
    const soft = await frameSharpness(await cameraFrame(PAGE, { pageWidth: 1000, blur: 1.2 }));
    const blurred = await frameSharpness(await cameraFrame(PAGE, { pageWidth: 1000, blur: 3 }));
    expect(sharp).toBeGreaterThan(2 * soft);
    expect(soft).toBeGreaterThan(2 * blurred);
  });

  it('votes per character: single misreads in different frames are outvoted; the reading waits for enough agreeing frames', () => {
    const lines = truth();
    // Each frame misreads a different character (a webcam's typical O/0, 5/S and B/8 slips).
    const frames = [frameOf(misread(lines, 1, 3, '0')), frameOf(misread(lines, 1, 20, 'S')), frameOf(misread(lines, 0, 8, '0'))];
    const three = voteFrames(frames, MIN_AGREEING_FRAMES, NOW);
    expect(three.lines).toEqual(lines);
    expect(three.agreeing).toBe(2);
    expect(three.checkDigitsHold).toBe(true);
    expect(three.ready).toBe(false);
    const four = voteFrames([...frames, frameOf(misread(lines, 1, 0, 'W'))], MIN_AGREEING_FRAMES, NOW);
    expect(four.lines).toEqual(lines);
    expect(four.agreeing).toBe(3);
    expect(four.ready).toBe(true);
    // No frame read the voted lines whole: the sharpest frame of the layout is kept.
    expect(sharpestAgreeingFrame(frames, three)?.exact).toBe(false);
  });

  it('never keeps a voted reading whose check digits fail, however many frames agree', () => {
    const wrong = misread(truth(), 1, 3, '0'); // inside the document number: its check digit fails
    const vote = voteFrames([frameOf(wrong), frameOf(wrong), frameOf(wrong), frameOf(wrong)], MIN_AGREEING_FRAMES, NOW);
    expect(vote.agreeing).toBe(4);
    expect(vote.checkDigitsHold).toBe(false);
    expect(vote.ready).toBe(false);
  });

  describe('a session of frames held to the camera', () => {
    const dir = useTempDir('loupe-camera-');
    let store: StationStore;
    let service: ExaminationService;
    let camera: CameraScans;
    const captures = join(dir, 'captures');

    beforeAll(() => {
      store = openStationStore(join(dir, 'station'));
      service = new ExaminationService(store, 'test-station', null, () => NOW);
      mkdirSync(captures, { recursive: true });
      camera = new CameraScans(service, captures);
    });
    afterAll(async () => {
      await service.close();
      store.close();
    });

    it('guides the officer, keeps the reading once enough frames agree, and examines the sharpest agreeing frame as the white capture', async () => {
      const send = async (bytes: Buffer) => camera.frame('session-test-1', bytes.toString('base64'));

      const far = await send(await cameraFrame(PAGE, { pageWidth: 600 }));
      expect(far.hint).toBe('move-closer');
      expect(far.pageCorners).not.toBeNull();
      expect(far.lines).toEqual([]);

      const first = await send(await cameraFrame(PAGE, { pageWidth: 1000 }));
      expect(first.lines).toEqual(truth());
      expect(first.hint).toBe('hold-still');
      expect(first.mrzCorners?.every(([x, y]) => x >= 0 && x <= 1 && y > 0.5 && y <= 1)).toBe(true);

      const shaken = await send(await cameraFrame(PAGE, { pageWidth: 1000, blur: 3.5 }));
      expect(shaken.hint).toBe('hold-still');

      const sharpest = await cameraFrame(PAGE, { pageWidth: 1010, dx: 20, dy: -8, quality: 95 });
      const soft = await cameraFrame(PAGE, { pageWidth: 990, dx: -25, dy: 10, blur: 0.8 });
      const second = await send(soft);
      expect(second.agreeing).toBe(2);
      expect(second.hint).not.toBe('ready');
      const third = await send(sharpest);
      expect(third.hint).toBe('ready');
      expect(third.agreeing).toBe(3);
      expect(third.checkDigitsHold).toBe(true);
      expect(third.bestSharpness).toBe(third.sharpness);

      const exam = await camera.examine('session-test-1', OFFICER);
      expect(exam.source).toBe('camera');
      expect(exam.images.map((i) => i.light)).toEqual(['white']);
      expect(exam.images[0]?.hash).toBe(createHash('sha256').update(sharpest).digest('hex'));
      expect(exam.mrz?.lines).toEqual(truth());
      expect(exam.mrz?.valid).toBe(true);
      expect(exam.mrz?.geometry?.image).toBe(store.imagePath(exam.images[0]!.hash));
      // White light only: the checks that need infrared or ultraviolet say so.
      expect(exam.checks.find((c) => c.id === 'mrz.check-digits')?.status).toBe('pass');
      // The staged frames are gone; the session too.
      expect(readdirSync(captures)).toEqual([]);
      await expect(camera.examine('session-test-1', OFFICER)).rejects.toThrow(/session has ended/);
    }, 120_000);

    it('refuses a frame that is not a JPEG, and an examination before the frames agree', async () => {
      await expect(camera.frame('session-test-2', Buffer.from('not a picture at all').toString('base64'))).rejects.toThrow(/must be a JPEG/);
      await camera.frame('session-test-2', (await cameraFrame(PAGE, { pageWidth: 1000 })).toString('base64'));
      await expect(camera.examine('session-test-2', OFFICER)).rejects.toThrow(/1 of 3 frames agree/);
    }, 60_000);
  });
});
