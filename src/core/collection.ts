/** The collection model: what a collection is, as stored and as served by the API. */

export type CollectionType = 'base' | 'auth' | 'view';

export type FieldTypeName =
  | 'text'
  | 'editor'
  | 'number'
  | 'bool'
  | 'email'
  | 'url'
  | 'date'
  | 'autodate'
  | 'select'
  | 'file'
  | 'relation'
  | 'json'
  | 'geoPoint'
  | 'password';

/**
 * A field definition. Common keys are typed; the type-specific options
 * (min, max, values, maxSelect, collectionId…) live on the same object, as in the API JSON.
 */
export interface Field {
  id: string;
  name: string;
  type: FieldTypeName;
  system: boolean;
  hidden: boolean;
  presentable: boolean;
  [option: string]: unknown;
}

export interface TokenConfig {
  secret: string;
  duration: number;
}

export interface EmailTemplate {
  subject: string;
  body: string;
}

export interface AuthOptions {
  authRule: string | null;
  manageRule: string | null;
  authAlert: { enabled: boolean; emailTemplate: EmailTemplate };
  oauth2: {
    enabled: boolean;
    mappedFields: { id: string; name: string; username: string; avatarURL: string };
    providers: Array<Record<string, unknown>>;
  };
  passwordAuth: { enabled: boolean; identityFields: string[] };
  mfa: { enabled: boolean; duration: number; rule: string };
  otp: { enabled: boolean; duration: number; length: number; emailTemplate: EmailTemplate };
  authToken: TokenConfig;
  passwordResetToken: TokenConfig;
  emailChangeToken: TokenConfig;
  verificationToken: TokenConfig;
  fileToken: TokenConfig;
  verificationTemplate: EmailTemplate;
  resetPasswordTemplate: EmailTemplate;
  confirmEmailChangeTemplate: EmailTemplate;
}

/** A record change a webhook can be told of. */
export type WebhookEvent = 'create' | 'update' | 'delete';
export const WEBHOOK_EVENTS: readonly WebhookEvent[] = ['create', 'update', 'delete'];

/** One receiver of a collection's record changes (see core/webhooks/). */
export interface Webhook {
  /** unique across all collections: deliveries are listed by it */
  id: string;
  /** an http(s) URL the events are POSTed to */
  url: string;
  events: WebhookEvent[];
  /** a filter the record must match for the event to be sent ("" = every record) */
  filter: string;
  /** the HMAC-SHA256 key of the signature header; shown to superusers only */
  secret: string;
  /** a paused webhook keeps its settings and receives nothing */
  enabled: boolean;
}

export type RuleName = 'listRule' | 'viewRule' | 'createRule' | 'updateRule' | 'deleteRule';
export const RULE_NAMES: readonly RuleName[] = ['listRule', 'viewRule', 'createRule', 'updateRule', 'deleteRule'];

export interface Collection {
  id: string;
  name: string;
  type: CollectionType;
  system: boolean;
  fields: Field[];
  indexes: string[];
  listRule: string | null;
  viewRule: string | null;
  createRule: string | null;
  updateRule: string | null;
  deleteRule: string | null;
  created: string;
  updated: string;
  /** view collections only */
  viewQuery?: string;
  /** auth collections only */
  auth?: AuthOptions;
  /** base and auth collections: the fields of the full-text index ([] or missing = no search) */
  searchFields?: string[];
  /** base and auth collections: the receivers of record changes ([] or missing = none) */
  webhooks?: Webhook[];
}

export const AUTH_OPTION_KEYS = [
  'authRule',
  'manageRule',
  'authAlert',
  'oauth2',
  'passwordAuth',
  'mfa',
  'otp',
  'authToken',
  'passwordResetToken',
  'emailChangeToken',
  'verificationToken',
  'fileToken',
  'verificationTemplate',
  'resetPasswordTemplate',
  'confirmEmailChangeTemplate',
] as const satisfies readonly (keyof AuthOptions)[];

export const TOKEN_OPTION_KEYS = [
  'authToken',
  'passwordResetToken',
  'emailChangeToken',
  'verificationToken',
  'fileToken',
] as const satisfies readonly (keyof AuthOptions)[];

export function fieldByName(c: Collection, name: string): Field | undefined {
  const lower = name.toLowerCase();
  return c.fields.find((f) => f.name.toLowerCase() === lower);
}

export function isMultiple(field: Field): boolean {
  if (field.type === 'select' || field.type === 'file' || field.type === 'relation') {
    return Number(field.maxSelect ?? 0) > 1;
  }
  return false;
}
