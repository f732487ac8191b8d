import type { MailMessage } from '../../core/mail/outbox.ts';
import { compose, type MailBlock } from '../registration/mails.ts';
import type { SearchHit } from '../job-search/service.ts';
import { alertTitle } from './words.ts';
import type { Alert } from './service.ts';

/** The day's mail of a Suchauftrag: its new postings with their links, and how to stop it. */
export function alertMail(input: { alert: Alert; hits: SearchHit[]; postingUrl: (id: string) => string; searchUrl: string; unsubscribeUrl: string }): MailMessage {
  const { alert, hits } = input;
  const count = hits.length === 1 ? 'ein neues Stellenangebot' : `${hits.length} neue Stellenangebote`;
  const blocks: MailBlock[] = [
    'Guten Tag,',
    `zu Ihrem Suchauftrag „${alertTitle(alert)}“ gibt es ${count}:`,
    ...hits.map((h): MailBlock => ({ link: `${h.title} – ${h.companyName}, ${h.postalCode} ${h.city}`, href: input.postingUrl(h.id) })),
    { button: 'Alle Treffer ansehen', href: input.searchUrl },
    'Sie erhalten diese E-Mail, weil Sie im Jobmaster einen Suchauftrag angelegt haben. Wenn Sie keine E-Mails zu diesem Suchauftrag mehr erhalten möchten, können Sie ihn hier abbestellen:',
    { link: 'Suchauftrag abbestellen', href: input.unsubscribeUrl },
  ];
  return compose('Neue Stellenangebote zu Ihrem Suchauftrag', blocks);
}
