import { z } from 'zod';
import { demoInsurers } from './core/config/insurers.ts';
import { demoIkRegions, type IkRegionMap } from './modules/ik-register/regions.ts';
import { parseIdentClients, type IdentClient } from './modules/ident-provider/clients.ts';

const port = z.coerce.number().int().min(0).max(65535);
const url = (protocols: string[]) =>
  z.string().refine((v) => {
    try {
      return protocols.includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, `muss eine URL mit ${protocols.join(' oder ')} sein`);

const env = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  PUBLIC_URL: url(['http:', 'https:']).optional(),
  PFORTE_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  SMTP_URL: url(['smtp:', 'smtps:']).optional(),
  MAILBOX_SMTP_PORT: port.default(2525),
  /** the embedded mailbox's key when HOST is not loopback; without it one is made and kept in the data directory */
  MAILBOX_KEY: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/, 'muss 16 bis 128 Zeichen aus A-Z, a-z, 0-9, _ und - lang sein').optional(),
  MAIL_FROM: z.string().email().default('noreply@pforte.example'),
  FILE_ENCRYPTION_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, 'muss 64 Hex-Zeichen (32 Byte) lang sein').optional(),
  SESSION_SECRET: z.string().min(32, 'muss mindestens 32 Zeichen lang sein').optional(),
  SUPPORT_PHONE: z.string().min(1).default('0800 00 01 692'),
  SUPPORT_EMAIL: z.string().email().default('mein-aok-arbeitgeberservice@itscare.de'),
  INSURER_BRAND: z.string().min(1).default('AOK'),
  PARTNER_SUPPORT_PHONE: z.string().min(1).default('0800/7236598'),
  PARTNER_SUPPORT_EMAIL: z.string().email().default('Support-OSLE@itscare.de'),
  EAVIS_PHONE: z.string().min(1).default('089/62730-144'),
  EAVIS_EMAIL: z.string().email().default('eAvise-OSLE@by.aok.de'),
  EAVIS_CONTACT: z.string().min(1).default('AOK Bayern - Die Gesundheitskasse Bereich Finanzen'),
  /** which insurer takes IK region 05 when the register does not say Rheinland or Westfalen-Lippe */
  IK_REGION_05_DEFAULT: z.string().min(1).default('rh'),
  /** which insurer takes IK region 00 (abroad) */
  IK_REGION_00_DEFAULT: z.string().min(1).default('by'),
  /** which insurer checks and releases the Jobmaster's employers (manual 004: AOK Rheinland/Hamburg) */
  JOBMASTER_INSURER: z.string().min(1).default('rh'),
  /** further OpenID Connect clients of the AOK Ident besides the built-in ePA client: a JSON array (README) */
  IDENT_CLIENTS: z.string().optional(),
  // `true` is one proxy; a number counts the proxies in front (a CDN before the load balancer: 2)
  TRUST_PROXY: z.string().regex(/^(true|false|[0-5])$/, 'muss true, false oder die Zahl der Proxys davor (0 bis 5) sein').default('false'),
  /** the only way to read /metrics on the public listener: `Authorization: Bearer …` (from anywhere, this host too) */
  METRICS_TOKEN: z.string().regex(/^[\x21-\x7e]{32,512}$/, 'muss 32 bis 512 druckbare Zeichen ohne Leerzeichen lang sein').optional(),
  /** a second listener on 127.0.0.1 that serves /metrics only, without a token (a scraper on this host) */
  METRICS_PORT: port.optional(),
  /** on SIGTERM, how long requests in flight may take before their connections are cut */
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(300).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof env>;

export interface Config extends Env {
  publicUrl: string;
  insurers: typeof demoInsurers;
  /** IK region digits (3–4) → responsible insurer; region 05 and 00 per the defaults above */
  ikRegions: IkRegionMap;
  embeddedDatabase: boolean;
  embeddedMailbox: boolean;
  /**
   * How many proxies in front of us append to X-Forwarded-For (0: none, the socket's address is
   * the client). Only that many hops are believed: trusting every hop would let a client write
   * the address the limits and the mails use.
   */
  trustProxy: number;
  /** the AOK Ident's clients from IDENT_CLIENTS (the ePA client is built in) */
  identClients: IdentClient[];
}

export class ConfigError extends Error {}

/**
 * A wrong value as the start's error line may show it: logs are read by more people than the
 * secrets' owners, so a secret is never echoed (a typo in it is still a secret), nor a URL
 * with credentials.
 */
function shown(name: string, value: string): string {
  if (/SECRET|KEY|TOKEN|PASSWORD/.test(name)) return '(verborgen)';
  // a wrong URL may be wrong exactly where its password holds an unencoded / @ # or ?, so no
  // pattern can be trusted to find the password's end: a URL with credentials is not shown at all
  if (value.includes('@')) return '(verborgen, enthält Zugangsdaten)';
  return JSON.stringify(value);
}

/** Validates the environment once at start; the first wrong variable stops the start with one line. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = env.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? '?');
    throw new ConfigError(`Ungültige Konfiguration: ${name}=${shown(name, cleaned[name] ?? '')} ${issue.message}`);
  }
  const e = parsed.data;
  if (!demoInsurers.some((i) => i.id === e.JOBMASTER_INSURER)) {
    throw new ConfigError(`Ungültige Konfiguration: JOBMASTER_INSURER=${JSON.stringify(e.JOBMASTER_INSURER)} ist keine bekannte Kasse`);
  }
  let identClients: IdentClient[];
  try {
    identClients = parseIdentClients(e.IDENT_CLIENTS);
  } catch (error) {
    throw new ConfigError(`Ungültige Konfiguration: IDENT_CLIENTS ${(error as Error).message}`);
  }
  if (e.METRICS_PORT !== undefined && e.METRICS_PORT !== 0 && e.METRICS_PORT === e.PORT) {
    throw new ConfigError(`Ungültige Konfiguration: METRICS_PORT=${e.METRICS_PORT} ist schon PORT; die Metriken brauchen einen eigenen Port`);
  }
  const shownHost = e.HOST === '0.0.0.0' || e.HOST === '::' ? '127.0.0.1' : e.HOST;
  return {
    ...e,
    publicUrl: (e.PUBLIC_URL ?? `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${e.PORT}`).replace(/\/$/, ''),
    insurers: demoInsurers,
    ikRegions: checkIkRegions(demoIkRegions(e.IK_REGION_05_DEFAULT, e.IK_REGION_00_DEFAULT), demoInsurers.map((i) => i.id)),
    embeddedDatabase: !e.DATABASE_URL,
    embeddedMailbox: !e.SMTP_URL,
    trustProxy: e.TRUST_PROXY === 'true' ? 1 : e.TRUST_PROXY === 'false' ? 0 : Number(e.TRUST_PROXY),
    identClients,
  };
}

function checkIkRegions(map: IkRegionMap, insurerIds: string[]): IkRegionMap {
  for (const [region, entry] of Object.entries(map.regions)) {
    if (!insurerIds.includes(entry)) throw new ConfigError(`Ungültige Konfiguration: IK-Region ${region} verweist auf die unbekannte Kasse ${JSON.stringify(entry)}`);
  }
  for (const id of [map.rheinland, map.westfalenLippe]) {
    if (!insurerIds.includes(id)) throw new ConfigError(`Ungültige Konfiguration: unbekannte Kasse ${JSON.stringify(id)} für Nordrhein-Westfalen`);
  }
  return map;
}
