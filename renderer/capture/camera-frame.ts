// One frame of the camera as the station reads it: JPEG, at most MAX_SIDE pixels on the long side
// (the MRZ of a page filling a 1600-pixel frame has a pitch of ~20 px; the upload limit is 1 MB of
// base64).
import { CAMERA_FRAME_MAX_BASE64 } from '../../electron/contract/camera-scan.contract';

const MAX_SIDE = 1600;

export function grabFrame(video: HTMLVideoElement, canvas: HTMLCanvasElement): string | null {
  const { videoWidth: w, videoHeight: h } = video;
  if (!w || !h) return null;
  const scale = Math.min(1, MAX_SIDE / Math.max(w, h));
  canvas.width = Math.round(w * scale);
  canvas.height = Math.round(h * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
  // A busy page can exceed the upload limit at 0.9: lower the quality until it fits.
  for (const quality of [0.9, 0.8, 0.7, 0.6]) {
    const base64 = canvas.toDataURL('image/jpeg', quality).replace(/^data:image\/jpeg;base64,/, '');
    if (base64.length <= CAMERA_FRAME_MAX_BASE64) return base64;
  }
  return null;
}
