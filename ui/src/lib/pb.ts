import PocketBase, { LocalAuthStore } from 'pocketbase';

/**
 * The dashboard's API client: the official SDK against the server that serves the page. The session
 * lives in localStorage under a key of its own (never in a URL), apart from any app on the same origin.
 */
export const pb = new PocketBase(window.location.origin, new LocalAuthStore('basalt_dashboard_auth'));
// pages fire overlapping requests on purpose (list + count, picker searches): none may cancel another
pb.autoCancellation(false);
