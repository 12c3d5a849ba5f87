/**
 * Uploaded pictures are never stored as sent (N3: V5.2, V14.2.8). The type comes from the file's
 * first bytes, not its name or the browser's word; the size in pixels is checked from the header
 * before anything is decoded (a small file can claim 20000 × 20000 pixels and fill the memory);
 * and the picture is decoded and encoded again by sharp, which leaves every piece of metadata
 * (EXIF with GPS position and camera, XMP, IPTC, ICC profile) behind.
 */
import sharp, { type Metadata } from 'sharp';

/** What the first bytes say a file is; `heif` covers HEIC (iPhone) and AVIF, which share a container. */
export type ImageKind = 'jpeg' | 'png' | 'webp' | 'heif';

export type ImageProblem =
  /** Not a picture of a kind we take (a text file, a PDF, a GIF …), whatever its name says. */
  | 'type'
  /** It starts like a picture but cannot be read to the end: truncated or damaged. */
  | 'broken'
  /** More pixels than the limit: a pixel flood, or a picture far larger than a profile photo needs. */
  | 'too_many_pixels'
  /** A HEIC picture coded with HEVC, which this build of sharp (libvips/libheif) cannot decode. */
  | 'heic_unsupported';

export class ImageRejected extends Error {
  constructor(readonly problem: ImageProblem) {
    super(`image rejected: ${problem}`);
    this.name = 'ImageRejected';
  }
}

/** The ISO base media "brands" of the HEIF family (HEIC, AVIF and the generic image brands). */
const heifBrands = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1', 'avif', 'avis']);

/** The kind of picture by its magic bytes, or undefined when it is none we accept. */
export function detectImageKind(data: Buffer): ImageKind | undefined {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'jpeg';
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return 'png';
  }
  if (data.length >= 12 && data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WEBP') {
    return 'webp';
  }
  // ISO BMFF: a box "ftyp" at offset 4, then the major brand.
  if (data.length >= 12 && data.toString('latin1', 4, 8) === 'ftyp' && heifBrands.has(data.toString('latin1', 8, 12))) {
    return 'heif';
  }
  return undefined;
}

export interface SquareImageOptions {
  /** Width and height of the result in pixels. */
  size: number;
  /** Pictures with more pixels than this (width × height) are refused before decoding. */
  maxInputPixels: number;
}

export interface EncodedImage {
  data: Buffer;
  contentType: 'image/webp';
}

function isPixelLimitError(err: unknown): boolean {
  return err instanceof Error && /exceeds pixel limit/i.test(err.message);
}

/**
 * Decodes a picture, turns it upright (EXIF orientation) and crops the middle square of `size`
 * pixels, as WebP without any metadata. Throws ImageRejected for anything that is not a readable
 * picture of an accepted kind within the pixel limit.
 */
export async function toSquareWebp(data: Buffer, options: SquareImageOptions): Promise<EncodedImage> {
  const kind = detectImageKind(data);
  if (!kind) throw new ImageRejected('type');
  const input = { limitInputPixels: options.maxInputPixels, failOn: 'error' as const };

  let metadata: Metadata;
  try {
    metadata = await sharp(data, input).metadata();
  } catch (err) {
    throw new ImageRejected(isPixelLimitError(err) ? 'too_many_pixels' : 'broken');
  }
  // Read from the header only: sharp's own limit below also holds, this answers before any decoding.
  if (!metadata.width || !metadata.height) throw new ImageRejected('broken');
  if (metadata.width * metadata.height > options.maxInputPixels) throw new ImageRejected('too_many_pixels');
  // The file's bytes and the decoder must agree: a PNG header on JPEG data is not a picture.
  const decoderFormat = { jpeg: 'jpeg', png: 'png', webp: 'webp', heif: 'heif' }[kind];
  if (metadata.format !== decoderFormat) throw new ImageRejected('broken');

  try {
    const output = await sharp(data, input)
      // Upright before the metadata (and with it the orientation) is dropped.
      .rotate()
      .resize(options.size, options.size, { fit: 'cover', position: 'centre' })
      .webp({ quality: 82 })
      .toBuffer();
    return { data: output, contentType: 'image/webp' };
  } catch (err) {
    if (isPixelLimitError(err)) throw new ImageRejected('too_many_pixels');
    // The prebuilt libvips reads AVIF but has no HEVC decoder (patents): an iPhone's HEIC lands here.
    if (kind === 'heif' && metadata.compression === 'hevc') throw new ImageRejected('heic_unsupported');
    throw new ImageRejected('broken');
  }
}
