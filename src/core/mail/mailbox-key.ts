import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Config } from '../../config.ts';

/** 127.0.0.0/8, ::1 (also as ::ffff:127.x), localhost: only this machine can reach the port. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) {
    // the URL parser writes every spelling of an address the same way (::1, [::ffff:7f00:1])
    const n = new URL(`http://[${h}]`).hostname;
    return n === '[::1]' || /^\[::ffff:7f[0-9a-f]{2}:/.test(n);
  }
  return false;
}

/**
 * The embedded mailbox holds every reset and status link, so a server that listens beyond this
 * machine (HOST=0.0.0.0 for a phone on the same network) guards it with a key: MAILBOX_KEY, or a
 * random one kept in the data directory like the other embedded secrets. Loopback needs none.
 */
export function loadMailboxKey(config: Pick<Config, 'HOST' | 'MAILBOX_KEY' | 'PFORTE_DATA_DIR'>): string | null {
  if (isLoopbackHost(config.HOST)) return null;
  if (config.MAILBOX_KEY) return config.MAILBOX_KEY;
  mkdirSync(config.PFORTE_DATA_DIR, { recursive: true });
  const path = join(config.PFORTE_DATA_DIR, 'mailbox-key');
  if (!existsSync(path)) writeFileSync(path, randomBytes(24).toString('base64url'), { mode: 0o600 });
  return readFileSync(path, 'utf8').trim();
}
