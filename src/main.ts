import { ConfigError, loadConfig } from './config.ts';
import { startSystem } from './composition.ts';
import { ensureDemoAdmin } from './portals/backoffice/staff/demo-admin.ts';
import { seedJobmasterDemo } from './modules/job-search/demo.ts';
import { seedInsuredDemo } from './modules/insured/demo.ts';
import { seedEpaRecordsDemo } from './modules/epa-records/demo.ts';
import { berlinDateTime } from './modules/insured/letter.ts';
import { IDENT_APP_PATH } from './apps/ident/page.tsx';
import { identPath } from './modules/ident-provider/paths.ts';
import { listenControl, type ControlServer } from './core/control/channel.ts';
import { runOperatorRequest } from './cli.ts';

/** Start: config → database → migrations → jobs → mail → server; drains and stops gracefully on SIGINT/SIGTERM. */
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const system = await startSystem(config).catch((error: Error) => {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  });
  const admin = config.embeddedDatabase ? await ensureDemoAdmin(system.deps.staff, config.PFORTE_DATA_DIR) : null;
  // the demo register of institutions, like the demo administrator only with the embedded database
  if (config.embeddedDatabase) await system.deps.ikRegister.seedDemo();
  // the demo Jobmaster (employers and postings across Germany), likewise
  if (config.embeddedDatabase) await seedJobmasterDemo({ ...system.deps, insurerId: config.insurers[0]!.id });
  // insured persons registered for the ePA, with their activation letters in the data directory, likewise
  const demoInsured = config.embeddedDatabase ? await seedInsuredDemo(system.deps.insured, { insurerId: config.insurers[0]!.id, dataDir: config.PFORTE_DATA_DIR }) : [];
  // their ePA records get a few documents of different Typ and Autor (once; a restart adds none)
  if (config.embeddedDatabase) await seedEpaRecordsDemo(system.deps, demoInsured, config.insurers[0]!.name);
  // operator commands (`npx pforte …`) run here while the server holds the embedded database
  let control: ControlServer | null = null;
  if (config.embeddedDatabase) {
    const { deps } = system;
    control = await listenControl(config.PFORTE_DATA_DIR, (request, out) =>
      runOperatorRequest(request, { db: deps.db, clock: deps.clock, config, fileKey: () => deps.fileKey, portals: () => deps.portals, out }),
    ).catch((error: Error) => {
      console.error(`Steuerkanal nicht verfügbar (${error.message}); Betriebsbefehle brauchen einen gestoppten Server.`);
      return null;
    });
  }
  const address = await system.app.listen({ host: config.HOST, port: config.PORT });
  const base = config.publicUrl;
  console.log(`Pforte läuft auf ${address}`);
  for (const portal of system.deps.portals.all()) console.log(`  ${`${portal.bannerLabel}:`.padEnd(20)} ${base}${portal.base}/`);
  if (system.mailboxSmtpPort !== null) {
    // beyond loopback the mailbox needs its key: the address carries it once, a cookie keeps it
    const mailbox = system.mailboxKey ? `${base}/mailbox?key=${system.mailboxKey}` : `${base}/mailbox`;
    console.log(`  Postfach (Mailbox):  ${mailbox}  (SMTP 127.0.0.1:${system.mailboxSmtpPort})`);
  }
  console.log(`  Backoffice:          ${base}/backoffice`);
  console.log(`  2-Faktor-App:        ${base}/app/`);
  console.log(`  AOK Ident-App:       ${base}${IDENT_APP_PATH}`);
  console.log(`  AOK Ident (OpenID):  ${base}${identPath('/.well-known/openid-configuration')}`);
  if (system.metricsServer) console.log(`  Metriken (intern):   ${system.metricsServer.url}  (nur von diesem Rechner)`);
  console.log(`  Datenbank:           ${config.embeddedDatabase ? `PGlite in ${config.PFORTE_DATA_DIR}` : 'PostgreSQL (DATABASE_URL)'}`);
  if (admin) {
    console.log(`  Demo-Administrator:  ${admin.email} / ${admin.password}`);
    console.log(`    TOTP (base32):     ${admin.secret}`);
    console.log(`    TOTP (otpauth):    ${admin.uri}`);
  }
  if (demoInsured.length) console.log('  Demo-Versicherte (für die ePA registriert; Versichertennummer, Name, Aktivierungscode, Brief):');
  for (const p of demoInsured) {
    console.log(`    ${p.kvnr}  ${p.name.padEnd(18)} ${p.code ? `${p.code}  (gültig bis ${berlinDateTime(p.expiresAt!)})` : 'gesperrt, kein Aktivierungsbrief'}`);
    if (p.path) console.log(`      ${p.path}`);
  }

  // The drain: /readyz answers 503 at once, so a load balancer sends the next requests elsewhere; the
  // server takes no new connection; requests in flight end (SHUTDOWN_TIMEOUT_SECONDS, then they are cut);
  // then the jobs stop and the database closes. A shutdown that hangs past that ends the process anyway.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    system.drain();
    console.log(`${signal} empfangen, Pforte wird beendet (laufende Anfragen bis zu ${config.SHUTDOWN_TIMEOUT_SECONDS} s) …`);
    const graceMs = config.SHUTDOWN_TIMEOUT_SECONDS * 1000;
    const timer = setTimeout(() => process.exit(1), graceMs + 15_000);
    timer.unref();
    await control?.close();
    await system.close({ graceMs });
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => {
  console.error('Pforte konnte nicht starten:', error instanceof Error ? error.message : error);
  process.exit(1);
});
