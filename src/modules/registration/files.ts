import type { Db } from '../../core/db/database.ts';
import type { Clock } from '../../core/clock/clock.ts';
import type { Audit } from '../../core/audit/audit.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { checkUploadBudget } from '../../core/files/upload-rules.ts';
import { decryptFile } from '../../core/files/encryption.ts';
import { checkFiles, storeFile, type IncomingFile } from '../../core/files/checked-files.ts';

export type { IncomingFile };

export interface StoredFileInfo {
  id: string;
  name: string;
  ext: string;
  mime: string;
  size: number;
  createdAt: Date;
}

/**
 * Files that belong to a registration (certificate, power of attorney): checked by
 * content, stored encrypted in the database; deleting the registration deletes them.
 */
export function createRegistrationFiles(deps: { db: Db; clock: Clock; audit: Audit; key: Buffer }) {
  const { db, clock, audit, key } = deps;

  async function list(registrationId: string): Promise<StoredFileInfo[]> {
    const rows = await db
      .selectFrom('files')
      .select(['id', 'name', 'ext', 'mime', 'size', 'created_at'])
      .where('registration_id', '=', registrationId)
      .where('owner_kind', '=', 'registration')
      .orderBy('created_at')
      .orderBy('name')
      .execute();
    return rows.map((r) => ({ id: r.id, name: r.name, ext: r.ext, mime: r.mime, size: r.size, createdAt: new Date(r.created_at) }));
  }

  return {
    list,

    /** All files of one request are checked before any is stored: all or nothing. */
    async add(registrationId: string, incoming: IncomingFile[], ip: string | null): Promise<StoredFileInfo[]> {
      if (incoming.length === 0) throw new AppError('upload.none', 422, { files: 'upload.none' });
      const checked = await checkFiles(incoming);
      await db.transaction().execute(async (trx) => {
        // lock the registration row so two parallel uploads cannot both pass the budget
        await trx.selectFrom('registrations').select('id').where('id', '=', registrationId).forUpdate().executeTakeFirst();
        const existing = await trx.selectFrom('files').select('size').where('registration_id', '=', registrationId).where('owner_kind', '=', 'registration').execute();
        const budget = checkUploadBudget(existing.map((f) => f.size), checked.map((f) => f.bytes.length));
        if (!budget.ok) throw new AppError(budget.code, 422, { files: budget.code });
        for (const file of checked) {
          const id = await storeFile(trx, key, file, { kind: 'registration', registrationId }, clock.now());
          await audit.record({ actor: 'anonymous', action: 'registration.file_uploaded', subject: registrationId, ip, data: { fileId: id, size: file.bytes.length, type: file.type.ext } }, trx);
        }
        // a corrected upload after a refusal sends the registration back to the insurer's work list
        await trx.updateTable('registrations').set({ status: 'open' }).where('id', '=', registrationId).where('status', '=', 'rejected').execute();
      });
      return list(registrationId);
    },

    async remove(registrationId: string, fileId: string, ip: string | null): Promise<void> {
      const result = await db.deleteFrom('files').where('id', '=', fileId).where('registration_id', '=', registrationId).where('owner_kind', '=', 'registration').executeTakeFirst();
      if (Number(result.numDeletedRows) !== 1) throw new AppError('upload.not_found', 404);
      await audit.record({ actor: 'anonymous', action: 'registration.file_deleted', subject: registrationId, ip, data: { fileId } });
    },

    async read(registrationId: string, fileId: string) {
      const row = await db.selectFrom('files').selectAll().where('id', '=', fileId).where('registration_id', '=', registrationId).executeTakeFirst();
      if (!row) throw new AppError('upload.not_found', 404);
      return { name: row.name, mime: row.mime, bytes: decryptFile(key, { iv: row.iv, tag: row.tag, ciphertext: row.content }) };
    },
  };
}

export type RegistrationFiles = ReturnType<typeof createRegistrationFiles>;
