/**
 * User JSON shapes of the named providers, written by hand from each provider's public API
 * documentation (user-info endpoint answers), with the fields the sign-in reads.
 */
import type { UserFields } from '../../src/core/auth/oauth2/types.js';

export interface Fixture {
  raw: Record<string, unknown>;
  /** token answer keys some providers put user data in */
  token?: Record<string, unknown>;
  expected: UserFields;
}

const user = (u: Partial<UserFields> & { id: string }): UserFields => ({
  name: '',
  username: '',
  email: '',
  avatarURL: '',
  ...u,
});

export const FIXTURES: Record<string, Fixture> = {
  google: {
    raw: {
      sub: '110169484474386276334',
      name: 'Ann Lee',
      given_name: 'Ann',
      family_name: 'Lee',
      picture: 'https://lh3.googleusercontent.com/a/ann',
      email: 'ann@gmail.com',
      email_verified: true,
      locale: 'en',
    },
    expected: user({
      id: '110169484474386276334',
      name: 'Ann Lee',
      email: 'ann@gmail.com',
      avatarURL: 'https://lh3.googleusercontent.com/a/ann',
    }),
  },
  github: {
    raw: {
      login: 'octocat',
      id: 583231,
      avatar_url: 'https://avatars.githubusercontent.com/u/583231?v=4',
      name: 'The Octocat',
      email: null,
      emails: [
        { email: 'old@example.com', primary: false, verified: true, visibility: null },
        { email: 'octocat@github.com', primary: true, verified: true, visibility: 'public' },
      ],
    },
    expected: user({
      id: '583231',
      name: 'The Octocat',
      username: 'octocat',
      email: 'octocat@github.com',
      avatarURL: 'https://avatars.githubusercontent.com/u/583231?v=4',
    }),
  },
  gitlab: {
    raw: {
      id: 1,
      username: 'john_smith',
      email: 'john@example.com',
      name: 'John Smith',
      state: 'active',
      avatar_url: 'https://gitlab.com/uploads/user/avatar/1/index.jpg',
    },
    expected: user({
      id: '1',
      name: 'John Smith',
      username: 'john_smith',
      email: 'john@example.com',
      avatarURL: 'https://gitlab.com/uploads/user/avatar/1/index.jpg',
    }),
  },
  discord: {
    raw: {
      id: '80351110224678912',
      username: 'nelly',
      discriminator: '0',
      global_name: 'Nelly',
      avatar: '8342729096ea3675442027381ff50dfe',
      verified: true,
      email: 'nelly@discord.com',
    },
    expected: user({
      id: '80351110224678912',
      name: 'Nelly',
      username: 'nelly',
      email: 'nelly@discord.com',
      avatarURL: 'https://cdn.discordapp.com/avatars/80351110224678912/8342729096ea3675442027381ff50dfe.png',
    }),
  },
  microsoft: {
    raw: {
      id: '87d349ed-44d7-43e1-9a83-5f2406dee5bd',
      displayName: 'Adele Vance',
      mail: 'AdeleV@contoso.com',
      userPrincipalName: 'AdeleV@contoso.com',
    },
    expected: user({ id: '87d349ed-44d7-43e1-9a83-5f2406dee5bd', name: 'Adele Vance', email: 'AdeleV@contoso.com' }),
  },
  facebook: {
    raw: {
      id: '10158234567890',
      name: 'Ann Lee',
      email: 'ann@example.com',
      picture: {
        data: { height: 200, is_silhouette: false, url: 'https://platform-lookaside.fbsbx.com/ann', width: 200 },
      },
    },
    expected: user({
      id: '10158234567890',
      name: 'Ann Lee',
      email: 'ann@example.com',
      avatarURL: 'https://platform-lookaside.fbsbx.com/ann',
    }),
  },
  twitter: {
    raw: {
      data: {
        id: '2244994945',
        name: 'X Dev',
        username: 'XDevelopers',
        profile_image_url: 'https://pbs.twimg.com/profile_images/x.jpg',
        confirmed_email: 'dev@x.com',
      },
    },
    expected: user({
      id: '2244994945',
      name: 'X Dev',
      username: 'XDevelopers',
      email: 'dev@x.com',
      avatarURL: 'https://pbs.twimg.com/profile_images/x.jpg',
    }),
  },
  apple: {
    raw: {
      iss: 'https://appleid.apple.com',
      sub: '001234.abcd',
      email: 'x@privaterelay.appleid.com',
      email_verified: 'true',
      name: 'Ann Lee',
    },
    expected: user({ id: '001234.abcd', name: 'Ann Lee', email: 'x@privaterelay.appleid.com' }),
  },
  bitbucket: {
    raw: {
      uuid: '{d301aafa-d676-4ee0-88be-962be7417567}',
      username: 'ann',
      display_name: 'Ann Lee',
      links: { avatar: { href: 'https://bitbucket.org/account/ann/avatar/' } },
      emails: {
        values: [
          { email: 'ann@example.com', is_primary: true, is_confirmed: true, type: 'email' },
          { email: 'other@example.com', is_primary: false, is_confirmed: true, type: 'email' },
        ],
      },
    },
    expected: user({
      id: '{d301aafa-d676-4ee0-88be-962be7417567}',
      name: 'Ann Lee',
      username: 'ann',
      email: 'ann@example.com',
      avatarURL: 'https://bitbucket.org/account/ann/avatar/',
    }),
  },
  box: {
    raw: {
      type: 'user',
      id: '11446498',
      name: 'Aaron Levie',
      login: 'ceo@example.com',
      avatar_url: 'https://www.box.com/api/avatar/large/181216415',
    },
    expected: user({
      id: '11446498',
      name: 'Aaron Levie',
      email: 'ceo@example.com',
      avatarURL: 'https://www.box.com/api/avatar/large/181216415',
    }),
  },
  gitea: {
    raw: {
      id: 7,
      login: 'ann',
      full_name: 'Ann Lee',
      email: 'ann@example.com',
      avatar_url: 'https://gitea.com/avatars/7',
    },
    expected: user({
      id: '7',
      name: 'Ann Lee',
      username: 'ann',
      email: 'ann@example.com',
      avatarURL: 'https://gitea.com/avatars/7',
    }),
  },
  gitee: {
    raw: {
      id: 42,
      login: 'ann',
      name: 'Ann',
      avatar_url: 'https://gitee.com/assets/ann.png',
      emails: [
        { email: 'ann@example.com', state: 'confirmed', scope: ['primary', 'committed'] },
        { email: 'spare@example.com', state: 'unconfirmed', scope: ['committed'] },
      ],
    },
    expected: user({
      id: '42',
      name: 'Ann',
      username: 'ann',
      email: 'ann@example.com',
      avatarURL: 'https://gitee.com/assets/ann.png',
    }),
  },
  instagram2: {
    raw: {
      id: '1789',
      user_id: '17841400008460056',
      username: 'ann.lee',
      name: 'Ann Lee',
      profile_picture_url: 'https://scontent.cdninstagram.com/ann.jpg',
    },
    expected: user({
      id: '17841400008460056',
      name: 'Ann Lee',
      username: 'ann.lee',
      avatarURL: 'https://scontent.cdninstagram.com/ann.jpg',
    }),
  },
  kakao: {
    raw: {
      id: 123456789,
      kakao_account: {
        profile: { nickname: 'ann', profile_image_url: 'http://k.kakaocdn.net/ann.jpg' },
        email: 'ann@kakao.com',
        is_email_valid: true,
        is_email_verified: true,
      },
    },
    expected: user({
      id: '123456789',
      username: 'ann',
      email: 'ann@kakao.com',
      avatarURL: 'http://k.kakaocdn.net/ann.jpg',
    }),
  },
  lark: {
    raw: {
      code: 0,
      data: {
        name: 'Ann',
        open_id: 'ou_1',
        union_id: 'on_1',
        email: 'ann@personal.com',
        enterprise_email: 'ann@corp.com',
        avatar_url: 'https://lark/ann.png',
      },
    },
    expected: user({ id: 'on_1', name: 'Ann', email: 'ann@corp.com', avatarURL: 'https://lark/ann.png' }),
  },
  linear: {
    raw: {
      data: {
        viewer: {
          id: 'u-1',
          name: 'Ann Lee',
          displayName: 'ann',
          email: 'ann@linear.app',
          avatarUrl: 'https://linear/ann.png',
          active: true,
        },
      },
    },
    expected: user({
      id: 'u-1',
      name: 'Ann Lee',
      username: 'ann',
      email: 'ann@linear.app',
      avatarURL: 'https://linear/ann.png',
    }),
  },
  livechat: {
    raw: {
      account_id: 'a-1',
      name: 'Ann',
      email: 'ann@example.com',
      email_verified: true,
      avatar_url: 'https://livechat/ann.png',
    },
    expected: user({ id: 'a-1', name: 'Ann', email: 'ann@example.com', avatarURL: 'https://livechat/ann.png' }),
  },
  mailcow: {
    raw: {
      id: 'ann@mail.example.com',
      username: 'ann@mail.example.com',
      full_name: 'Ann Lee',
      email: 'ann@mail.example.com',
      active: 1,
    },
    expected: user({
      id: 'ann@mail.example.com',
      name: 'Ann Lee',
      username: 'ann@mail.example.com',
      email: 'ann@mail.example.com',
    }),
  },
  monday: {
    raw: {
      data: {
        me: {
          id: 4012689,
          enabled: true,
          email: 'ann@monday.com',
          is_verified: true,
          name: 'Ann',
          photo_small: 'https://monday/ann.png',
        },
      },
    },
    expected: user({ id: '4012689', name: 'Ann', email: 'ann@monday.com', avatarURL: 'https://monday/ann.png' }),
  },
  notion: {
    raw: {
      object: 'user',
      id: 'bot-1',
      type: 'bot',
      bot: {
        owner: {
          type: 'user',
          user: {
            object: 'user',
            id: 'person-1',
            name: 'Ann',
            avatar_url: 'https://notion/ann.png',
            type: 'person',
            person: { email: 'ann@notion.so' },
          },
        },
      },
    },
    expected: user({ id: 'person-1', name: 'Ann', email: 'ann@notion.so', avatarURL: 'https://notion/ann.png' }),
  },
  oidc: {
    raw: {
      sub: 's-1',
      name: 'Ann',
      preferred_username: 'ann',
      email: 'ann@example.com',
      email_verified: false,
      picture: 'https://id/ann.png',
    },
    expected: user({ id: 's-1', name: 'Ann', username: 'ann', avatarURL: 'https://id/ann.png' }),
  },
  patreon: {
    raw: {
      data: {
        id: '2822191',
        type: 'user',
        attributes: {
          full_name: 'Ann Lee',
          vanity: 'annlee',
          email: 'ann@example.com',
          is_email_verified: true,
          image_url: 'https://c10.patreonusercontent.com/ann',
        },
      },
    },
    expected: user({
      id: '2822191',
      name: 'Ann Lee',
      username: 'annlee',
      email: 'ann@example.com',
      avatarURL: 'https://c10.patreonusercontent.com/ann',
    }),
  },
  planningcenter: {
    raw: {
      data: {
        type: 'Person',
        id: '25253',
        attributes: { name: 'Ann Lee', avatar: 'https://people/ann.png', status: 'active' },
      },
    },
    expected: user({ id: '25253', name: 'Ann Lee', avatarURL: 'https://people/ann.png' }),
  },
  spotify: {
    raw: {
      id: 'wizzler',
      display_name: 'JM Wizzler',
      email: 'email@example.com',
      images: [{ url: 'https://i.scdn.co/image/ab', height: 300, width: 300 }],
    },
    expected: user({ id: 'wizzler', name: 'JM Wizzler', avatarURL: 'https://i.scdn.co/image/ab' }),
  },
  strava: {
    raw: {
      id: 1234567890987654400,
      username: 'marianne_t',
      firstname: 'Marianne',
      lastname: 'Teutenberg',
      profile: 'https://strava/large.jpg',
    },
    expected: user({
      id: '1234567890987654400',
      name: 'Marianne Teutenberg',
      username: 'marianne_t',
      avatarURL: 'https://strava/large.jpg',
    }),
  },
  trakt: {
    raw: {
      user: {
        username: 'justin',
        name: 'Justin Nemeth',
        ids: { slug: 'justin', uuid: 'b6589fc6' },
        images: { avatar: { full: 'https://trakt/justin.jpg' } },
      },
    },
    expected: user({
      id: 'b6589fc6',
      name: 'Justin Nemeth',
      username: 'justin',
      avatarURL: 'https://trakt/justin.jpg',
    }),
  },
  twitch: {
    raw: {
      data: [
        {
          id: '141981764',
          login: 'twitchdev',
          display_name: 'TwitchDev',
          email: 'not-real@email.com',
          profile_image_url: 'https://static-cdn.jtvnw.net/x.png',
        },
      ],
    },
    expected: user({
      id: '141981764',
      name: 'TwitchDev',
      username: 'twitchdev',
      email: 'not-real@email.com',
      avatarURL: 'https://static-cdn.jtvnw.net/x.png',
    }),
  },
  vk: {
    raw: {
      response: [
        {
          id: 210700286,
          first_name: 'Lindsey',
          last_name: 'Stirling',
          screen_name: 'lindseystirling',
          photo_max: 'https://sun9-1.userapi.com/x.jpg',
        },
      ],
      email: 'ls@vk.com',
    },
    expected: user({
      id: '210700286',
      name: 'Lindsey Stirling',
      username: 'lindseystirling',
      email: 'ls@vk.com',
      avatarURL: 'https://sun9-1.userapi.com/x.jpg',
    }),
  },
  wakatime: {
    raw: {
      data: {
        id: 'w-1',
        display_name: 'Ann',
        username: 'ann',
        email: 'ann@example.com',
        is_email_confirmed: true,
        photo: 'https://wakatime.com/photo/w-1',
      },
    },
    expected: user({
      id: 'w-1',
      name: 'Ann',
      username: 'ann',
      email: 'ann@example.com',
      avatarURL: 'https://wakatime.com/photo/w-1',
    }),
  },
  yandex: {
    raw: {
      id: '1000034426',
      login: 'ivan',
      real_name: 'Ivan Ivanov',
      default_email: 'test@yandex.ru',
      default_avatar_id: '131652443',
      is_avatar_empty: false,
    },
    expected: user({
      id: '1000034426',
      name: 'Ivan Ivanov',
      username: 'ivan',
      email: 'test@yandex.ru',
      avatarURL: 'https://avatars.yandex.net/get-yapic/131652443/islands-200',
    }),
  },
};
