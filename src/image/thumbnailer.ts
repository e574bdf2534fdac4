import type { Readable } from 'node:stream';

/** How a thumbnail fits its box: crop from the centre, top or bottom, fit inside, or scale to one side. */
export type ThumbMode = 'center' | 'top' | 'bottom' | 'fit' | 'scale';

export interface ThumbSize {
  /** 0: follow the height, keeping the aspect ratio */
  width: number;
  /** 0: follow the width, keeping the aspect ratio */
  height: number;
  mode: ThumbMode;
}

/** The output formats thumbnails are written in. */
export type ThumbFormat = 'jpeg' | 'png' | 'gif';

const SIZE = /^(\d{1,5})x(\d{1,5})(t|b|f)?$/;

/** Reads `WxH`, `WxHt`, `WxHb`, `WxHf`, `0xH` and `Wx0`; null for anything else (`0x0` included). */
export function parseThumbSize(raw: string): ThumbSize | null {
  const m = SIZE.exec(raw);
  if (!m) return null;
  const width = Number(m[1]);
  const height = Number(m[2]);
  if (width === 0 && height === 0) return null;
  if (width === 0 || height === 0) return { width, height, mode: 'scale' };
  const mode = m[3] === 't' ? 'top' : m[3] === 'b' ? 'bottom' : m[3] === 'f' ? 'fit' : 'center';
  return { width, height, mode };
}

/** Makes thumbnails. An input it cannot read (corrupt, too many pixels) rejects; it never grows without bound. */
export interface Thumbnailer {
  thumbnail(input: Readable, size: ThumbSize, format: ThumbFormat): Promise<Buffer>;
}
