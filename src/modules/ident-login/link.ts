/**
 * The address a login request's QR code carries, and how the Ident app and `pforte-ident` read it
 * back (no imports: the app's bundle reads this file). The request id goes in the fragment, so it
 * reaches neither the server's log nor a Referer when the app opens.
 */
export const LOGIN_LINK_PATH = '/ident/app/';

/** The app's calls about a login request, under the app's API at /api/ident. */
export const LOGIN_REQUEST_PATH = '/login-request';
export const LOGIN_REQUEST_API = `/api/ident${LOGIN_REQUEST_PATH}`;

export function loginLink(publicUrl: string, requestId: string): string {
  return `${publicUrl}${LOGIN_LINK_PATH}#login=${requestId}`;
}

const REQUEST_ID = /^[A-Za-z0-9_-]{20,64}$/;

/** The request id of a QR code's address (or of its fragment alone), or null when it names none. */
export function requestIdOf(link: string): string | null {
  const hash = link.slice(link.indexOf('#') + 1);
  const id = new URLSearchParams(hash).get('login');
  return id !== null && REQUEST_ID.test(id) ? id : null;
}

/** The server a QR code's address leads to (its origin), or null. */
export function serverOf(link: string): string | null {
  const url = URL.parse(link);
  return url && (url.protocol === 'http:' || url.protocol === 'https:') ? url.origin : null;
}
