/**
 * What an Ident device signs, shared by the server, the app's script and the terminal program (no
 * imports: the browser bundle reads it). `login` opens "Geräte", `remove` removes a device (the one
 * named in the message), `approve` and `decline` answer a login request of the identity service (its context).
 */
export const IDENT_PURPOSES = ['login', 'remove', 'approve', 'decline'] as const;
export type IdentPurpose = (typeof IDENT_PURPOSES)[number];

/** Purpose, nonce, signing device and what the purpose is about: a signature fits one request only. */
export function identMessage(purpose: IdentPurpose, nonce: string, deviceId: string, about = ''): string {
  return `pforte-ident:${purpose}:${nonce}:${deviceId}:${about}`;
}
