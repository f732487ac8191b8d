import { MARKETING, type AccountContext } from './context.ts';

/** Manual 004 "Einwilligungen ändern": the Einwilligungserklärung, given or revoked. */
export function consentChange(ctx: AccountContext) {
  const { db, clock, audit, accountRow } = ctx;
  return {
    /** "Einwilligungen ändern": each document's newest row. */
    async consents(accountId: string) {
      const rows = await db
        .selectFrom('consents')
        .select(['document', 'version', 'accepted_at', 'revoked_at'])
        .where('account_id', '=', accountId)
        .orderBy('accepted_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      const newest = new Map<string, (typeof rows)[number]>();
      for (const r of rows) if (!newest.has(r.document)) newest.set(r.document, r);
      return newest;
    },

    /** Gives (a new row with this version) or revokes (the open row gets its time) the Einwilligungserklärung. */
    async setMarketing(accountId: string, give: boolean, version: string, ip: string | null): Promise<void> {
      await accountRow(accountId);
      await db.transaction().execute(async (trx) => {
        const open = await trx
          .selectFrom('consents')
          .select(['id'])
          .where('account_id', '=', accountId)
          .where('document', '=', MARKETING)
          .where('revoked_at', 'is', null)
          .forUpdate()
          .execute();
        if (give && open.length === 0) {
          await trx.insertInto('consents').values({ account_id: accountId, document: MARKETING, version, accepted_at: clock.now() }).execute();
          await audit.record({ actor: `account:${accountId}`, action: 'account.consent_given', subject: accountId, ip, data: { document: MARKETING, version } }, trx);
        } else if (!give && open.length > 0) {
          await trx.updateTable('consents').set({ revoked_at: clock.now() }).where('account_id', '=', accountId).where('document', '=', MARKETING).where('revoked_at', 'is', null).execute();
          await audit.record({ actor: `account:${accountId}`, action: 'account.consent_revoked', subject: accountId, ip, data: { document: MARKETING } }, trx);
        }
      });
    },
  };
}
