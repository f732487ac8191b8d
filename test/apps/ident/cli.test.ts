import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseKinds } from '../../support/databases.ts';
import { testSystemFor } from '../../support/system.ts';
import { EXIT, runIdent, type IdentIo } from '../../../src/apps/ident/cli.ts';
import { CODE, newLetter, registered } from '../../modules/ident-devices/support.ts';

/** The program's main() with its output kept and the GesundheitsID-Code on standard input (or typed on a pretend terminal). */
async function ident(args: string[], input: { stdin?: string; typed?: string[] } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const typed = [...(input.typed ?? [])];
  const io: IdentIo = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    sleep: async () => {},
    stdin: async () => input.stdin ?? '',
    askHidden: input.typed ? async () => typed.shift() ?? '' : undefined,
  };
  const code = await runIdent(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

for (const kind of databaseKinds) {
  describe(`pforte-ident, the AOK Ident app for the terminal (${kind})`, () => {
    const t = testSystemFor(kind);

    test('activate with KVNR and the letter’s code, the GesundheitsID-Code from standard input; the key file is for its owner only', async () => {
      const p = await registered(t);
      const data = mkdtempSync(join(tmpdir(), 'pforte-ident-'));
      const bad = await ident(['activate', '--server', t.baseUrl, '--kvnr', p.kvnr, '--code', p.code, '--pin-stdin', '--data', data], { stdin: '123456\n' });
      assert.equal(bad.code, EXIT.usage);
      assert.match(bad.err, /Zahlenreihe/);
      const done = await ident(['activate', '--server', t.baseUrl, '--kvnr', p.kvnr.toLowerCase(), '--code', p.code, '--pin-stdin', '--data', data, '--name', 'Laptop'], { stdin: `${CODE}\n` });
      assert.equal(done.code, EXIT.ok, done.err);
      assert.match(done.out, /^[0-9a-f-]{36}$/);
      assert.match(done.err, /AOK Ident aktiviert für Erika Mustermann/);
      const [file] = readdirSync(data);
      assert.equal(statSync(join(data, file!)).mode & 0o777, 0o600);
      const again = await ident(['activate', '--server', t.baseUrl, '--kvnr', p.kvnr, '--code', p.code, '--pin-stdin', '--data', data], { stdin: `${CODE}\n` });
      assert.equal(again.code, EXIT.refused);
      assert.match(again.err, /bereits verwendet/);
    });

    test('on a terminal the code is asked twice; two that differ stop before anything is sent', async () => {
      const p = await registered(t);
      const data = mkdtempSync(join(tmpdir(), 'pforte-ident-'));
      const args = ['activate', '--server', t.baseUrl, '--kvnr', p.kvnr, '--code', p.code, '--data', data];
      const differ = await ident(args, { typed: [CODE, '470816'] });
      assert.equal(differ.code, EXIT.usage);
      assert.match(differ.err, /stimmen nicht überein/);
      const none = await ident(args);
      assert.equal(none.code, EXIT.usage);
      assert.match(none.err, /--pin-stdin/);
      assert.equal((await ident(args, { typed: [CODE, CODE] })).code, EXIT.ok);
    });

    test('devices lists the person’s devices, remove-device removes one; a wrong code says how many tries are left', async () => {
      const p = await registered(t);
      const laptop = mkdtempSync(join(tmpdir(), 'pforte-ident-'));
      const server = mkdtempSync(join(tmpdir(), 'pforte-ident-'));
      const first = await ident(['activate', '--server', t.baseUrl, '--kvnr', p.kvnr, '--code', p.code, '--pin-stdin', '--data', laptop, '--name', 'Laptop'], { stdin: CODE });
      t.clock.advance(1000);
      const second = await ident(['activate', '--server', t.baseUrl, '--kvnr', p.kvnr, '--code', await newLetter(t, p.id), '--pin-stdin', '--data', server, '--name', 'Server'], { stdin: CODE });
      const listed = await ident(['devices', '--data', laptop, '--pin-stdin'], { stdin: CODE });
      assert.equal(listed.code, EXIT.ok, listed.err);
      assert.deepEqual(listed.out.split('\n').map((l) => l.split('  ').slice(0, 2)), [[first.out, 'Terminal (Laptop)'], [second.out, 'Terminal (Server)']]);
      assert.match(listed.out.split('\n')[0]!, /\(dieses Gerät\)$/);
      const wrong = await ident(['devices', '--data', laptop, '--pin-stdin'], { stdin: '909090' });
      assert.equal(wrong.code, EXIT.wrongCode);
      assert.match(wrong.err, /Verbleibende Versuche: 4/);
      const removed = await ident(['remove-device', second.out, '--server', t.baseUrl, '--kvnr', p.kvnr, '--data', laptop, '--pin-stdin'], { stdin: CODE });
      assert.equal(removed.code, EXIT.ok, removed.err);
      const gone = await ident(['devices', '--data', server, '--pin-stdin'], { stdin: CODE });
      assert.equal(gone.code, EXIT.notActivated);
      // removing this device forgets its key
      assert.equal((await ident(['remove-device', first.out, '--data', laptop, '--pin-stdin'], { stdin: CODE })).code, EXIT.ok);
      assert.deepEqual(readdirSync(laptop), []);
      assert.equal((await ident(['devices', '--data', laptop, '--pin-stdin'], { stdin: CODE })).code, EXIT.notActivated);
    });

    test('wrong calls: no command, a malformed KVNR, an unknown option, a server that does not answer', async () => {
      assert.equal((await ident([])).code, EXIT.usage);
      assert.match((await ident(['--help'])).out, /pforte-ident activate --server URL --kvnr KVNR --code/);
      const kvnr = await ident(['activate', '--server', t.baseUrl, '--kvnr', 'A123456789', '--code', 'X', '--pin-stdin'], { stdin: CODE });
      assert.equal(kvnr.code, EXIT.usage);
      assert.match(kvnr.err, /Prüfziffer/);
      assert.equal((await ident(['devices', '--frobnicate'])).code, EXIT.usage);
      const data = mkdtempSync(join(tmpdir(), 'pforte-ident-'));
      const down = await ident(['activate', '--server', 'http://127.0.0.1:9', '--kvnr', (await registered(t)).kvnr, '--code', 'AAAA-BBBB-CCCC', '--pin-stdin', '--data', data], { stdin: CODE });
      assert.equal(down.code, EXIT.unreachable);
    });
  });
}
