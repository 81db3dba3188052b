// The camera used as a document scanner, on the station's side. The screen sends frames of one
// session, one at a time (it waits for each answer, so the reader sets the pace); each frame's MRZ
// is read by the image path and its sharpness measured; the readings of the latest frames are voted
// on character by character (camera-frame-vote.ts). Once enough frames agree and the check digits
// verify, the officer's screen asks for the examination: the sharpest agreeing frame is staged as the
// white-light capture and examined with the voted reading.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import sharp from 'sharp';
import { LoupeError } from '../common/loupe-error';
import { writePrivateFile } from '../common/private-files';
import type { CameraFrameResult, CameraHint } from '../contract/camera-scan.contract';
import type { Examination, Officer } from '../contract/examination.contract';
import type { MrzReading } from '../contract/mrz.contract';
import { findPage } from '../checks/generic/page-area';
import { frameSharpness } from '../imaging/frame-sharpness';
import { decodeLightImage } from '../imaging/light-image';
import { readMrzText } from '../mrz';
import { readMrzFromImage } from '../mrz/mrz-image-reader';
import { discardStagedCapture } from '../store';
import { sharpestAgreeingFrame, voteFrames, type FrameReading, type FrameVote } from './camera-frame-vote';
import type { ExaminationService, ProgressListener } from './examination.service';

/** Frames that must agree on every character before a reading is kept. */
export const MIN_AGREEING_FRAMES = 3;
/** Only the latest frames vote: a document moved away or replaced soon stops counting. */
export const VOTING_WINDOW = 8;
/** Below this MRZ pitch (frame pixels) the glyphs are too small to read reliably: the officer moves closer. */
export const MIN_PITCH_PX = 14;
/** A page narrower than this share of the frame is too far away for its MRZ to be read. */
const MIN_PAGE_SHARE = 0.6;
/** A frame less than this fraction as sharp as the session's best is blurred by movement. */
const BLURRED = 0.55;
/** A session nobody sent a frame to for this long is dropped with its frames. */
const IDLE_MS = 2 * 60_000;
/** Sessions held at once (each holds up to VOTING_WINDOW frames). */
const MAX_SESSIONS = 4;

interface Frame extends FrameReading {
  bytes: Buffer;
}

interface Session {
  frames: Frame[];
  read: number;
  touched: number;
  busy: boolean;
}

export class CameraScans {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly examinations: ExaminationService,
    private readonly captureDir: string,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Reads one frame of a session and says what the officer should do next. */
  async frame(sessionId: string, frameBase64: string): Promise<CameraFrameResult> {
    const bytes = decodeFrame(frameBase64);
    const session = this.session(sessionId);
    // One frame at a time per session: the screen waits for each answer before it sends the next.
    if (session.busy) throw new LoupeError('examination', 'Busy', 'the previous camera frame is still being read');
    session.busy = true;
    try {
      const sharpness = await frameSharpness(bytes);
      const reading = await this.readFrame(bytes);
      const frame: Frame = { bytes, sharpness, reading: reading?.format ? reading : null };
      session.frames = [...session.frames, frame].slice(-VOTING_WINDOW);
      session.read += 1;
      session.touched = this.now();
      const vote = voteFrames(session.frames, MIN_AGREEING_FRAMES);
      const best = Math.max(...session.frames.map((f) => f.sharpness));
      // No MRZ in view: where is the page, and is it far away?
      const page = frame.reading ? null : await findFramePage(bytes);
      return {
        hint: hintFor(frame, vote, best, page),
        frames: session.read,
        agreeing: vote.agreeing,
        needed: MIN_AGREEING_FRAMES,
        lines: vote.lines,
        checkDigitsHold: vote.checkDigitsHold,
        mrzCorners: frame.reading?.geometry ? await corners(frame.reading, bytes) : null,
        pageCorners: page?.corners ?? null,
        sharpness: round(sharpness),
        bestSharpness: round(best),
      };
    } finally {
      session.busy = false;
    }
  }

  /** Examines the session's voted reading with its sharpest agreeing frame as the white-light capture. */
  async examine(sessionId: string, officer: Officer, progress?: ProgressListener): Promise<Examination> {
    const session = this.sessions.get(sessionId);
    if (!session) throw new LoupeError('examination', 'InvalidInput', 'the camera session has ended: hold the document to the camera again');
    const vote = voteFrames(session.frames, MIN_AGREEING_FRAMES);
    if (!vote.ready) throw new LoupeError('examination', 'InvalidInput', `the camera has not read the MRZ reliably yet (${vote.agreeing} of ${MIN_AGREEING_FRAMES} frames agree)`);
    const chosen = sharpestAgreeingFrame(session.frames, vote)!;
    this.sessions.delete(sessionId);
    const path = join(this.captureDir, `camera-${randomUUID()}.jpg`);
    writePrivateFile(path, chosen.frame.bytes);
    try {
      const mrzReading = votedReading(chosen.frame.reading!, vote, chosen.exact);
      return await this.examinations.examine({ source: 'camera', images: [{ light: 'white', path }], mrzReading }, officer, progress);
    } finally {
      discardStagedCapture(this.captureDir, [path]);
    }
  }

  close(sessionId: string): boolean {
    return this.sessions.delete(sessionId);
  }

  private session(id: string): Session {
    const now = this.now();
    for (const [key, s] of this.sessions) if (now - s.touched > IDLE_MS) this.sessions.delete(key);
    let session = this.sessions.get(id);
    if (!session) {
      // The oldest session gives way: a station has one camera and one officer at a time.
      while (this.sessions.size >= MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value!);
      session = { frames: [], read: 0, touched: now, busy: false };
      this.sessions.set(id, session);
    }
    return session;
  }

  /** The frame's MRZ by the image path (which reads files): staged privately for the time of the read. */
  private async readFrame(bytes: Buffer): Promise<MrzReading | null> {
    const path = join(this.captureDir, `camera-frame-${randomUUID()}.jpg`);
    writePrivateFile(path, bytes);
    try {
      return await readMrzFromImage(path);
    } finally {
      discardStagedCapture(this.captureDir, [path]);
    }
  }
}

function hintFor(frame: Frame, vote: FrameVote, best: number, page: FramePage | null): CameraHint {
  if (vote.ready) return 'ready';
  if (frame.sharpness < BLURRED * best) return 'hold-still';
  if (!frame.reading) return page && page.share < MIN_PAGE_SHARE ? 'move-closer' : 'find-mrz';
  if ((frame.reading.geometry?.pitchPx ?? Infinity) < MIN_PITCH_PX) return 'move-closer';
  return 'hold-still';
}

/**
 * The reading the examination keeps: the chosen frame's own when it reads the voted lines whole;
 * otherwise the voted lines checked again, with the frame's place of the MRZ and each character's
 * share of the votes as its confidence.
 */
function votedReading(frameReading: MrzReading, vote: FrameVote, exact: boolean): MrzReading {
  if (exact) return frameReading;
  const checked = readMrzText(vote.lines, { source: 'ocr', repair: false });
  const charConfidence = vote.votes.map((row) => row.map((v) => Math.min(1, v / vote.voters)));
  return { ...checked, ...(frameReading.geometry ? { geometry: frameReading.geometry } : {}), charConfidence, confidence: frameReading.confidence };
}

interface FramePage {
  /** Corners as fractions of the frame (TL, TR, BR, BL). */
  corners: [number, number][];
  /** The page's width as a share of the frame's. */
  share: number;
}

/** The page in a frame without a readable MRZ (bright paper on a darker background), or null. */
async function findFramePage(bytes: Buffer): Promise<FramePage | null> {
  const image = await decodeLightImage(bytes, 'white', 'camera frame');
  const page = findPage(image);
  if (!page || page.cropped) return null;
  const { width, height } = image.grey;
  return { corners: page.corners.map(([x, y]) => [clamp(x / width), clamp(y / height)] as [number, number]), share: page.widthPx / width };
}

/** The MRZ crop's corners as fractions of the frame. */
async function corners(reading: MrzReading, bytes: Buffer): Promise<[number, number][] | null> {
  const meta = await sharp(bytes).metadata();
  const w = meta.width;
  const h = meta.height;
  if (!w || !h || !reading.geometry) return null;
  return reading.geometry.corners.map(([x, y]) => [clamp(x / w), clamp(y / h)] as [number, number]);
}

function decodeFrame(base64: string): Buffer {
  const bytes = Buffer.from(base64.replace(/^data:image\/jpeg;base64,/, ''), 'base64');
  if (bytes.length < 16 || bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new LoupeError('imaging', 'UnsupportedImage', 'a camera frame must be a JPEG image');
  return bytes;
}

const clamp = (v: number): number => Math.min(1, Math.max(0, v));
const round = (v: number): number => Math.round(v * 10) / 10;
