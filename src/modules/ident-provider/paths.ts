/** Where the AOK Ident OpenID Provider is mounted; its issuer is `${PUBLIC_URL}/ident`. */
export const IDENT_BASE = '/ident';

export function identPath(path: string): string {
  return `${IDENT_BASE}${path}`;
}
