import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { openDatabase, migrate, type DatabaseHandle, type Db } from './core/db/database.ts';
import { DataDirLockedError } from './core/control/data-dir-lock.ts';
import { askServer, controlSocketPath, type ControlRequest } from './core/control/channel.ts';
import { ManualClock, systemClock, type Clock } from './core/clock/clock.ts';
import { createAudit } from './core/audit/audit.ts';
import { runRetention } from './modules/registration/retention.ts';
import { createStaff } from './core/staff/service.ts';
import { loadSecrets } from './core/config/secrets.ts';
import { demoInsurers } from './core/config/insurers.ts';
import { AppError } from './core/errors/app-error.ts';
import { t } from './core/i18n/de.ts';
import { createIkRegister, describeImportError } from './modules/ik-register/service.ts';
import { activateAccount as activate } from './modules/registration/activation.ts';
import type { PortalRegistry } from './core/portal/registry.ts';
import { definePortals } from './composition.ts';
import { releaseFailedMails } from './core/mail/outbox.ts';
import { readFile } from 'node:fs/promises';
import { createSigningKeys } from './modules/ident-provider/signing-keys.ts';

const USAGE = `Verwendung:
  pforte jobs run retention [--now <ISO-Zeitpunkt>]   löscht Registrierungen, die nach 30 Tagen nicht abgeschlossen sind
  pforte accounts activate --email E --portal P       schaltet einen Zugang frei (wie die Prüfung durch die AOK im Back Office)
  pforte staff add --email E --password P --role admin|clerk [--aok ID] [--name N]
                                                      legt einen Zugang für Mitarbeitende an und zeigt das TOTP-Geheimnis
  pforte ik-register import DATEI                     importiert das IK-Register aus einer CSV-Datei (alles oder nichts)
  pforte mail retry                                   sendet fehlgeschlagene E-Mails erneut
  pforte ident-keys rotate [--immediately | --retire KID]
                                                      erneuert den Signaturschlüssel der AOK Ident (sofort; oder zieht einen Schlüssel zurück)

Die Datenbank kommt aus der Konfiguration (DATABASE_URL oder PGlite in PFORTE_DATA_DIR).
Läuft der Server auf PFORTE_DATA_DIR, führt er den Befehl aus (über PFORTE_DATA_DIR/control.sock).`;

/** What a command works with: the open database, here or inside the running server. */
export interface CommandContext {
  db: Db;
  clock: Clock;
  config: Config;
  /** made on first use: only some commands need the file key */
  fileKey(): Buffer;
  /** the portals' definitions, as the server has them (the server's own when it runs the command) */
  portals(): PortalRegistry;
  out(line: string): void;
}

export interface CommandInput {
  values: Record<string, string | boolean | undefined>;
  /** the positionals after the command's words */
  positionals: string[];
  /** files named on the command line, read by the CLI: the server may not share its working directory */
  files: Map<string, Buffer>;
}

export interface OperatorCommand {
  /** the words that name it, e.g. 'jobs run retention' */
  words: string;
  /** its first positional names a file that the CLI reads and sends along */
  file?: boolean;
  /** a wrong call, found before anything is opened: the line to print (exit 2) */
  check?(input: CommandInput): string | null;
  run(input: CommandInput, ctx: CommandContext): Promise<number>;
}

/** Every operator command, run by the CLI on a database it opened or by the server over the control channel. */
export const operatorCommands: OperatorCommand[] = [
  { words: 'jobs run retention', check: checkRetention, run: retention },
  { words: 'accounts activate', check: checkActivate, run: activateAccount },
  { words: 'staff add', check: checkAddStaff, run: addStaff },
  { words: 'ik-register import', file: true, check: checkIkImport, run: importIkRegister },
  { words: 'mail retry', run: retryMail },
  { words: 'ident-keys rotate', check: checkRotateKeys, run: rotateIdentKeys },
];

const argOptions = {
  now: { type: 'string' },
  help: { type: 'boolean' },
  email: { type: 'string' },
  portal: { type: 'string' },
  password: { type: 'string' },
  role: { type: 'string' },
  aok: { type: 'string' },
  name: { type: 'string' },
  immediately: { type: 'boolean' },
  retire: { type: 'string' },
} as const;

function findCommand(argv: string[]): { command: OperatorCommand; values: CommandInput['values']; positionals: string[] } | { help: boolean } {
  const { values, positionals } = parseArgs({ args: argv, options: argOptions, allowPositionals: true, strict: false });
  const command = operatorCommands.find((c) => c.words.split(' ').every((word, i) => positionals[i] === word));
  if (!command || values.help) return { help: values.help === true };
  return { command, values, positionals: positionals.slice(command.words.split(' ').length) };
}

/**
 * Operator and test entry point; returns the exit code. `database` lets tests pass an open one.
 * Otherwise, with the embedded database, a running server is asked first (it holds the data
 * directory); without one the CLI takes the directory's lock and opens it itself.
 */
export async function main(
  argv: string[],
  options: { database?: DatabaseHandle; fileKey?: Buffer; out?: (line: string) => void; err?: (line: string) => void; clock?: Clock } = {},
): Promise<number> {
  const out = options.out ?? ((line: string) => console.log(line));
  const err = options.err ?? (options.out ? out : (line: string) => console.error(line));
  const found = findCommand(argv);
  if (!('command' in found)) {
    out(USAGE);
    return found.help ? 0 : 2;
  }
  const { command, values, positionals } = found;
  const input: CommandInput = { values, positionals, files: new Map() };
  const wrong = command.check?.(input) ?? null;
  if (wrong !== null) {
    out(wrong);
    return 2;
  }
  const file = command.file ? positionals[0] : undefined;
  if (file !== undefined) {
    try {
      input.files.set(file, await readFile(file));
    } catch (error) {
      out(`Die Datei ${file} lässt sich nicht lesen (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
      return 1;
    }
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    out(error instanceof ConfigError ? error.message : `Fehler: ${(error as Error).message}`);
    return 1;
  }
  const clock = options.clock ?? systemClock;
  const context = (database: DatabaseHandle): CommandContext => ({
    db: database.db,
    clock,
    config,
    fileKey: () => options.fileKey ?? loadSecrets(config).fileKey,
    portals: () => definePortals(config, { db: database.db, clock, ikRegister: createIkRegister({ db: database.db, clock, audit: createAudit(database.db, clock), config }) }),
    out,
  });
  if (options.database) return runCommand(command, input, context(options.database));

  if (config.embeddedDatabase) {
    const answered = await askServer(config.PFORTE_DATA_DIR, { argv, files: input.files }, out);
    if (answered !== null) return answered;
  }
  let database: DatabaseHandle;
  try {
    database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.PFORTE_DATA_DIR });
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      err(`${error.message} Über ${controlSocketPath(config.PFORTE_DATA_DIR)} antwortet kein Server; der Befehl wurde nicht ausgeführt.`);
    } else {
      err(`Fehler: ${(error as Error).message}`);
    }
    return 1;
  }
  try {
    await migrate(database.db);
    return await runCommand(command, input, context(database));
  } catch (error) {
    out(`Fehler: ${(error as Error).message}`);
    return 1;
  } finally {
    await database.close();
  }
}

/** The control channel's handler: the server runs a command the CLI sent, on its own database and services. */
export async function runOperatorRequest(request: ControlRequest, ctx: CommandContext): Promise<number> {
  const found = findCommand(request.argv);
  if (!('command' in found)) {
    ctx.out(USAGE);
    return 2;
  }
  const input: CommandInput = { values: found.values, positionals: found.positionals, files: request.files };
  const wrong = found.command.check?.(input) ?? null;
  if (wrong !== null) {
    ctx.out(wrong);
    return 2;
  }
  return runCommand(found.command, input, ctx);
}

/** Typed errors print their German text; configuration errors their line; anything else its message. */
async function runCommand(command: OperatorCommand, input: CommandInput, ctx: CommandContext): Promise<number> {
  try {
    return await command.run(input, ctx);
  } catch (error) {
    if (error instanceof AppError) ctx.out(t(error.code));
    else ctx.out(error instanceof ConfigError ? error.message : `Fehler: ${(error as Error).message}`);
    return 1;
  }
}

function checkRetention({ values }: CommandInput): string | null {
  if (values.now === undefined) return null;
  const at = new Date(String(values.now));
  return typeof values.now !== 'string' || Number.isNaN(at.getTime()) ? `Ungültiger Zeitpunkt für --now: ${String(values.now)} (erwartet z. B. 2026-12-24T12:00:00Z)` : null;
}

/** The 30-day retention sweep on demand; --now moves its clock (tests, catching up). */
async function retention({ values }: CommandInput, { db, clock: base, out }: CommandContext): Promise<number> {
  const clock = typeof values.now === 'string' ? new ManualClock(new Date(values.now)) : base;
  const deleted = await runRetention({ db, clock, audit: createAudit(db, clock) });
  out(`retention: ${deleted} Registrierung(en) gelöscht (Stichzeit ${clock.now().toISOString()})`);
  return 0;
}

const text = (values: CommandInput['values'], key: string) => (typeof values[key] === 'string' ? (values[key] as string) : '');

function checkActivate({ values }: CommandInput): string | null {
  return text(values, 'email').trim() && text(values, 'portal') ? null : 'accounts activate braucht --email und --portal (z. B. --portal arbeitgeber)';
}

/**
 * The staff check from the shell (operators, scripts, tests): activates a registered account the
 * way the back office's "Aktivieren" does, with its portal's part (a provider's IK becomes managed),
 * but as an operator's switch: without the check of the steps and without mails.
 */
async function activateAccount({ values }: CommandInput, { db, clock, out, portals }: CommandContext): Promise<number> {
  const email = text(values, 'email').trim().toLowerCase();
  const portal = text(values, 'portal');
  const account = await db.selectFrom('accounts').select(['id', 'status']).where('portal', '=', portal).where('email_normalized', '=', email).executeTakeFirst();
  if (!account) {
    out(`Kein Zugang ${email} im Portal ${portal}.`);
    return 1;
  }
  const definition = portals().get(portal);
  await db.transaction().execute(async (trx) => {
    const registration = await trx.selectFrom('registrations').select(['id', 'identifier', 'insurer_id']).where('account_id', '=', account.id).executeTakeFirst();
    await activate(trx, clock, definition, {
      accountId: account.id,
      registration: registration ? { id: registration.id, identifier: registration.identifier, insurerId: registration.insurer_id } : null,
      staffId: null,
      pendingOnly: false,
    });
    await createAudit(trx, clock).record({ actor: 'operator:cli', action: 'account.activated', subject: account.id });
  });
  out(`${email} (${portal}) ist aktiviert.`);
  return 0;
}

function checkAddStaff({ values }: CommandInput): string | null {
  return text(values, 'email') && text(values, 'password') && text(values, 'role') ? null : 'staff add braucht --email, --password und --role admin|clerk (clerk auch --aok, z. B. --aok by)';
}

/** Creates a staff account and prints its TOTP secret (otpauth:// URI and base32) to enrol an authenticator. */
async function addStaff({ values }: CommandInput, { db, clock, fileKey, out }: CommandContext): Promise<number> {
  const str = (k: string) => text(values, k);
  const staff = createStaff({ db, clock, audit: createAudit(db, clock), key: fileKey(), insurerIds: demoInsurers.map((i) => i.id) });
  const created = await staff.add({ email: str('email'), password: str('password'), role: str('role'), insurerId: str('aok') || null, name: str('name') }, 'operator:cli');
  out(`Zugang für ${str('email')} (${str('role')}) angelegt.`);
  out(`TOTP (otpauth): ${created.uri}`);
  out(`TOTP-Geheimnis (base32): ${created.secret}`);
  return 0;
}

function checkIkImport({ positionals }: CommandInput): string | null {
  return positionals[0] ? null : 'ik-register import braucht eine CSV-Datei, z. B. pforte ik-register import ik-register.csv';
}

/** Imports the IK register from a CSV file, as the back office's upload does; prints the counts or the errors by line. */
async function importIkRegister({ positionals, files }: CommandInput, { db, clock, config, out }: CommandContext): Promise<number> {
  const file = positionals[0]!;
  const bytes = files.get(file);
  if (!bytes) {
    out(`Die Datei ${file} wurde nicht mitgeschickt.`);
    return 2;
  }
  const register = createIkRegister({ db, clock, audit: createAudit(db, clock), config });
  const result = await register.import('operator:cli', bytes, file.split(/[\\/]/).pop() ?? file, null);
  if (!result.ok) {
    for (const e of result.errors) out(describeImportError(e));
    if (result.truncated) out(`Es werden nur die ersten ${result.errors.length} Fehler gezeigt.`);
    out('Es wurde nichts importiert; das IK-Register ist unverändert.');
    return 1;
  }
  out(`IK-Register importiert: ${result.inserted} neu, ${result.updated} aktualisiert.`);
  return 0;
}

/** Failed mails get a fresh set of attempts; the server's mail sweep queues them (every minute, and at its start). */
async function retryMail(_input: CommandInput, { db, out }: CommandContext): Promise<number> {
  const released = await releaseFailedMails(db);
  out(`mail retry: ${released} fehlgeschlagene E-Mail(s) werden erneut gesendet (vom laufenden Server innerhalb einer Minute, sonst nach dem nächsten Start).`);
  return 0;
}

function checkRotateKeys({ values }: CommandInput): string | null {
  if (values.retire !== undefined && (typeof values.retire !== 'string' || values.retire === '')) return 'Bei --retire fehlt die Schlüssel-ID (kid).';
  return values.immediately && values.retire !== undefined ? '--immediately und --retire schließen sich aus (--retire lässt sofort einen neuen Schlüssel signieren).' : null;
}

/**
 * The AOK Ident's signing key on demand. Plain: a successor as in the housekeeping's rotation (in the
 * JWKS now, signing in a day); --immediately: a new key signs now; --retire KID: a suspect key leaves
 * the JWKS now (what it signed no longer verifies), a new key signing now if it was the signing one.
 */
async function rotateIdentKeys({ values }: CommandInput, { db, clock, fileKey, out }: CommandContext): Promise<number> {
  const keys = createSigningKeys({ db, clock, fileKey: fileKey() });
  await keys.state();
  const retire = typeof values.retire === 'string' ? values.retire : undefined;
  const mode = retire !== undefined ? 'retire' : values.immediately ? 'immediately' : 'overlap';
  const result = mode === 'overlap' ? await keys.rotate({ force: true }) : await keys.replaceNow({ retire });
  if (!result) {
    out(`ident-keys rotate: kein Schlüssel mit der ID ${retire}.`);
    return 1;
  }
  await createAudit(db, clock).record({ actor: 'operator:cli', action: 'ident.keys_rotated', data: { mode, added: result.added, removed: result.removed } });
  if (result.added) out(`ident-keys rotate: neuer Schlüssel ${result.added} ${mode === 'overlap' ? 'veröffentlicht, signiert ab morgen' : 'signiert ab sofort'}.`);
  else out('ident-keys rotate: kein neuer Schlüssel (der jüngste signiert noch nicht).');
  for (const kid of result.removed) out(`ident-keys rotate: Schlüssel ${kid} aus dem JWKS entfernt.`);
  return 0;
}
