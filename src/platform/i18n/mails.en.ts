/** The mails' German lines and their English, for recipients who registered in English. */
export const mailsEn: Record<string, string> = {
  'Bestätigung E-Mail-Adresse': 'Confirm e-mail address',
  'Bestätigung E-Mail-Adresse:': 'Confirm e-mail address:',
  'Zum Registrierungsstatus →': 'To the registration status →',
  'Zum Postfach:': 'To the postbox:',
  'Guten Tag,': 'Hello,',
  'Mit freundlichen Grüßen': 'Kind regards',
  'wir haben Ihre Daten erfolgreich erfasst. Bitte bestätigen Sie Ihre E-Mail-Adresse innerhalb der nächsten 720 Stunden über folgenden Link:': 'we have recorded your data successfully. Please confirm your e-mail address within the next 720 hours with the following link:',
  'Wenn Sie Ihren aktuellen Registrierungsstatus einsehen wollen oder die Registrierung fortsetzen möchten, verwenden Sie diesen Link:': 'If you want to see your current registration status or continue the registration, use this link:',
  'Bitte schließen Sie die Registrierung innerhalb der nächsten 30 Tage ab, anderenfalls werden Ihre Registrierungsdaten aufgrund gesetzlicher Vorgaben gelöscht. Sie können sich jedoch jederzeit erneut registrieren.': 'Please complete the registration within the next 30 days; otherwise your registration data will be deleted as required by law. You can, however, register again at any time.',
  'Dies ist eine automatisch erzeugte E-Mail. Bitte antworten Sie nicht hierauf, da uns Ihre Nachricht auf diesem Wege nicht erreicht. Bitte nutzen Sie den auf der Website ausgewiesenen technischen Support.': 'This is an automatically generated e-mail. Please do not reply to it, as your message will not reach us this way. Please use the technical support named on the website.',
  'Neue Nachricht in Ihrem Postfach': 'New message in your postbox',
  'Neue Post in Ihrem Postfach': 'New mail in your postbox',
};

/** Mail lines with a name, a link's label or a portal in them. */
export const mailPatternsEn: Record<string, string> = {
  'Bestätigung Ihrer E-Mail-Adresse und Status der Registrierung für „{product}“ als {text}': 'Confirmation of your e-mail address and status of the registration for "{product}" as {text}',
  'Ihre {insurer} - Die Gesundheitskasse': 'Your {insurer} - Die Gesundheitskasse',
  'in Ihrem Postfach in „{portal}“ liegt ein neuer Brief Ihrer AOK für Sie bereit. Aus Gründen des Datenschutzes enthält diese E-Mail keine Inhalte. Bitte melden Sie sich an, um den Brief zu lesen:': 'a new letter from your AOK is waiting for you in your postbox in "{portal}". For data protection reasons this e-mail has no content. Please log in to read the letter:',
  'in Ihrem Postfach in „{portal}“ liegt eine neue Nachricht Ihrer AOK für Sie bereit. Aus Gründen des Datenschutzes enthält diese E-Mail keine Inhalte. Bitte melden Sie sich an, um die Nachricht zu lesen:': 'a new message from your AOK is waiting for you in your postbox in "{portal}". For data protection reasons this e-mail has no content. Please log in to read the message:',
};
