import { createHash } from 'node:crypto';
import type { Db } from '../db/database.ts';
import type { FileOwnerKind } from '../db/values.ts';
import { AppError } from '../errors/app-error.ts';
import { newId } from '../ids/secrets.ts';
import { checkUpload } from './upload-rules.ts';
import { encryptFile } from './encryption.ts';

export interface IncomingFile {
  name: string;
  bytes: Buffer;
}

export interface CheckedFile {
  name: string;
  bytes: Buffer;
  type: { ext: string; mime: string };
}

/**
 * Every upload passes the same checks, all before anything is stored: name, content, the text rules
 * (upload-rules.ts, checkUpload). The name kept is the one checkUpload gives: base name plus the
 * extension of the detected type.
 */
export async function checkFiles(files: IncomingFile[]): Promise<CheckedFile[]> {
  const checked: CheckedFile[] = [];
  for (const file of files) {
    const result = await checkUpload(file.name, file.bytes);
    if (!result.ok) throw new AppError(result.code, 422, { files: result.code });
    checked.push({ name: result.name, bytes: file.bytes, type: { ext: result.ext, mime: result.mime } });
  }
  return checked;
}

/** Stores one checked file encrypted (AES-256-GCM), owned by a registration or a postbox message. */
export async function storeFile(
  trx: Db,
  key: Buffer,
  file: CheckedFile,
  owner: { kind: FileOwnerKind; registrationId?: string | null; messageId?: string | null; providerIkId?: string | null },
  now: Date,
): Promise<string> {
  const sealed = encryptFile(key, file.bytes);
  const id = newId();
  await trx
    .insertInto('files')
    .values({
      id,
      owner_kind: owner.kind,
      registration_id: owner.registrationId ?? null,
      message_id: owner.messageId ?? null,
      provider_ik_id: owner.providerIkId ?? null,
      name: file.name,
      mime: file.type.mime,
      ext: file.type.ext,
      size: file.bytes.length,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
      iv: sealed.iv,
      tag: sealed.tag,
      content: sealed.ciphertext,
      created_at: now,
    })
    .execute();
  return id;
}
