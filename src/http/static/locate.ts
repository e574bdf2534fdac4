import { realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** What a path in the public folder leads to. */
export type Located =
  /** a regular file: `file` is its real path relative to `root`, the folder's real path, with `/` separators */
  | { kind: 'file'; root: string; file: string }
  /** a folder with an index.html asked for without its trailing slash: redirect so relative links resolve */
  | { kind: 'folder' }
  | { kind: 'missing' };

const MISSING: Located = { kind: 'missing' };

/**
 * The public folder, its real path resolved once it exists. A folder that does not exist (yet) serves
 * nothing; it is looked for again on the next request, so creating it while the server runs is enough.
 * Files under `exclude` (the data directory, should it sit inside the folder) are never served.
 */
export class PublicFolder {
  private resolved: { root: string; excluded: string[] } | null = null;

  constructor(
    readonly dir: string,
    private readonly exclude: readonly string[] = [],
  ) {}

  private async resolve(): Promise<{ root: string; excluded: string[] } | null> {
    if (this.resolved !== null) return this.resolved;
    try {
      const root = await realpath(this.dir);
      if (!(await stat(root)).isDirectory()) return null;
      const excluded = await Promise.all(this.exclude.map((dir) => realpath(dir).catch(() => dir)));
      this.resolved = { root, excluded };
      return this.resolved;
    } catch {
      return null;
    }
  }

  /**
   * The real path of `path` when it stays inside the folder: symlinks are followed to their target, and a
   * target outside the folder, hidden (a dot segment anywhere below the folder) or under an excluded
   * directory counts as missing.
   */
  private async inside(root: string, excluded: readonly string[], path: string): Promise<string | null> {
    let real: string;
    try {
      real = await realpath(path);
    } catch {
      return null;
    }
    if (real !== root && !real.startsWith(root + sep)) return null;
    if (
      relative(root, real)
        .split(sep)
        .some((part) => part.startsWith('.'))
    )
      return null;
    if (excluded.some((dir) => real === dir || real.startsWith(dir + sep))) return null;
    return real;
  }

  /** Finds the file for checked path segments (see readStaticPath): the file, a folder's index.html, or nothing. */
  async locate(segments: readonly string[], trailingSlash: boolean): Promise<Located> {
    const folder = await this.resolve();
    if (folder === null) return MISSING;
    const { root, excluded } = folder;
    const real = await this.inside(root, excluded, join(root, ...segments));
    if (real === null) return MISSING;
    const info = await stat(real).catch(() => null);
    if (info?.isFile()) return trailingSlash ? MISSING : this.found(root, real);
    if (!info?.isDirectory()) return MISSING;
    const index = await this.inside(root, excluded, join(real, 'index.html'));
    if (index === null || !(await stat(index).catch(() => null))?.isFile()) return MISSING;
    if (!trailingSlash && segments.length > 0) return { kind: 'folder' };
    return this.found(root, index);
  }

  private found(root: string, real: string): Located {
    return { kind: 'file', root, file: relative(root, real).split(sep).join('/') };
  }
}
