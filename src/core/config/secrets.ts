import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Config } from '../../config.ts';
import { ConfigError } from '../../config.ts';

export interface Secrets {
  fileKey: Buffer;
  sessionSecret: string;
}

/**
 * Production passes both secrets in the environment. The embedded default makes
 * them once and keeps them in the data directory, so a restart can still read its files.
 */
export function loadSecrets(config: Config): Secrets {
  if (config.FILE_ENCRYPTION_KEY && config.SESSION_SECRET) {
    return { fileKey: Buffer.from(config.FILE_ENCRYPTION_KEY, 'hex'), sessionSecret: config.SESSION_SECRET };
  }
  if (!config.embeddedDatabase) {
    const missing = config.FILE_ENCRYPTION_KEY ? 'SESSION_SECRET' : 'FILE_ENCRYPTION_KEY';
    throw new ConfigError(`Ungültige Konfiguration: ${missing} fehlt (mit DATABASE_URL erforderlich)`);
  }
  mkdirSync(config.PFORTE_DATA_DIR, { recursive: true });
  const path = join(config.PFORTE_DATA_DIR, 'secrets.json');
  if (!existsSync(path)) {
    const fresh = { fileKey: randomBytes(32).toString('hex'), sessionSecret: randomBytes(32).toString('base64url') };
    writeFileSync(path, JSON.stringify(fresh), { mode: 0o600 });
  }
  const stored = JSON.parse(readFileSync(path, 'utf8')) as { fileKey: string; sessionSecret: string };
  return {
    fileKey: Buffer.from(config.FILE_ENCRYPTION_KEY ?? stored.fileKey, 'hex'),
    sessionSecret: config.SESSION_SECRET ?? stored.sessionSecret,
  };
}
