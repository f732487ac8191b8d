import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase, migrate, type DatabaseHandle } from './platform/db/database.ts';
import { ManualClock, systemClock, type Clock } from './platform/clock/clock.ts';
import { createAudit } from './platform/audit/audit.ts';
import { runRetention } from './platform/registration/retention.ts';
import { createDeviceResets } from './platform/mfa/device-reset.ts';
import { createStaff } from './platform/staff/service.ts';
import { loadSecrets } from './platform/config/secrets.ts';
import { demoInsurers } from './platform/config/insurers.ts';
import { AppError } from './platform/errors/app-error.ts';
import { t } from './platform/i18n/de.ts';
import { createIkRegister, describeImportError } from './platform/ik-register/service.ts';
import { recordActivatedProviderAdmin } from './platform/providers/iks.ts';
import { readFile } from 'node:fs/promises';

const USAGE = `Verwendung:
  pforte jobs run retention [--now <ISO-Zeitpunkt>]   löscht Registrierungen, die nach 30 Tagen nicht abgeschlossen sind
  pforte accounts activate --email E --portal P       schaltet einen Zugang frei (wie die Prüfung durch die Krankenkasse)
  pforte devices approve-reset --email E [--portal P] bestätigt das Zurücksetzen des Authentifikations-Geräts
  pforte staff add --email E --password P --role admin|clerk [--aok ID] [--name N]
                                                      legt einen Zugang für Mitarbeitende an und zeigt das TOTP-Geheimnis
  pforte ik-register import DATEI                     importiert das IK-Register aus einer CSV-Datei (alles oder nichts)

Die Datenbank kommt aus der Konfiguration (DATABASE_URL oder PGlite in PFORTE_DATA_DIR).
Mit der eingebetteten Datenbank muss der Server dafür gestoppt sein.`;

/** Operator and test entry point; returns the exit code. `database` lets tests pass an open one. */
export async function main(argv: string[], options: { database?: DatabaseHandle; fileKey?: Buffer; out?: (line: string) => void; clock?: Clock } = {}): Promise<number> {
  const out = options.out ?? ((line: string) => console.log(line));
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      now: { type: 'string' },
      help: { type: 'boolean' },
      email: { type: 'string' },
      portal: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      aok: { type: 'string' },
      name: { type: 'string' },
    },
    allowPositionals: true,
    strict: false,
  });
  const [area, verb, name] = positionals;
  if (area === 'accounts' && verb === 'activate' && !values.help) return activateAccount(values, options, out);
  if (area === 'devices' && verb === 'approve-reset' && !values.help) return approveReset(values, options, out);
  if (area === 'staff' && verb === 'add' && !values.help) return addStaff(values, options, out);
  if (area === 'ik-register' && verb === 'import' && !values.help) return importIkRegister(name, options, out);
  if (values.help || area !== 'jobs' || verb !== 'run' || name !== 'retention') {
    out(USAGE);
    return values.help ? 0 : 2;
  }
  let clock = systemClock;
  if (values.now !== undefined) {
    const at = new Date(String(values.now));
    if (typeof values.now !== 'string' || Number.isNaN(at.getTime())) {
      out(`Ungültiger Zeitpunkt für --now: ${String(values.now)} (erwartet z. B. 2026-12-24T12:00:00Z)`);
      return 2;
    }
    clock = new ManualClock(at);
  }
  let database = options.database;
  try {
    if (!database) {
      const config = loadConfig();
      database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.PFORTE_DATA_DIR });
    }
    await migrate(database.db);
    const deleted = await runRetention({ db: database.db, clock, audit: createAudit(database.db, clock) });
    out(`retention: ${deleted} Registrierung(en) gelöscht (Stichzeit ${clock.now().toISOString()})`);
    return 0;
  } catch (error) {
    out(error instanceof ConfigError ? error.message : `Fehler: ${(error as Error).message}`);
    return 1;
  } finally {
    if (database && !options.database) await database.close();
  }
}

async function withDatabase<T>(options: { database?: DatabaseHandle }, fn: (database: DatabaseHandle) => Promise<T>): Promise<T> {
  let database = options.database;
  if (!database) {
    const config = loadConfig();
    database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.PFORTE_DATA_DIR });
  }
  try {
    await migrate(database.db);
    return await fn(database);
  } finally {
    if (!options.database) await database.close();
  }
}

/** The staff check from the shell (operators, scripts, tests): activates a registered account. */
async function activateAccount(values: Record<string, unknown>, options: { database?: DatabaseHandle; clock?: Clock }, out: (line: string) => void): Promise<number> {
  const clock = options.clock ?? systemClock;
  const email = typeof values.email === 'string' ? values.email.trim().toLowerCase() : '';
  const portal = typeof values.portal === 'string' ? values.portal : '';
  if (!email || !portal) {
    out('accounts activate braucht --email und --portal (z. B. --portal arbeitgeber)');
    return 2;
  }
  try {
    return await withDatabase(options, async ({ db }) => {
      const account = await db.selectFrom('accounts').select(['id', 'status']).where('portal', '=', portal).where('email_normalized', '=', email).executeTakeFirst();
      if (!account) {
        out(`Kein Zugang ${email} im Portal ${portal}.`);
        return 1;
      }
      const now = clock.now();
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('accounts').set({ status: 'active', activated_at: now }).where('id', '=', account.id).execute();
        const registration = await trx.selectFrom('registrations').select(['id', 'identifier', 'insurer_id']).where('account_id', '=', account.id).executeTakeFirst();
        // a provider's LE-Admin: the same as the staff check records (the IK becomes managed)
        if (registration && portal === 'partner') {
          await recordActivatedProviderAdmin(trx, now, { accountId: account.id, ik: registration.identifier, insurerId: registration.insurer_id, staffId: null });
        }
        if (registration) {
          await trx
            .insertInto('registration_steps')
            .values({ registration_id: registration.id, step: 'activated', done_at: now })
            .onConflict((oc) => oc.columns(['registration_id', 'step']).doNothing())
            .execute();
        }
        await createAudit(trx, clock).record({ actor: 'operator:cli', action: 'account.activated', subject: account.id });
      });
      out(`${email} (${portal}) ist aktiviert.`);
      return 0;
    });
  } catch (error) {
    out(error instanceof ConfigError ? error.message : `Fehler: ${(error as Error).message}`);
    return 1;
  }
}

/** Stands in for the staff's check of a device reset until the back office exists. */
async function approveReset(values: Record<string, unknown>, options: { database?: DatabaseHandle }, out: (line: string) => void): Promise<number> {
  const email = typeof values.email === 'string' ? values.email.trim().toLowerCase() : '';
  const portal = typeof values.portal === 'string' ? values.portal : 'arbeitgeber';
  if (!email) {
    out('devices approve-reset braucht --email');
    return 2;
  }
  try {
    return await withDatabase(options, async ({ db }) => {
      const account = await db.selectFrom('accounts').select('id').where('portal', '=', portal).where('email_normalized', '=', email).executeTakeFirst();
      if (!account) {
        out(`Kein Zugang ${email} im Portal ${portal}.`);
        return 1;
      }
      await createDeviceResets({ db, clock: systemClock, audit: createAudit(db, systemClock) }).approve(account.id, 'operator:cli');
      out(`Zurücksetzen des Geräts für ${email} (${portal}) bestätigt.`);
      return 0;
    });
  } catch (error) {
    if (error instanceof AppError) {
      out(t(error.code));
      return 1;
    }
    out(error instanceof ConfigError ? error.message : `Fehler: ${(error as Error).message}`);
    return 1;
  }
}

/** Creates a staff account and prints its TOTP secret (otpauth:// URI and base32) to enrol an authenticator. */
async function addStaff(values: Record<string, unknown>, options: { database?: DatabaseHandle; fileKey?: Buffer }, out: (line: string) => void): Promise<number> {
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
  if (!str('email') || !str('password') || !str('role')) {
    out('staff add braucht --email, --password und --role admin|clerk (clerk auch --aok, z. B. --aok by)');
    return 2;
  }
  try {
    const key = options.fileKey ?? loadSecrets(loadConfig()).fileKey;
    return await withDatabase(options, async ({ db }) => {
      const staff = createStaff({ db, clock: systemClock, audit: createAudit(db, systemClock), key, insurerIds: demoInsurers.map((i) => i.id) });
      const created = await staff.add({ email: str('email'), password: str('password'), role: str('role'), insurerId: str('aok') || null, name: str('name') }, 'operator:cli');
      out(`Zugang für ${str('email')} (${str('role')}) angelegt.`);
      out(`TOTP (otpauth): ${created.uri}`);
      out(`TOTP-Geheimnis (base32): ${created.secret}`);
      return 0;
    });
  } catch (error) {
    if (error instanceof AppError) {
      out(t(error.code));
      return 1;
    }
    out(error instanceof ConfigError ? error.message : `Fehler: ${(error as Error).message}`);
    return 1;
  }
}

/** Imports the IK register from a CSV file, as the back office's upload does; prints the counts or the errors by line. */
async function importIkRegister(file: string | undefined, options: { database?: DatabaseHandle }, out: (line: string) => void): Promise<number> {
  if (!file) {
    out('ik-register import braucht eine CSV-Datei, z. B. pforte ik-register import ik-register.csv');
    return 2;
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    out(`Die Datei ${file} lässt sich nicht lesen (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
    return 1;
  }
  try {
    const config = loadConfig();
    return await withDatabase(options, async ({ db }) => {
      const register = createIkRegister({ db, clock: systemClock, audit: createAudit(db, systemClock), config });
      const result = await register.import('operator:cli', bytes, file.split(/[\\/]/).pop() ?? file, null);
      if (!result.ok) {
        for (const e of result.errors) out(describeImportError(e));
        if (result.truncated) out(`Es werden nur die ersten ${result.errors.length} Fehler gezeigt.`);
        out('Es wurde nichts importiert; das IK-Register ist unverändert.');
        return 1;
      }
      out(`IK-Register importiert: ${result.inserted} neu, ${result.updated} aktualisiert.`);
      return 0;
    });
  } catch (error) {
    out(error instanceof ConfigError ? error.message : `Fehler: ${(error as Error).message}`);
    return 1;
  }
}
