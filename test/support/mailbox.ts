export interface MailSummary {
  id: string;
  from: string;
  to: string;
  subject: string;
  date: string;
}
export interface Mail extends MailSummary {
  text: string;
  html: string | null;
}

/** Reads the embedded mailbox over its JSON API, waiting for delivery by the job queue. */
export async function waitForMail(baseUrl: string, to: string, options: { subject?: string; after?: string; timeoutMs?: number } = {}): Promise<Mail> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  for (;;) {
    const list = (await (await fetch(`${baseUrl}/mailbox/api/messages`)).json()) as MailSummary[];
    const hit = list.find(
      (m) =>
        m.to.toLowerCase().includes(to.toLowerCase()) &&
        (!options.subject || m.subject.includes(options.subject)) &&
        (!options.after || BigInt(m.id) > BigInt(options.after)),
    );
    if (hit) return (await (await fetch(`${baseUrl}/mailbox/api/messages/${hit.id}`)).json()) as Mail;
    if (Date.now() > deadline) throw new Error(`no mail to ${to} (${options.subject ?? 'any subject'}) arrived`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

export async function mailsTo(baseUrl: string, to: string): Promise<MailSummary[]> {
  const list = (await (await fetch(`${baseUrl}/mailbox/api/messages`)).json()) as MailSummary[];
  return list.filter((m) => m.to.toLowerCase().includes(to.toLowerCase()));
}

export function linkAfter(text: string, label: string): string {
  const i = text.indexOf(label);
  if (i < 0) throw new Error(`no "${label}" in mail`);
  const m = text.slice(i).match(/https?:\/\/\S+/);
  if (!m) throw new Error(`no link after "${label}"`);
  return m[0];
}
