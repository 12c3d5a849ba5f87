import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import * as images from '../test/fixtures/images/index.js';
import { detectImageKind, ImageRejected, toSquareWebp } from './images.js';

const options = { size: 512, maxInputPixels: 50_000_000 };

describe('images (N3: V5.2)', () => {
  it('knows a picture by its first bytes, not by what it claims to be', async () => {
    expect(detectImageKind(await images.jpeg())).toBe('jpeg');
    expect(detectImageKind(await images.png())).toBe('png');
    expect(detectImageKind(await images.webp())).toBe('webp');
    expect(detectImageKind(await images.avif())).toBe('heif');
    expect(detectImageKind(await images.heicWithHevc())).toBe('heif');
    // Look-alikes: a WAV is RIFF too, an MP4 video is ISO BMFF too, an SVG is text.
    expect(detectImageKind(Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1'))).toBeUndefined();
    expect(detectImageKind(Buffer.from('\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00', 'latin1'))).toBeUndefined();
    expect(detectImageKind(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(detectImageKind(Buffer.from([0xff, 0xd8]))).toBeUndefined();
  });

  it('keeps a small picture whole and fills the square (no bands), however narrow it is', async () => {
    const narrow = await sharp({ create: { width: 40, height: 400, channels: 4, background: '#0b5753' } })
      .png()
      .toBuffer();
    const out = await toSquareWebp(narrow, options);
    const metadata = await sharp(out.data).metadata();
    expect(metadata).toMatchObject({ format: 'webp', width: 512, height: 512 });
    const { data } = await sharp(out.data).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    // Every corner has the picture's colour: cropped to cover, never padded.
    for (const at of [0, 511 * 3, 511 * 512 * 3, (512 * 512 - 1) * 3]) {
      expect(Math.abs(data[at]! - 0x0b)).toBeLessThan(8);
      expect(Math.abs(data[at + 1]! - 0x57)).toBeLessThan(8);
    }
  });

  it('reads the HEIC header but reports that this build cannot decode HEVC', async () => {
    const heic = await images.heicWithHevc();
    expect(await sharp(heic).metadata()).toMatchObject({ format: 'heif', compression: 'hevc' });
    await expect(toSquareWebp(heic, options)).rejects.toEqual(new ImageRejected('heic_unsupported'));
  });
});
