// Turns a camera frame or an image file into the JPEG the station stores: scaled so its long side is
// at most MAX_SIDE (the upload limit is 1 MB of base64), decoded in the page so a corrupt file is
// refused before anything is sent.
const MAX_SIDE = 1280;

function toJpegBase64(source: CanvasImageSource, width: number, height: number): string {
  const scale = Math.min(1, MAX_SIDE / Math.max(width, height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.drawImage(source, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/jpeg', 0.9).replace(/^data:image\/jpeg;base64,/, '');
}

export function frameToJpeg(video: HTMLVideoElement): string {
  return toJpegBase64(video, video.videoWidth, video.videoHeight);
}

/** Throws when the file is not a decodable image. */
export async function fileToJpeg(file: Blob): Promise<string> {
  const bitmap = await createImageBitmap(file);
  try {
    return toJpegBase64(bitmap, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}
