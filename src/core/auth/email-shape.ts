const LABEL = '[A-Za-z0-9\\u00A0-\\uFFFF](?:[A-Za-z0-9\\u00A0-\\uFFFF-]*[A-Za-z0-9\\u00A0-\\uFFFF])?';
const EMAIL_SHAPE = new RegExp(`^[A-Za-z0-9.!#$%&'*+/=?^_\`{|}~\\u00A0-\\uFFFF-]+@(?:${LABEL}\\.)+${LABEL}\\.?$`);

/** Whether a sign-in identity looks like an email address (decides if the email field is searched). */
export function isEmailShaped(value: string): boolean {
  return value.length <= 254 && EMAIL_SHAPE.test(value);
}
