/** The registration's pages, one file a step; the routes import them from here. */
export { wizard } from './progress.ts';
export { RegistrationFormPage } from './step-data.tsx';
export { ConfirmEmailNoticePage, ResendForm, ResendPage, EmailConfirmedPage, LinkProblemPage, SessionNeededPage } from './confirm-email.tsx';
export { FileList, uploadedMessage, CertificatePage } from './step-certificate.tsx';
export { StatusPage, CompletionPage } from './status.tsx';
