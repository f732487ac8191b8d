import { z } from 'zod';
import { demoInsurers } from './platform/config/insurers.ts';

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
  MAIL_FROM: z.string().email().default('noreply@pforte.example'),
  FILE_ENCRYPTION_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, 'muss 64 Hex-Zeichen (32 Byte) lang sein').optional(),
  SESSION_SECRET: z.string().min(32, 'muss mindestens 32 Zeichen lang sein').optional(),
  SUPPORT_PHONE: z.string().min(1).default('0800 00 01 692'),
  SUPPORT_EMAIL: z.string().email().default('mein-aok-arbeitgeberservice@itscare.de'),
  INSURER_BRAND: z.string().min(1).default('AOK'),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof env>;

export interface Config extends Env {
  publicUrl: string;
  insurers: typeof demoInsurers;
  embeddedDatabase: boolean;
  embeddedMailbox: boolean;
  trustProxy: boolean;
}

export class ConfigError extends Error {}

/** Validates the environment once at start; the first wrong variable stops the start with one line. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = env.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? '?');
    throw new ConfigError(`Ungültige Konfiguration: ${name}=${JSON.stringify(cleaned[name] ?? '')} ${issue.message}`);
  }
  const e = parsed.data;
  const shownHost = e.HOST === '0.0.0.0' || e.HOST === '::' ? '127.0.0.1' : e.HOST;
  return {
    ...e,
    publicUrl: (e.PUBLIC_URL ?? `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${e.PORT}`).replace(/\/$/, ''),
    insurers: demoInsurers,
    embeddedDatabase: !e.DATABASE_URL,
    embeddedMailbox: !e.SMTP_URL,
    trustProxy: e.TRUST_PROXY === 'true',
  };
}
