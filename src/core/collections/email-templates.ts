import type { EmailTemplate } from '../collection.js';

const wrap = (inner: string) => `<p>Hello,</p>\n${inner}\n<p>\n  Thanks,<br/>\n  {APP_NAME} team\n</p>`;

const button = (path: string, label: string) =>
  `<p>\n  <a class="btn" href="{APP_URL}/_/#/auth/${path}/{TOKEN}" target="_blank" rel="noopener">${label}</a>\n</p>`;

export const VERIFICATION_TEMPLATE: EmailTemplate = {
  subject: 'Verify your {APP_NAME} email',
  body: wrap(
    `<p>Thank you for joining us at {APP_NAME}.</p>\n<p>Click on the button below to verify your email address.</p>\n${button('confirm-verification', 'Verify')}`,
  ),
};

export const RESET_PASSWORD_TEMPLATE: EmailTemplate = {
  subject: 'Reset your {APP_NAME} password',
  body: wrap(
    `<p>Click on the button below to reset your password.</p>\n${button('confirm-password-reset', 'Reset password')}\n<p><i>If you didn't ask to reset your password, you can ignore this email.</i></p>`,
  ),
};

export const CONFIRM_EMAIL_CHANGE_TEMPLATE: EmailTemplate = {
  subject: 'Confirm your {APP_NAME} new email address',
  body: wrap(
    `<p>Click on the button below to confirm your new email address.</p>\n${button('confirm-email-change', 'Confirm new email')}\n<p><i>If you didn't ask to change your email address, you can ignore this email.</i></p>`,
  ),
};

export const OTP_TEMPLATE: EmailTemplate = {
  subject: 'OTP for {APP_NAME}',
  body: wrap(
    `<p>Your one-time password is: <strong>{OTP}</strong></p>\n<p><i>If you didn't ask for the one-time password, you can ignore this email.</i></p>`,
  ),
};

export const AUTH_ALERT_TEMPLATE: EmailTemplate = {
  subject: 'Login from a new location',
  body: wrap(
    `<p>We noticed a login to your {APP_NAME} account from a new location:</p>\n<p><em>{ALERT_INFO}</em></p>\n<p><strong>If this wasn't you, you should immediately change your {APP_NAME} account password to revoke access from all other locations.</strong></p>\n<p>If this was you, you may disregard this email.</p>`,
  ),
};
