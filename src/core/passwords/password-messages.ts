import type { PasswordCode } from './password-rules.ts';
import { defineMessages } from '../i18n/messages.ts';

export const { de: passwordMessages, en: passwordMessagesEn } = defineMessages<PasswordCode>({
  de: {
    'password.required': 'Bitte geben Sie ein Passwort ein.',
    'password.too_short': 'Das Passwort muss mindestens 12 Zeichen lang sein.',
    'password.too_long': 'Das Passwort darf höchstens 128 Zeichen lang sein.',
    'password.blocklisted':
      'Dieses Passwort ist zu bekannt und wird häufig ausprobiert. Bitte wählen Sie ein anderes Passwort.',
    'password.contains_email': 'Das Passwort darf weder Ihre E-Mail-Adresse noch deren Teil vor dem @ enthalten.',
  },
  en: {
    'password.required': 'Please enter a password.',
    'password.too_short': 'The password must be at least 12 characters long.',
    'password.too_long': 'The password must not be longer than 128 characters.',
    'password.blocklisted': 'This password is too common and often tried by attackers. Please choose a different password.',
    'password.contains_email': 'The password must not contain your e-mail address or the part before the @.',
  },
});
