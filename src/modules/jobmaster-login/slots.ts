import type { FastifyInstance } from 'fastify';

/**
 * Where other modules add entries to "Mein Konto" (a job starter's Merkliste and Suchaufträge), so
 * this module needs to know nothing about them and shows only those of modules its portal lists.
 */
export interface AccountLink {
  href: string;
  label: string;
}

/** The entries a module offers an account of this role; none where the role has no such pages. */
export type AccountLinks = (role: string) => AccountLink[];

// per server and portal, so two servers in one process (tests) keep their own
const registry = new WeakMap<FastifyInstance, Map<string, AccountLinks[]>>();

export function addAccountLinks(app: FastifyInstance, portal: string, links: AccountLinks): void {
  const byPortal = registry.get(app) ?? new Map<string, AccountLinks[]>();
  registry.set(app, byPortal);
  byPortal.set(portal, [...(byPortal.get(portal) ?? []), links]);
}

export function accountLinks(app: FastifyInstance, portal: string, role: string): AccountLink[] {
  return (registry.get(app)?.get(portal) ?? []).flatMap((links) => links(role));
}
