import sharp from 'sharp';
import type { PlatformDeps } from '../../core/deps.ts';
import type { Db } from '../../core/db/database.ts';
import { AppError } from '../../core/errors/app-error.ts';
import { newId } from '../../core/ids/secrets.ts';
import { sniffUploadType } from '../../core/files/upload-rules.ts';
import { decryptFile } from '../../core/files/encryption.ts';
import { storeFile } from '../../core/files/checked-files.ts';
import { refreshSearch } from '../job-search/service.ts';
import type { ContactPerson } from '../jobmaster-registration/form.ts';


/** "Die Datei darf maximal 1 MB groß sein." — meant as 1 MiB, as the platform's other limits. */
export const MAX_LOGO_BYTES = 1024 * 1024;
/** The stored logo is at most this wide and high (the aspect ratio is kept). */
export const MAX_LOGO_EDGE = 800;
/** A 1 MB file may still unpack to a huge bitmap: more pixels than this are refused before decoding. */
const MAX_INPUT_PIXELS = 5000 * 5000;
/** What the bytes may be (never the name or the browser's type): JPEG, PNG, GIF. */
const LOGO_TYPES = new Set(['jpg', 'png', 'gif']);

type Deps = Pick<PlatformDeps, 'db' | 'clock' | 'audit' | 'fileKey'>;

export interface CompanyData {
  companyName: string;
  street: string;
  houseNumber: string;
  postalCode: string;
  city: string;
}

/** A contact's fields, as the registration's form checks them. */
export type ContactData = ContactPerson;

export interface Actor {
  accountId: string;
  ip: string | null;
}

/** An account's change, or one the platform makes itself (the demo's logos), recorded as its other automatic actions are. */
export type LogoActor = Actor | 'system';
const recordedAs = (actor: LogoActor) => (actor === 'system' ? { actor: 'system', ip: null } : { actor: `account:${actor.accountId}`, ip: actor.ip });

/**
 * Re-encodes an uploaded logo: only JPEG, PNG or GIF by content, decoded by libvips, turned upright,
 * shrunk to fit 800 × 800, and written anew without any metadata (EXIF, XMP, ICC, comments) —
 * sharp writes none unless asked to. A JPEG stays a JPEG; PNG and GIF (its first frame) become PNG.
 */
export async function reencodeLogo(bytes: Buffer, name = ''): Promise<{ bytes: Buffer; ext: 'jpg' | 'png'; mime: 'image/jpeg' | 'image/png' }> {
  if (bytes.length === 0) throw new AppError('logo.none', 422, { logo: 'logo.none' });
  if (bytes.length > MAX_LOGO_BYTES) throw new AppError('logo.too_large', 413, { logo: 'logo.too_large' });
  const type = await sniffUploadType(bytes);
  if (!type.ok || !LOGO_TYPES.has(type.ext)) throw new AppError('logo.type_not_allowed', 422, { logo: 'logo.type_not_allowed' });
  // a name that claims another format ("logo.gif" holding a PNG) is a mistake or a disguise: say so
  const claimed = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  if (claimed !== undefined && (claimed === 'jpeg' ? 'jpg' : claimed) !== type.ext) throw new AppError('logo.name_mismatch', 422, { logo: 'logo.name_mismatch' });
  const expected = type.ext === 'jpg' ? 'jpeg' : type.ext;
  try {
    const image = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', animated: false });
    const meta = await image.metadata();
    // the decoder must read the same format the content check found
    if (meta.format !== expected) throw new AppError('logo.type_not_allowed', 422, { logo: 'logo.type_not_allowed' });
    const shaped = image.rotate().resize(MAX_LOGO_EDGE, MAX_LOGO_EDGE, { fit: 'inside', withoutEnlargement: true });
    if (type.ext === 'jpg') return { bytes: await shaped.jpeg({ quality: 85 }).toBuffer(), ext: 'jpg', mime: 'image/jpeg' };
    return { bytes: await shaped.png().toBuffer(), ext: 'png', mime: 'image/png' };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('logo.unreadable', 422, { logo: 'logo.unreadable' });
  }
}

/**
 * The employer's profile in the Jobmaster (manual 004 "Unternehmensdaten", "Ihre Ansprechpartner"):
 * the company's data, its logo and its contact persons. Every function takes the employer of the
 * signed-in account; an id of another employer's contact is "not found" and recorded as denied.
 */
export function createJobmasterEmployers(deps: Deps, portal: string) {
  const { db, clock, audit, fileKey } = deps;

  async function denied(actor: Actor, what: string, id: string) {
    await audit.record({ actor: `account:${actor.accountId}`, action: 'jobmaster_employer.denied', subject: id, ip: actor.ip, outcome: 'denied', data: { portal, what } });
  }

  /** One of the employer's contacts; another id is recorded as denied (outside any transaction, so the record stays). */
  async function ownContact(employerId: string, contactId: string, actor: Actor) {
    const row = await db.selectFrom('jobmaster_contacts').selectAll().where('id', '=', contactId).where('employer_id', '=', employerId).executeTakeFirst();
    if (!row) {
      await denied(actor, 'contact', contactId);
      throw new AppError('request.not_found', 404);
    }
    return row;
  }

  /** The contact again, held for the change; gone in the meantime is simply not found. */
  async function lockedContact(trx: Db, employerId: string, contactId: string) {
    const row = await trx.selectFrom('jobmaster_contacts').selectAll().where('id', '=', contactId).where('employer_id', '=', employerId).forUpdate().executeTakeFirst();
    if (!row) throw new AppError('request.not_found', 404);
    return row;
  }

  async function deleteFile(trx: Db, fileId: string | null) {
    if (fileId) await trx.deleteFrom('files').where('id', '=', fileId).where('owner_kind', '=', 'jobmaster_logo').execute();
  }

  return {
    /** The employer of a signed-in Jobmaster account; null for an applicant or an account without one. */
    async employerOf(accountId: string) {
      return db
        .selectFrom('accounts')
        .innerJoin('jobmaster_employers as e', 'e.id', 'accounts.company')
        .select(['e.id', 'e.company_name', 'e.betriebsnummer', 'e.street', 'e.house_number', 'e.postal_code', 'e.city', 'e.status', 'e.logo_file_id'])
        .where('accounts.id', '=', accountId)
        .where('accounts.portal', '=', portal)
        .where('accounts.role', '=', 'employer')
        .executeTakeFirst();
    },

    /** "Ihre Ansprechpartner": the main contact first, then the others in the order they were added. */
    async contacts(employerId: string) {
      return db
        .selectFrom('jobmaster_contacts')
        .selectAll()
        .where('employer_id', '=', employerId)
        .orderBy('is_main', 'desc')
        .orderBy('created_at')
        .orderBy('id')
        .execute();
    },

    /** "Unternehmensdaten ändern": the Betriebsnummer stays; a new name is written into the postings' search documents. */
    async updateCompany(employerId: string, data: CompanyData, actor: Actor) {
      await db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('jobmaster_employers').select(['company_name']).where('id', '=', employerId).forUpdate().executeTakeFirstOrThrow();
        await trx
          .updateTable('jobmaster_employers')
          .set((eb) => ({
            company_name: data.companyName,
            street: data.street,
            house_number: data.houseNumber,
            postal_code: data.postalCode,
            city: data.city,
            version: eb('version', '+', 1),
          }))
          .where('id', '=', employerId)
          .execute();
        const renamed = before.company_name !== data.companyName;
        if (renamed) {
          const postings = await trx.selectFrom('job_postings').select('id').where('employer_id', '=', employerId).execute();
          for (const p of postings) await refreshSearch(trx, p.id);
        }
        await audit.record({ actor: `account:${actor.accountId}`, action: 'jobmaster_employer.updated', subject: employerId, ip: actor.ip, data: { portal, renamed } }, trx);
      });
    },

    /** "Upload Firmenlogo": re-encoded, stored encrypted; the previous logo's file is deleted with the change. */
    async setLogo(employerId: string, file: { name: string; bytes: Buffer }, actor: LogoActor) {
      const logo = await reencodeLogo(file.bytes, file.name);
      await db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('jobmaster_employers').select(['logo_file_id']).where('id', '=', employerId).forUpdate().executeTakeFirstOrThrow();
        const fileId = await storeFile(trx, fileKey, { name: `Firmenlogo.${logo.ext}`, bytes: logo.bytes, type: { ext: logo.ext, mime: logo.mime } }, { kind: 'jobmaster_logo' }, clock.now());
        await trx.updateTable('jobmaster_employers').set((eb) => ({ logo_file_id: fileId, version: eb('version', '+', 1) })).where('id', '=', employerId).execute();
        await deleteFile(trx, before.logo_file_id);
        await audit.record({ ...recordedAs(actor), action: 'jobmaster_employer.logo_uploaded', subject: employerId, data: { portal, file: fileId, size: logo.bytes.length } }, trx);
      });
    },

    /** "Logo entfernen". */
    async removeLogo(employerId: string, actor: Actor) {
      await db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('jobmaster_employers').select(['logo_file_id']).where('id', '=', employerId).forUpdate().executeTakeFirstOrThrow();
        if (!before.logo_file_id) return;
        await trx.updateTable('jobmaster_employers').set((eb) => ({ logo_file_id: null, version: eb('version', '+', 1) })).where('id', '=', employerId).execute();
        await deleteFile(trx, before.logo_file_id);
        await audit.record({ actor: `account:${actor.accountId}`, action: 'jobmaster_employer.logo_removed', subject: employerId, ip: actor.ip, data: { portal } }, trx);
      });
    },

    /**
     * An employer's logo, decrypted; `publicOnly` asks for one the public may see (a released
     * employer's, as on its postings). Null when there is none.
     */
    async logo(employerId: string, options: { publicOnly: boolean }) {
      let query = db
        .selectFrom('jobmaster_employers as e')
        .innerJoin('files as f', 'f.id', 'e.logo_file_id')
        .select(['f.id', 'f.mime', 'f.sha256', 'f.iv', 'f.tag', 'f.content'])
        .where('e.id', '=', employerId)
        .where('f.owner_kind', '=', 'jobmaster_logo');
      if (options.publicOnly) query = query.where('e.status', '=', 'released');
      const row = await query.executeTakeFirst();
      if (!row) return null;
      return { id: row.id, mime: row.mime, etag: row.sha256, bytes: decryptFile(fileKey, { iv: row.iv, tag: row.tag, ciphertext: row.content }) };
    },

    /**
     * Logos no employer names any more: an employer's profile deleted with its row leaves its logo's
     * file behind (the file has no column that points back), and the housekeeping deletes it.
     */
    async sweepOrphanLogos(): Promise<number> {
      const result = await db
        .deleteFrom('files')
        .where('owner_kind', '=', 'jobmaster_logo')
        .where((eb) => eb.not(eb.exists(eb.selectFrom('jobmaster_employers').select('id').whereRef('jobmaster_employers.logo_file_id', '=', 'files.id'))))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    /** One of the employer's own contacts; any other id is not found (and recorded). */
    async contact(employerId: string, contactId: string, actor: Actor) {
      return ownContact(employerId, contactId, actor);
    },

    async addContact(employerId: string, data: ContactData, actor: Actor) {
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('jobmaster_contacts')
          .values({ id, employer_id: employerId, salutation: data.salutation, title: data.title, first_name: data.firstName, last_name: data.lastName, phone: data.phone, email: data.email, is_main: false, created_at: clock.now() })
          .execute();
        await audit.record({ actor: `account:${actor.accountId}`, action: 'jobmaster_employer.contact_added', subject: employerId, ip: actor.ip, data: { portal, contact: id } }, trx);
      });
      return id;
    },

    /** Another contact's data; the main contact is the login's person and is changed by "Hauptansprechpartner wechseln". */
    async updateContact(employerId: string, contactId: string, data: ContactData, actor: Actor) {
      await ownContact(employerId, contactId, actor);
      await db.transaction().execute(async (trx) => {
        const contact = await lockedContact(trx, employerId, contactId);
        if (contact.is_main) throw new AppError('request.not_found', 404);
        await trx
          .updateTable('jobmaster_contacts')
          .set({ salutation: data.salutation, title: data.title, first_name: data.firstName, last_name: data.lastName, phone: data.phone, email: data.email })
          .where('id', '=', contactId)
          .execute();
        await audit.record({ actor: `account:${actor.accountId}`, action: 'jobmaster_employer.contact_updated', subject: employerId, ip: actor.ip, data: { portal, contact: contactId } }, trx);
      });
    },

    /** The active postings that name a contact (removing it needs another contact for them). */
    async activePostingsOf(contactId: string) {
      return db.selectFrom('job_postings').select(['id', 'title']).where('contact_id', '=', contactId).where('status', '=', 'active').orderBy('title').execute();
    },

    /**
     * Removes a contact. The main contact stays. Postings that name it go to `replacementId` (another
     * of the employer's contacts), in the same transaction; while an active posting names it, a
     * replacement must be chosen.
     */
    async removeContact(employerId: string, contactId: string, replacementId: string | undefined, actor: Actor) {
      await ownContact(employerId, contactId, actor);
      await db.transaction().execute(async (trx) => {
        const contact = await lockedContact(trx, employerId, contactId);
        if (contact.is_main) throw new AppError('contact.main_not_removable', 409);
        // the contact's postings are held while they move, so none becomes active in between
        const postings = await trx.selectFrom('job_postings').select(['id', 'status']).where('contact_id', '=', contactId).forUpdate().execute();
        let replacement: string | null = null;
        if (replacementId !== undefined && replacementId !== '') {
          const other = await trx.selectFrom('jobmaster_contacts').select('id').where('id', '=', replacementId).where('employer_id', '=', employerId).where('id', '!=', contactId).executeTakeFirst();
          if (!other) throw new AppError('field.invalid_choice', 422, { replacement: 'field.invalid_choice' });
          replacement = other.id;
        } else if (postings.some((p) => p.status === 'active')) {
          throw new AppError('contact.replacement_required', 422, { replacement: 'contact.replacement_required' });
        }
        if (replacement && postings.length) {
          await trx.updateTable('job_postings').set({ contact_id: replacement }).where('contact_id', '=', contactId).execute();
        }
        await trx.deleteFrom('jobmaster_contacts').where('id', '=', contactId).execute();
        await audit.record(
          { actor: `account:${actor.accountId}`, action: 'jobmaster_employer.contact_removed', subject: employerId, ip: actor.ip, data: { portal, contact: contactId, postingsMovedTo: replacement, postings: replacement ? postings.length : 0 } },
          trx,
        );
      });
    },
  };
}

export type JobmasterEmployers = ReturnType<typeof createJobmasterEmployers>;
