import type { AuditAction } from './actions.ts';

/**
 * Who an account was, kept in the entry that deletes it (`data.person`): the audit log is
 * append-only, so names cannot be added later, and the Protokoll names the people behind the ids
 * by reading the live rows. Only a deletion takes those rows away; the entry that records it
 * keeps the few facts that answer "whom" (name, e-mail, company and insurer), and the Protokoll
 * reads them for every earlier entry about that account or its registration. Keeping them once,
 * at deletion, instead of in every entry keeps personal data in the log to what a deletion needs.
 */
export interface PersonSnapshot {
  account: string;
  /** the deleted registration, for entries that name it instead of the account */
  registration?: string;
  name: string;
  email: string;
  portal: string;
  /** Betriebsnummer or IK of the company */
  company: string | null;
  insurer: string | null;
}

/** The actions whose entry carries `data.person`: each deletes an account. */
export const DELETION_ACTIONS = ['registration.deleted', 'users.removed', 'users.invitation_expired'] as const satisfies readonly AuditAction[];

export interface SnapshotSource {
  id: string;
  email: string;
  title: string | null;
  first_name: string;
  last_name: string;
  portal: string;
  company: string | null;
  company_insurer_id: string | null;
}

/** The columns a deletion returns (`.returning(SNAPSHOT_COLUMNS)`) to build the snapshot from. */
export const SNAPSHOT_COLUMNS = ['id', 'email', 'title', 'first_name', 'last_name', 'portal', 'company', 'company_insurer_id'] as const;

export function personSnapshot(a: SnapshotSource, registration?: { id: string; identifier: string; insurer_id: string }): PersonSnapshot {
  return {
    account: a.id,
    ...(registration ? { registration: registration.id } : {}),
    name: personName(a),
    email: a.email,
    portal: a.portal,
    // a registration that never finished has its Betriebsnummer or IK only on the registration
    company: a.company ?? registration?.identifier ?? null,
    insurer: a.company_insurer_id ?? registration?.insurer_id ?? null,
  };
}

export function personName(a: { title: string | null; first_name: string; last_name: string }): string {
  return [a.title, a.first_name, a.last_name].filter((part) => part && part.trim()).join(' ');
}
