import { identifierMessagesEn } from '../identifiers/messages.ts';
import { passwordMessagesEn } from '../accounts/password-messages.ts';
import { uploadMessagesEn } from '../files/upload-messages.ts';

/** English texts, the second language; a test keeps its keys equal to de.ts. */
export const en: Record<string, string> = {
  ...identifierMessagesEn,
  ...passwordMessagesEn,
  ...uploadMessagesEn,
  'request.malformed': 'The request is malformed. Please reload the page and try again.',
  'request.not_found': 'This page does not exist.',
  'request.too_large': 'The data sent is too large.',
  'request.rate_limited': 'Too many attempts. Please wait a few minutes and try again.',
  'request.internal': 'A technical error occurred. Please try again later.',
  'csrf.invalid': 'Your session has expired or the form is invalid. Please reload the page and send the form again.',
  'form.invalid': 'Please correct the marked fields.',
  'flow.expired': 'This process has expired. Please start again.',
  'flow.conflict': 'This process was already continued in another window. Please reload the page.',
  'token.invalid': 'This link is invalid.',
  'token.expired': 'This link has expired.',
  'token.used': 'This link has already been used.',
  'registration.not_found': 'This registration does not exist (any more).',
  'registration.step_open': 'Please complete the previous steps first.',
  'session.required': 'Please open the link "Zum Registrierungsstatus" from your e-mail to continue.',
  'field.required': 'Please fill in this field.',
  'field.too_long': 'The input is too long.',
  'field.invalid_chars': 'The input contains characters that are not allowed.',
  'field.invalid_choice': 'Please choose one of the offered values.',
  'email.invalid': 'Please enter a valid e-mail address (e.g. name@company.com).',
  'upload.none': 'Please choose at least one file.',
  'upload.not_found': 'This file does not exist (any more).',
  'password.mismatch': 'The two passwords do not match.',
  'consent.required': 'Please confirm that you have read and accept the text.',
};
