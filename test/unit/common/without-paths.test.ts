// Messages for the screen never show the station's paths: what each transport answers a caller
// (services/dispatch.ts toErrorDto) goes through withoutPaths.
import { describe, expect, it } from 'vitest';
import { LoupeError } from '../../../electron/common/loupe-error';
import { withoutPaths } from '../../../electron/common/without-paths';
import { toErrorDto } from '../../../electron/services/dispatch';

describe('withoutPaths', () => {
  it('keeps a file’s own name and drops the folders it is in', () => {
    expect(withoutPaths('the image is damaged or incomplete and cannot be decoded: /home/ada/.local/share/loupe/captures/hot-folder-20261207-CASE9_white.png')).toBe(
      'the image is damaged or incomplete and cannot be decoded: hot-folder-20261207-CASE9_white.png',
    );
    expect(withoutPaths('cannot read the white image /srv/scans/in/DOC1_white.png: no such file')).toBe('cannot read the white image DOC1_white.png: no such file');
    expect(withoutPaths('C:\\Users\\ada\\Scans\\DOC1_white.png is locked')).toBe('DOC1_white.png is locked');
    expect(withoutPaths('No complete image set in /mnt/share/scans yet.')).toBe('No complete image set in scans yet.');
    expect(withoutPaths('not a file: /var/lib/loupe/')).toBe('not a file: a folder');
  });

  it('leaves what is not a path alone', () => {
    for (const text of ['ratio 1/2, 3/4 and a/b', 'see https://example.org/a/b', 'IR/white ink contrast 0.95', 'line 2, columns 14–20']) expect(withoutPaths(text)).toBe(text);
  });

  it('is applied to every error a transport answers, whatever its kind', () => {
    expect(toErrorDto(new LoupeError('imaging', 'UnsupportedImage', 'not a supported image (PNG, JPEG, TIFF, WebP...): /data/loupe/captures/x_white.png'))).toEqual({
      kind: 'UnsupportedImage',
      message: 'not a supported image (PNG, JPEG, TIFF, WebP...): x_white.png',
    });
    expect(toErrorDto(new Error("ENOENT: no such file or directory, open '/opt/loupe/assets/ocr/eng.traineddata'\n    at stack"))).toEqual({
      kind: 'Internal',
      message: "ENOENT: no such file or directory, open 'eng.traineddata'",
    });
  });
});
