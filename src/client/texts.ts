/**
 * The few texts the browser scripts write themselves, in English when the page is English (the
 * server translates everything else on the way out, src/core/i18n). German is the key.
 */
const EN: Record<string, string> = {
  'Bitte akzeptieren Sie die Nutzungsbedingungen.': 'Please accept the terms of use.',
  'Bitte geben Sie Ihren Benutzernamen bzw. Ihre E-Mail-Adresse ein.': 'Please enter your user name or e-mail address.',
  'Der Aktivierungscode besteht aus acht Ziffern.': 'The activation code consists of eight digits.',
  'Die beiden PINs stimmen nicht überein.': 'The two PINs do not match.',
  'Die Aktivierung ist fehlgeschlagen.': 'The activation failed.',
  'Bitte geben Sie Ihre sechsstellige PIN ein.': 'Please enter your six-digit PIN.',
  'Die Anmeldung ist fehlgeschlagen.': 'The login failed.',
  'Verbleibende Versuche:': 'Attempts left:',
  'Der Sicherheitscode ist abgelaufen. Bitte geben Sie Ihre Login-Daten auf der Anmeldeseite neu ein und klicken Sie anschließend auf „Akzeptieren“. Sie erhalten dann sofort einen neuen Sicherheitscode.':
    'The security code has expired. Please enter your login data again on the login page and then click "Accept". You will then receive a new security code at once.',
  'Es liegt noch keine neue Anmeldung vor. Bitte geben Sie zuerst Ihre Login-Daten auf der Anmeldeseite neu ein.': 'There is no new login yet. Please first enter your login data again on the login page.',
  'Fehler: ': 'Error: ',
  'Der Aktivierungscode besteht aus zwölf Zeichen.': 'The activation code consists of twelve characters.',
  'Die beiden GesundheitsID-Codes stimmen nicht überein.': 'The two GesundheitsID-Codes do not match.',
  'Bitte geben Sie Ihren sechsstelligen GesundheitsID-Code ein.': 'Please enter your six-digit GesundheitsID-Code.',
  'Das Gerät konnte nicht entfernt werden.': 'The device could not be removed.',
  'Die Kamera ist nicht verfügbar oder nicht erlaubt. Bitte geben Sie den Code unter dem QR-Code ein.': 'The camera is not available or not allowed. Please enter the code shown under the QR code.',
  'Bitte wählen Sie die Zahl, die die Anmeldeseite zeigt.': 'Please choose the number the login page shows.',
  'Der Code besteht aus acht Zeichen.': 'The code consists of eight characters.',
  'Der Upload ist fehlgeschlagen. Bitte versuchen Sie es erneut.': 'The upload failed. Please try again.',
  'Hochladen …': 'Uploading …',
  'Bitte warten Sie, bis der Upload abgeschlossen ist. Danach geht es automatisch weiter.': 'Please wait until the upload is complete. It then continues automatically.',
};

export function text(german: string): string {
  return document.documentElement.lang === 'en' ? (EN[german] ?? german) : german;
}

/** For the test that every text the scripts pass through text() has its English. */
export const clientTextsEn = EN;
