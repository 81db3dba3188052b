// Webcam-like frames of a document page for the camera-scanner tests: the page scaled into a
// 1280×720 frame on a dark desk, moved a little between frames, blurred as a hand moving would, and
// JPEG-compressed as a webcam's MJPEG stream is.
import sharp from 'sharp';

export const FRAME = { width: 1280, height: 720 } as const;

export interface FrameOptions {
  /** Width of the page in the frame (pixels). */
  pageWidth: number;
  /** Offset of the page from the frame's centre (pixels). */
  dx?: number;
  dy?: number;
  /** Gaussian blur sigma (0: none). */
  blur?: number;
  quality?: number;
}

export async function cameraFrame(pagePath: string, o: FrameOptions): Promise<Buffer> {
  let page = sharp(pagePath).resize({ width: o.pageWidth });
  if (o.blur && o.blur >= 0.3) page = page.blur(o.blur);
  const pageBytes = await page.toBuffer();
  const { width = 0, height = 0 } = await sharp(pageBytes).metadata();
  const left = Math.round((FRAME.width - width) / 2 + (o.dx ?? 0));
  const top = Math.round((FRAME.height - height) / 2 + (o.dy ?? 0));
  // The part of the page inside the frame (a page held off-centre may leave it).
  const cut = { left: Math.max(0, -left), top: Math.max(0, -top) };
  const visible = { width: Math.min(width - cut.left, FRAME.width - Math.max(0, left)), height: Math.min(height - cut.top, FRAME.height - Math.max(0, top)) };
  const inFrame = await sharp(pageBytes).extract({ ...cut, ...visible }).toBuffer();
  return sharp({ create: { ...FRAME, channels: 3, background: '#3b4048' } })
    .composite([{ input: inFrame, left: Math.max(0, left), top: Math.max(0, top) }])
    .jpeg({ quality: o.quality ?? 88 })
    .toBuffer();
}
