import type { PlatformDeps } from '../../core/deps.ts';
import type { Db } from '../../core/db/database.ts';
import { AppError, type FieldErrors } from '../../core/errors/app-error.ts';
import { createTokens, type TokenFilter } from '../../core/tokens/tokens.ts';
import { createAttempts } from '../../core/attempts/attempts.ts';
import { normalizeEmail } from '../../core/passwords/passwords.ts';
import type { AccountMails } from './mails.ts';

export const EMAIL_CHANGE_TTL_MS = 24 * 3_600_000;
export const HANDOVER_TTL_MS = 72 * 3_600_000;
export const MARKETING = 'einwilligungserklaerung';

export type AccountDeps = Pick<PlatformDeps, 'db' | 'clock' | 'audit' | 'login' | 'mailer' | 'rateLimiter'>;

export const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === '23505' || /unique|duplicate key/i.test(String((error as Error)?.message));

/**
 * What every account change needs: the platform's services, the mails, and the account's own
 * checks (its row, its current password, a mailed link's pending change, whether an address is taken).
 */
export function accountContext(deps: AccountDeps, mails: AccountMails, portal: string) {
  const { db, clock, login } = deps;
  const tokens = createTokens(clock);
  const attempts = createAttempts(db, clock);
  const ofPortal: TokenFilter = (eb) => eb('account_id', 'in', eb.selectFrom('accounts').select('id').where('portal', '=', portal));

  async function accountRow(accountId: string) {
    const row = await db
      .selectFrom('accounts')
      .select(['id', 'email', 'email_normalized', 'role', 'company', 'status'])
      .where('id', '=', accountId)
      .where('portal', '=', portal)
      .executeTakeFirst();
    if (!row) throw new AppError('request.not_found', 404);
    return row;
  }

  /** The account's current password, counted like the login's (the same key, the same locks). */
  async function checkCurrent(account: { email_normalized: string }, password: string | undefined, ip: string | null, errors: FieldErrors, field = 'currentPassword') {
    if (!password) errors[field] = 'field.required';
    if (Object.keys(errors).length) throw new AppError('form.invalid', 422, errors);
    try {
      await login.checkCredentials(portal, account.email_normalized, password!, ip);
    } catch (error) {
      if (error instanceof AppError && error.code === 'login.invalid') throw new AppError('form.invalid', 422, { [field]: 'account.current_password_wrong' });
      throw error;
    }
  }

  /** The pending change a link stands for, with its account; unknown 404, used or expired 410. */
  async function openLink(kind: 'email_change' | 'main_contact_handover', secret: unknown) {
    const token = await tokens.find(db, [kind], secret, { scope: ofPortal });
    if (!token || !token.account_id) throw new AppError('token.invalid', 404);
    const outcome = tokens.check(token);
    if (outcome !== 'ok') throw new AppError(outcome === 'used' ? 'token.used' : 'token.expired', 410);
    const change = await db.selectFrom('jobmaster_pending_changes').select(['data']).where('token_hash', '=', token.hash).where('kind', '=', kind).executeTakeFirst();
    if (!change) throw new AppError('token.invalid', 404);
    return { accountId: token.account_id, data: change.data };
  }

  async function taken(trx: Db, email: string, accountId: string) {
    const other = await trx.selectFrom('accounts').select('id').where('portal', '=', portal).where('email_normalized', '=', normalizeEmail(email)).where('id', '!=', accountId).executeTakeFirst();
    return !!other;
  }

  return { ...deps, portal, mails, tokens, attempts, ofPortal, accountRow, checkCurrent, openLink, taken };
}

export type AccountContext = ReturnType<typeof accountContext>;
