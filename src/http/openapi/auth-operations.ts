import type { Collection } from '../../core/collection.js';
import { jsonResponse, paramRef } from './components.js';
import { ref, type Schema } from './json-schema.js';
import { NO_CONTENT, type Operation, type OperationSpec, operation } from './operation.js';

const str = { type: 'string' };
const obj = (properties: Record<string, Schema>, required: string[]): Schema => ({
  type: 'object',
  properties,
  required,
});

/** The 401 answer of a first factor when MFA applies: not the usual error shape. */
const MFA_REQUIRED: Schema = jsonResponse(
  'MFA required: sign in again with another method, passing this `mfaId`, or a missing/invalid token',
  { anyOf: [obj({ mfaId: str }, ['mfaId']), ref('ApiError')] },
);

interface AuthEndpoint {
  routeTag: string;
  method: 'get' | 'post';
  /** after `/api/collections/{name}/` */
  path: string;
  spec: (c: Collection) => Omit<OperationSpec, 'group' | 'operationId'>;
  /** only superusers may call it */
  superusersOnly?: boolean;
}

function authResponse(c: Collection, meta = false): Schema {
  const properties: Record<string, Schema> = { token: str, record: ref(`${c.name}Record`) };
  if (meta)
    properties.meta = {
      type: 'object',
      description: "the provider's account: `id`, `name`, `email`, `avatarURL`, `isNew`, `rawUser`, tokens…",
    };
  return jsonResponse('Signed in: the token and the record', obj(properties, ['token', 'record']));
}

const PICK = [paramRef('expand'), paramRef('fields')];

/** Every auth endpoint of the contract; the document keeps those the server serves. */
const ENDPOINTS: readonly AuthEndpoint[] = [
  {
    routeTag: 'auth.methods',
    method: 'get',
    path: 'auth-methods',
    spec: () => ({
      summary: 'Sign-in methods of this collection',
      auth: false,
      parameters: [paramRef('fields')],
      ok: [
        200,
        jsonResponse('Which methods are on, with the OAuth2 providers', {
          type: 'object',
          properties: { password: {}, oauth2: {}, mfa: {}, otp: {} },
        }),
      ],
      errors: [404],
    }),
  },
  {
    routeTag: 'auth.withPassword',
    method: 'post',
    path: 'auth-with-password',
    spec: (c) => ({
      summary: 'Sign in with an identity and a password',
      auth: false,
      parameters: PICK,
      body: { json: obj({ identity: str, password: str, identityField: str, mfaId: str }, ['identity', 'password']) },
      ok: [200, authResponse(c)],
      errors: [403, 404],
      responses: { 401: MFA_REQUIRED },
    }),
  },
  {
    routeTag: 'auth.refresh',
    method: 'post',
    path: 'auth-refresh',
    spec: (c) => ({
      summary: 'A fresh token for the signed-in record',
      parameters: PICK,
      ok: [200, authResponse(c)],
      errors: [401, 403, 404],
    }),
  },
  {
    routeTag: 'auth.requestOtp',
    method: 'post',
    path: 'request-otp',
    spec: () => ({
      summary: 'Email a one-time code',
      auth: false,
      body: { json: obj({ email: { type: 'string', format: 'email' } }, ['email']) },
      ok: [200, jsonResponse('The OTP id to sign in with (also for unknown emails)', obj({ otpId: str }, ['otpId']))],
      errors: [404],
    }),
  },
  {
    routeTag: 'auth.withOtp',
    method: 'post',
    path: 'auth-with-otp',
    spec: (c) => ({
      summary: 'Sign in with an emailed one-time code',
      auth: false,
      parameters: PICK,
      body: { json: obj({ otpId: str, password: str, mfaId: str }, ['otpId', 'password']) },
      ok: [200, authResponse(c)],
      errors: [403, 404],
      responses: { 401: MFA_REQUIRED },
    }),
  },
  {
    routeTag: 'auth.withOAuth2',
    method: 'post',
    path: 'auth-with-oauth2',
    spec: (c) => ({
      summary: 'Sign in with an OAuth2 provider (authorization code with PKCE)',
      auth: false,
      parameters: PICK,
      body: {
        json: obj(
          { provider: str, code: str, codeVerifier: str, redirectURL: str, createData: { type: 'object' }, mfaId: str },
          ['provider', 'code', 'redirectURL'],
        ),
      },
      ok: [200, authResponse(c, true)],
      errors: [403, 404],
      responses: { 401: MFA_REQUIRED },
    }),
  },
  ...(
    [
      ['auth.requestVerification', 'request-verification', 'Email a verification link', { email: str }],
      ['auth.confirmVerification', 'confirm-verification', 'Confirm an email address', { token: str }],
      ['auth.requestPasswordReset', 'request-password-reset', 'Email a password reset link', { email: str }],
      [
        'auth.confirmPasswordReset',
        'confirm-password-reset',
        'Set a new password with a reset token',
        { token: str, password: str, passwordConfirm: str },
      ],
      ['auth.confirmEmailChange', 'confirm-email-change', 'Confirm an email change', { token: str, password: str }],
    ] as const
  ).map(
    ([routeTag, path, summary, fields]): AuthEndpoint => ({
      routeTag,
      method: 'post',
      path,
      spec: () => ({
        summary,
        auth: false,
        body: { json: obj(fields, Object.keys(fields)) },
        ok: [204, NO_CONTENT],
        errors: [404],
      }),
    }),
  ),
  {
    routeTag: 'auth.requestEmailChange',
    method: 'post',
    path: 'request-email-change',
    spec: () => ({
      summary: 'Email a link confirming a new address to it',
      body: { json: obj({ newEmail: { type: 'string', format: 'email' } }, ['newEmail']) },
      ok: [204, NO_CONTENT],
      errors: [401, 403, 404],
    }),
  },
  {
    routeTag: 'auth.impersonate',
    method: 'post',
    path: 'impersonate/{id}',
    superusersOnly: true,
    spec: (c) => ({
      summary: 'A non-refreshable token of another record',
      parameters: PICK,
      body: { json: obj({ duration: { type: 'integer', minimum: 0 } }, []), required: false },
      ok: [200, authResponse(c)],
      errors: [401, 403, 404],
    }),
  },
];

/** The auth endpoints of one auth collection that this viewer may call. */
export function authOperations(c: Collection, superuser: boolean): Operation[] {
  if (c.type !== 'auth') return [];
  return ENDPOINTS.filter((e) => superuser || !e.superusersOnly).map((e) => {
    const spec = e.spec(c);
    const operationId = `${c.name}_${e.path.split('/')[0]?.replaceAll('-', '_')}`;
    return operation(e.routeTag, e.method, `/api/collections/${c.name}/${e.path}`, {
      ...spec,
      group: c.name,
      operationId,
    });
  });
}
