import type { AuditEntry } from '../audit/audit.ts';

export type LoginOutcome = 'success' | 'password_wrong' | 'code_wrong' | 'locked' | 'declined' | 'refused';

/**
 * The audit actions that end a login step, and what they count as. Every login of every portal, the
 * back office and the AOK Ident is recorded here already, so the metric counts what the Protokoll shows
 * and no login service needs to know about metrics.
 */
const OUTCOMES: Partial<Record<AuditEntry['action'], { outcome: LoginOutcome; portal?: string }>> = {
  'login.success': { outcome: 'success' },
  'login.password_wrong': { outcome: 'password_wrong' },
  'login.code_wrong': { outcome: 'code_wrong' },
  'login.locked': { outcome: 'locked' },
  'staff.login': { outcome: 'success', portal: 'backoffice' },
  'staff.login_failed': { outcome: 'password_wrong', portal: 'backoffice' },
  'staff.totp_wrong': { outcome: 'code_wrong', portal: 'backoffice' },
  'staff.login_locked': { outcome: 'locked', portal: 'backoffice' },
  'ident.login_approved': { outcome: 'success', portal: 'ident' },
  'ident.login_declined': { outcome: 'declined', portal: 'ident' },
  'ident.login_refused': { outcome: 'refused', portal: 'ident' },
};

/** The login outcome an audit entry records, or null when it records something else. */
export function loginOutcome(entry: AuditEntry): { portal: string; outcome: LoginOutcome } | null {
  const known = OUTCOMES[entry.action];
  if (!known) return null;
  // the portals' logins name their portal in the entry's data (a portal key from our code, never input)
  const named = entry.data?.portal;
  return { portal: known.portal ?? (typeof named === 'string' ? named : 'unknown'), outcome: known.outcome };
}
