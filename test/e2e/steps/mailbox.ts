/** Reading a mail as a person does: the embedded mailbox (/mailbox) in the browser, the mail's links in its frame. */
import assert from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import type { MailSummary } from '../../support/mailbox.ts';
import { escapeRegExp, heading } from './page.ts';

export interface OpenMailOptions {
  /** called on the inbox before the mail is opened (a picture of the list) */
  onInbox?: (page: Page) => Promise<void>;
  timeoutMs?: number;
}

/**
 * Waits for the mail (the job queue delivers it a moment later, like the postman), opens the
 * inbox and the mail by its subject (a part of it, or a pattern), and returns the subject and the
 * mail's HTML frame once it shows "Guten Tag,". A subject given as text must name one mail.
 */
export async function openMailInMailbox(page: Page, baseUrl: string, to: string, subject: string | RegExp, options: OpenMailOptions = {}): Promise<{ subject: string; mail: FrameLocator }> {
  const matches = (m: MailSummary) => m.to.toLowerCase().includes(to.toLowerCase()) && (typeof subject === 'string' ? m.subject.includes(subject) : subject.test(m.subject));
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  let hit: MailSummary | undefined;
  while (!hit) {
    const list = (await (await fetch(`${baseUrl}/mailbox/api/messages`)).json()) as MailSummary[];
    hit = list.find(matches);
    if (!hit) {
      assert.ok(Date.now() < deadline, `no mail to ${to} with a subject like ${subject}: ${list.map((m) => `${m.to}: ${m.subject}`).join('; ')}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  await page.goto(`${baseUrl}/mailbox`);
  await heading(page, 'Posteingang', 1);
  const rows = page.getByRole('row').filter({ hasText: to }).filter({ hasText: typeof subject === 'string' ? subject : hit.subject });
  if (typeof subject === 'string') assert.equal(await rows.count(), 1, `one mail "${subject}" to ${to}`);
  await options.onInbox?.(page);
  await rows.first().getByRole('link', { name: hit.subject, exact: true }).click();
  await page.waitForURL(/\/mailbox\/\d+$/);
  await heading(page, new RegExp(`^${escapeRegExp(hit.subject)}$`), 1);
  const mail = page.frameLocator('iframe[title="E-Mail (HTML)"]');
  await mail.locator('body').getByText('Guten Tag,').waitFor();
  return { subject: hit.subject, mail };
}

/** Clicks a link in the mail (it navigates the top window) and waits for the page it leads to. */
export async function followMailLink(page: Page, mail: FrameLocator, name: string, where: RegExp): Promise<void> {
  await mail.getByRole('link', { name, exact: true }).click();
  await page.waitForURL(where);
}
