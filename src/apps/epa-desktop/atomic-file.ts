import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A write still under way (or cut off by a crash): `<name>.<random>.tmp` beside its file. */
export const TEMP_SUFFIX = '.tmp';

/**
 * Replaces `path` with `bytes` so that a crash at any moment leaves either the old file or the new
 * one, never a part: the bytes go to a temporary file in the same folder, are flushed to the disk,
 * and only then take the file's name by rename (atomic within one file system). The folder is
 * flushed too, where the system allows it, so the rename itself survives a power cut.
 */
export function writeFileAtomic(path: string, bytes: Uint8Array): void {
  const temp = join(dirname(path), `${basename(path)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', 0o600);
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  syncFolder(dirname(path));
}

function syncFolder(dir: string): void {
  if (process.platform === 'win32') return;
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // some file systems refuse fsync on a folder; the rename is atomic all the same
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
