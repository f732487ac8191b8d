import { randomBytes } from 'node:crypto';
import type { Db } from '../../core/db/database.ts';
import type { Clock } from '../../core/clock/clock.ts';
import { decryptFile, encryptFile, FILE_KEY_BYTES } from '../../core/files/encryption.ts';

const recordKeyAad = (recordId: string) => Buffer.from(`epa-record-key:${recordId}`, 'utf8');

/** A document's associated data: its bytes decrypt only in their own row of their own record. */
export const documentAad = (recordId: string, documentId: string) => Buffer.from(`epa-document:${recordId}:${documentId}`, 'utf8');

/**
 * Each record's own data key, kept only encrypted under the server's file key (with the record's id
 * as associated data): made (32 random bytes) and stored wrapped on its first use.
 */
export function createRecordKeys(deps: { db: Db; clock: Clock; fileKey: Buffer }) {
  const { db, clock } = deps;
  return async function recordKey(recordId: string, trx: Db = db): Promise<Buffer> {
    let row = await trx.selectFrom('epa_record_keys').select(['iv', 'tag', 'wrapped_key']).where('record_id', '=', recordId).executeTakeFirst();
    if (!row) {
      const sealed = encryptFile(deps.fileKey, randomBytes(FILE_KEY_BYTES), recordKeyAad(recordId));
      // two first uses at once: one key wins, both read it back
      await trx
        .insertInto('epa_record_keys')
        .values({ record_id: recordId, iv: sealed.iv, tag: sealed.tag, wrapped_key: sealed.ciphertext, created_at: clock.now() })
        .onConflict((oc) => oc.column('record_id').doNothing())
        .execute();
      row = await trx.selectFrom('epa_record_keys').select(['iv', 'tag', 'wrapped_key']).where('record_id', '=', recordId).executeTakeFirstOrThrow();
    }
    return decryptFile(deps.fileKey, { iv: row.iv, tag: row.tag, ciphertext: row.wrapped_key }, recordKeyAad(recordId));
  };
}
