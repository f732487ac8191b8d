import type { MailMessage } from '../mail/outbox.ts';
import { english } from './catalogue.ts';
import { translateHtml } from './translate-html.ts';

/** A line that ends in a link: the words before it are translated, the link stays. */
const LINE_WITH_LINK = /^(.*?)(\s*)(https?:\/\/\S+)$/;

function translateLine(line: string): string {
  if (!line.trim()) return line;
  const m = line.match(LINE_WITH_LINK);
  if (m) {
    const words = m[1]!.trim() ? english(m[1]!) : undefined;
    return words === undefined ? line : `${words}${m[2]}${m[3]}`;
  }
  return english(line) ?? line;
}

/** A mail written in German, in English: subject, text line by line, html like a page. */
export function translateMail(message: MailMessage): MailMessage {
  return {
    subject: english(message.subject) ?? message.subject,
    text: message.text.split('\n').map(translateLine).join('\n'),
    html: message.html ? translateHtml(message.html, english, 'en') : message.html,
  };
}
