import { providerMessagesEn } from '../../modules/provider-iks/messages.ts';
import { pinMessagesEn } from '../../modules/devices/pin-rules.ts';
import { identifierMessagesEn } from '../identifiers/messages.ts';
import { passwordMessagesEn } from '../passwords/password-messages.ts';
import { uploadMessagesEn } from '../files/upload-messages.ts';
import { ikImportMessagesEn } from '../../modules/ik-register/messages.ts';
import { eavisMessagesEn } from '../../modules/eavis/messages.ts';
import { searchMessagesEn } from '../../modules/job-search/messages.ts';
import { accountMessagesEn } from '../../modules/jobmaster-account/messages.ts';
import { postingMessagesEn } from '../../modules/job-postings/messages.ts';
import { employerProfileMessagesEn } from '../../modules/jobmaster-employers/messages.ts';
import { insuredMessagesEn } from '../../modules/insured/messages.ts';
import { auditActionMessagesEn } from '../audit/actions.ts';
import { identMessagesEn } from '../../modules/ident-provider/messages.ts';
import { identAppMessagesEn } from '../../modules/ident-devices/messages.ts';
import { epaRecordMessagesEn } from '../../modules/epa-records/messages.ts';
import { epaAccessMessagesEn } from '../../modules/epa-access/messages.ts';
import { epaRepresentationMessagesEn } from '../../modules/epa-representation/messages.ts';
import { epaDesktopMessagesEn } from '../../apps/epa-desktop/messages.ts';
import { epaLoginMessagesEn } from '../../apps/epa-desktop/epa-login/messages.ts';
import type { MessageCode } from './de.ts';

/** English texts, the second language: a code of de.ts without English words does not compile. */
export const en: Record<MessageCode, string> = {
  ...providerMessagesEn,
  ...identifierMessagesEn,
  ...passwordMessagesEn,
  ...uploadMessagesEn,
  ...pinMessagesEn,
  ...ikImportMessagesEn,
  ...eavisMessagesEn,
  ...searchMessagesEn,
  ...accountMessagesEn,
  ...postingMessagesEn,
  ...employerProfileMessagesEn,
  ...insuredMessagesEn,
  ...auditActionMessagesEn,
  ...identMessagesEn,
  ...identAppMessagesEn,
  ...epaRecordMessagesEn,
  ...epaAccessMessagesEn,
  ...epaRepresentationMessagesEn,
  ...epaDesktopMessagesEn,
  ...epaLoginMessagesEn,
  'app.activation_invalid': 'E-mail address or activation code is not correct.',
  'app.activation_used': 'This activation code has already been used. Please request a new one on the device registration page.',
  'app.activation_expired': 'This activation code has expired. Please request a new one on the device registration page.',
  'app.public_key_invalid': 'The device key is invalid.',
  'app.nonce_invalid': 'The sign-in has expired. Please try again.',
  'app.signature_invalid': 'This device is not registered.',
  'app.pin_wrong': 'The PIN is wrong.',
  'app.device_locked': 'This device is locked after five wrong PINs. Please reset your authentication device.',
  'app.device_disabled': 'This device has been reset and can no longer be used.',
  'app.session_invalid': 'Please sign in to the app again.',
  'app.no_pending_login': 'No login is waiting for a security code.',
  'app.device_in_use': 'An authentication device is already registered for this access. A new device can only be registered after your insurer has confirmed the reset of the current one.',
  'login.invalid': 'Username/e-mail address or password is not correct.',
  'login.temporarily_locked': 'Too many failed login attempts. Please try again later.',
  'login.account_locked': 'Your access is locked. Please contact your insurer.',
  'login.not_activated': 'You can log in only after your insurer has checked your registration. You will get an e-mail once your access is activated.',
  'login.no_device': 'No active authentication device is registered for your access. Please complete the device registration.',
  'login.code_wrong': 'The security code is not correct.',
  'login.code_expired': 'The time for entering the security code has run out. Please log in again.',
  'login.code_too_many': 'The security code was entered wrongly too often. Please log in again.',
   'login.device_reset_pending': 'Your authentication device is being reset. Please follow the steps on your status page.',
  'device_reset.not_requested': 'No device reset has been requested for this access.',
  'device_reset.upload_missing': 'The new employer certificate for the reset is still missing.',
  'device_reset.pending': 'Your insurer has not checked the reset yet. You can register a new device once it has been confirmed.',
  'staff.role_invalid': 'The role must be admin or clerk.',
  'staff.insurer_required': 'A clerk needs one of the configured insurers.',
  'staff.exists': 'A staff account with this e-mail address already exists.',
  'staff.totp_wrong': 'The one-time code is not correct.',
  'staff.totp_used': 'This one-time code has already been used. Please wait for the next code.',
  'backoffice.steps_missing': 'Activation is possible only when all registration steps are done.',
  'backoffice.already_decided': 'This registration has already been decided.',
  'backoffice.reason_required': 'Please give a reason for the refusal.',
  'backoffice.not_active': 'Only activated accounts can be locked or unlocked.',
  'staff.self': 'You cannot lock your own account.',
  'postbox.too_many_files': 'You can attach at most five files.',
  'postbox.not_yet': 'You can send and receive postbox messages only after your first login.',
  'postbox.letter_pdf': 'Please choose exactly one PDF file as the letter.',
  'postbox.no_company': 'In the chosen portal there is no company with an active account for this number and insurer.',
  'device_reset.ask_admin': 'Please ask your company administrator: they can reset your authentication device in the user management.',
  'users.admin_only': 'Only your company administrator can do this.',
  'users.admin_protected': 'You cannot lock or remove another administrator. Please contact your AOK.',
  'users.not_active': 'The invitation has not been accepted yet.',
  'login.required': 'Please log in.',
  'request.malformed': 'The request is malformed. Please reload the page and try again.',
  'request.not_found': 'This page does not exist.',
  'request.too_large': 'The data sent is too large.',
  'request.unsupported_type': 'This page does not accept this kind of request. Please send the page\'s form.',
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
  'answer.required': 'Please enter the answer to your security question.',
  'answer.too_short': 'The answer to the security question must contain at least 2 letters or digits.',
  'answer.too_long': 'The answer to the security question must not be longer than 100 characters.',
  'answer.wrong': 'The answer to the security question is not correct.',
  'answer.locked': 'The security question was answered wrongly too often. This link is no longer valid. Please request a new one later or contact your AOK.',
  'login.email_unconfirmed': 'Please confirm your e-mail address first.',
  'email.invalid': 'Please enter a valid e-mail address (e.g. name@company.com).',
  'plz.invalid': 'Please enter the postcode with exactly five digits.',
  'phone.invalid': 'Please enter a phone number made of digits (+, spaces, /, - and brackets are allowed too).',
  'upload.none': 'Please choose at least one file.',
  'upload.not_found': 'This file does not exist (any more).',
  'password.mismatch': 'The two passwords do not match.',
  'consent.required': 'Please confirm that you have read and accept the text.',
};
