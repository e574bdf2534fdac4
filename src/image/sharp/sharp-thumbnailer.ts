import type { Readable } from 'node:stream';
import { lazy } from '../../lib/lazy.js';
import type { ThumbFormat, Thumbnailer, ThumbSize } from '../thumbnailer.js';

/** Decoding stops past this many pixels (about 6000 × 4000): a small file that unpacks huge is refused. */
export const MAX_INPUT_PIXELS = 24_000_000;

const POSITION = { center: 'centre', top: 'top', bottom: 'bottom' } as const;

/** sharp (and libvips) load with the first thumbnail, not with the server. */
const loadSharp = lazy(async () => {
  const sharp = (await import('sharp')).default;
  // thumbnails are written once and stored: libvips' operation cache would only hold memory
  sharp.cache(false);
  return sharp;
});

/** Thumbnails through sharp (libvips): the input streams in, the small output comes back as bytes. */
export class SharpThumbnailer implements Thumbnailer {
  constructor(private readonly maxPixels = MAX_INPUT_PIXELS) {}

  async thumbnail(input: Readable, size: ThumbSize, format: ThumbFormat): Promise<Buffer> {
    // the input may fail while sharp loads: hold that error instead of leaving it unhandled
    let early: unknown = null;
    const holdError = (err: unknown) => {
      early = err;
    };
    input.once('error', holdError);
    let sharp: Awaited<ReturnType<typeof loadSharp>>;
    try {
      sharp = await loadSharp();
    } catch (err) {
      input.destroy();
      throw err;
    }
    input.off('error', holdError);
    if (early) throw early;
    // the first frame only (animated GIF/WebP), failing on anything libvips finds broken
    const image = sharp({ limitInputPixels: this.maxPixels, pages: 1, failOn: 'error', sequentialRead: true });
    image.rotate();
    const width = size.width || undefined;
    const height = size.height || undefined;
    if (size.mode === 'scale') image.resize({ width, height });
    else if (size.mode === 'fit') image.resize({ width, height, fit: 'inside', withoutEnlargement: true });
    else image.resize({ width, height, fit: 'cover', position: POSITION[size.mode] });
    if (format === 'jpeg') image.jpeg({ quality: 85 });
    else if (format === 'gif') image.gif();
    else image.png();
    input.once('error', (err) => image.destroy(err));
    input.pipe(image);
    try {
      return await image.toBuffer();
    } finally {
      input.destroy();
    }
  }
}
