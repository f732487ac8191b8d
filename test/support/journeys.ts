import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestSystem } from './system.ts';
import { FormClient } from './browser-client.ts';
import { linkAfter, waitForMail } from './mailbox.ts';
import { runAuthenticator } from '../../src/apps/authenticator/cli.ts';
import { main as pforteCli } from '../../src/cli.ts';

export const PASSWORD = 'Korrekt-Pferd-Batterie-42';
let counter = 0;

export function person(overrides: Record<string, string> = {}) {
  counter += 1;
  return {
    insurerId: 'by',
    betriebsnummer: '09912342',
    salutation: 'Frau',
    title: 'Dr.',
    firstName: 'Jürgen',
    lastName: 'Weiß',
    email: `admin${counter}.${Date.now()}@firma-beispiel.de`,
    password: PASSWORD,
    passwordRepeat: PASSWORD,
    termsAccepted: 'ja',
    privacyAccepted: 'ja',
    ...overrides,
  };
}

/** Registers through the form and confirms through the mail, as a person does. */
export async function registerAndConfirm(t: TestSystem, fields = person()) {
  const client = new FormClient(t.baseUrl);
  await client.get('/arbeitgeber/registrierung');
  await client.postForm(fields, '/arbeitgeber/registrierung');
  assert.equal(client.lastStatus, 200);
  const mail = await waitForMail(t.baseUrl, fields.email, { subject: 'Bestätigung Ihrer E-Mail-Adresse' });
  await client.get(linkAfter(mail.text, 'Bestätigung E-Mail-Adresse:'));
  assert.equal(client.lastStatus, 200);
  return { client, mail, fields };
}

/**
 * Reads the activation code from the page "Geräteregistrierung", as the user reads it off the
 * screen: opening the page shows a button, the button (a POST) shows a new code.
 */
export async function readActivationCode(client: FormClient, portal = 'arbeitgeber'): Promise<string> {
  await client.get(`/${portal}/registrierung/geraet/aktivierungscode`);
  assert.equal(client.lastStatus, 200);
  assert.doesNotMatch(client.lastHtml, /data-code=/, 'opening the page makes no code');
  await client.postForm({}, `/${portal}/registrierung/geraet/aktivierungscode`);
  assert.equal(client.lastStatus, 200);
  const m = client.lastHtml.match(/data-code="(\d{8})"/);
  assert.ok(m, 'activation code on the page');
  return m[1]!;
}

/** Runs the terminal app in-process and collects what it prints. */
export async function authenticator(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAuthenticator(args, { out: (l) => out.push(l), err: (l) => err.push(l), sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 200))) });
  return { code, out, err };
}

export const PIN = '470815';

/** Register, confirm, register the terminal app as device, have the account activated: ready to log in. */
export async function activatedEmployer(t: TestSystem, fields = person()) {
  const { client } = await registerAndConfirm(t, fields);
  const code = await readActivationCode(client);
  const state = mkdtempSync(join(tmpdir(), 'pforte-auth-'));
  const activation = await authenticator(['activate', '--server', t.baseUrl, '--email', fields.email, '--activation-code', code, '--pin', PIN, '--state', state]);
  assert.equal(activation.code, 0, activation.err.join('\n'));
  const lines: string[] = [];
  assert.equal(await pforteCli(['accounts', 'activate', '--email', fields.email, '--portal', 'arbeitgeber'], { database: t.system.database, out: (l) => lines.push(l) }), 0);
  return { client, fields, state };
}

/** An activated employer signed in over HTTP: password, then the security code the terminal app reads. */
export async function signedInEmployer(t: TestSystem, fields = person()) {
  const activated = await activatedEmployer(t, fields);
  const client = new FormClient(t.baseUrl);
  await client.get('/arbeitgeber/login');
  await client.postForm({ email: fields.email, password: fields.password }, '/arbeitgeber/login');
  const shown = await authenticator(['code', '--server', t.baseUrl, '--email', fields.email, '--pin', PIN, '--state', activated.state]);
  await client.postForm({ code: shown.out[0]! }, '/sicherheitscode');
  assert.match(client.lastUrl, /startseite$/);
  return { ...activated, client };
}

/** The file behind the link downloads as an attachment, and is a PDF. */
export async function assertPdfAttachment(client: FormClient, href: string): Promise<void> {
  const download = await client.get(href);
  assert.equal(Buffer.from(await download.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');
  assert.match(download.headers.get('content-disposition') ?? '', /^attachment/);
}

/** Opens a reply in a portal's postbox and downloads its PDF attachment; once read nothing is unread, then it is marked unread again. */
export async function readReplyThenMarkUnread(client: FormClient, portal: string, href: string, says: RegExp[]): Promise<void> {
  await client.get(href);
  for (const sentence of says) assert.match(client.text(), sentence);
  const file = client.lastHtml.match(new RegExp(`href="(/${portal}/postfach/[^"]+/anhaenge/[^"]+)"`))![1]!;
  await assertPdfAttachment(client, file);
  await client.get(`/${portal}/startseite`);
  assert.match(client.text(), /Keine ungelesenen Nachrichten/);
  await client.get(href);
  await client.postForm({}, '/ungelesen');
}
