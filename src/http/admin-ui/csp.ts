/**
 * The Content-Security-Policy of every dashboard answer: scripts and styles only from files of this
 * origin (no inline code, no eval), API calls to this origin only, images also from `blob:` and `data:`
 * (previews of files chosen for upload), no plugins, no framing by other sites.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');
