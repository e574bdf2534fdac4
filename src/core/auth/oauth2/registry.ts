import { apple } from './providers/apple.js';
import { bitbucket } from './providers/bitbucket.js';
import { box } from './providers/box.js';
import { discord } from './providers/discord.js';
import { facebook } from './providers/facebook.js';
import { gitea } from './providers/gitea.js';
import { gitee } from './providers/gitee.js';
import { github } from './providers/github.js';
import { gitlab } from './providers/gitlab.js';
import { google } from './providers/google.js';
import { instagram } from './providers/instagram.js';
import { kakao } from './providers/kakao.js';
import { lark } from './providers/lark.js';
import { linear } from './providers/linear.js';
import { livechat } from './providers/livechat.js';
import { mailcow } from './providers/mailcow.js';
import { microsoft } from './providers/microsoft.js';
import { monday } from './providers/monday.js';
import { notion } from './providers/notion.js';
import { oidc } from './providers/oidc.js';
import { patreon } from './providers/patreon.js';
import { planningcenter } from './providers/planningcenter.js';
import { spotify } from './providers/spotify.js';
import { strava } from './providers/strava.js';
import { trakt } from './providers/trakt.js';
import { twitch } from './providers/twitch.js';
import { twitter } from './providers/twitter.js';
import { vk } from './providers/vk.js';
import { wakatime } from './providers/wakatime.js';
import { yandex } from './providers/yandex.js';
import type { ProviderSpec } from './types.js';

/** Every provider by the name collections configure it with (PocketBase's names). */
const PROVIDERS: Readonly<Record<string, ProviderSpec>> = Object.freeze({
  apple,
  bitbucket,
  box,
  discord,
  facebook,
  gitea,
  gitee,
  github,
  gitlab,
  google,
  instagram2: instagram,
  kakao,
  lark,
  linear,
  livechat,
  mailcow,
  microsoft,
  monday,
  notion,
  oidc,
  oidc2: oidc,
  oidc3: oidc,
  patreon,
  planningcenter,
  spotify,
  strava,
  trakt,
  twitch,
  twitter,
  vk,
  wakatime,
  yandex,
});

/** The provider table of `name`, or undefined for an unknown name. */
export function providerSpec(name: string): ProviderSpec | undefined {
  return Object.hasOwn(PROVIDERS, name) ? PROVIDERS[name] : undefined;
}

/** The names of every known provider, sorted. */
export function providerNames(): string[] {
  return Object.keys(PROVIDERS).sort();
}

/** True for the generic OpenID Connect slots. */
export function isOidc(name: string): boolean {
  return name === 'oidc' || name === 'oidc2' || name === 'oidc3';
}
