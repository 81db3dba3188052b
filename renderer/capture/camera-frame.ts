// One frame of the camera as the station reads it: JPEG, at most MAX_SIDE pixels on the long side
// (the MRZ of a page filling a 1600-pixel frame has a pitch of ~20 px; the upload limit is 1 MB of
// base64).
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
  return canvas.toDataURL('image/jpeg', 0.9).replace(/^data:image\/jpeg;base64,/, '');
}
