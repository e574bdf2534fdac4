import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FixtureManifest } from '../fixtures/pocketbase/generate.js';
import { tempDir } from '../harness/index.js';

/** The committed PocketBase-layout project (see test/fixtures/pocketbase/generate.ts). */
export const FIXTURE_PROJECT = fileURLToPath(new URL('../fixtures/pocketbase/project', import.meta.url));

export interface FixtureCopy {
  /** the project folder: pb_data, pb_hooks, pb_migrations */
  root: string;
  dataDir: string;
  manifest: FixtureManifest;
}

/** A private copy of the committed fixture project (tests write to it). */
export function copyFixture(): FixtureCopy {
  const root = join(tempDir('basalt-pb-'), 'project');
  cpSync(FIXTURE_PROJECT, root, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(root, 'fixture.json'), 'utf8')) as FixtureManifest;
  return { root, dataDir: join(root, 'pb_data'), manifest };
}
