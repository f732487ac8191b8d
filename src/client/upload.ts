// The certificate step (manual 000 step 7, 002 §2.2): choosing files uploads them at once, with a
// progress bar; the stored files then appear under "Anhänge" without a reload. "Weiter" waits for a
// running upload and goes on when it is done. Without JavaScript the form does the same on submit:
// "Weiter" sends the chosen files with it.
import { text } from './texts.ts';
// Only the certificate form (the one with "Weiter"): the IK page's form answers with a page, not
// JSON, and posts as a plain form.
const form = document.querySelector('form.upload .upload__next')?.closest<HTMLFormElement>('form.upload');
const input = form?.querySelector<HTMLInputElement>('input[type=file]');

if (form && input && 'XMLHttpRequest' in window && 'FormData' in window) {
  const field = input.closest<HTMLElement>('.field');
  const progress = form.querySelector<HTMLProgressElement>('.upload__progress');
  const status = form.querySelector<HTMLElement>('.upload__status');
  const next = form.querySelector<HTMLButtonElement>('.upload__next');
  const token = form.querySelector<HTMLInputElement>('input[name=_csrf]')?.value ?? '';
  const baseDescription = (input.getAttribute('aria-describedby') ?? '').replace(/\s*f-files-error\b/, '');
  let running = false;
  let continueAfter = false;

  // choosing is uploading: the extra button is for pages without a script
  const send = form.querySelector<HTMLButtonElement>('.upload__send');
  if (send) send.hidden = true;

  const say = (text: string) => {
    if (status) status.textContent = text;
  };

  const showError = (message: string) => {
    let error = document.getElementById('f-files-error');
    if (!error) {
      error = document.createElement('p');
      error.id = 'f-files-error';
      error.className = 'field-error';
      error.setAttribute('role', 'alert');
      input.before(error);
    }
    error.textContent = '';
    const hidden = document.createElement('span');
    hidden.className = 'visually-hidden';
    hidden.textContent = text('Fehler: ');
    error.append(hidden, document.createTextNode(message));
    field?.classList.add('field--error');
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', `${baseDescription} f-files-error`.trim());
    input.focus();
  };

  const clearError = () => {
    document.getElementById('f-files-error')?.remove();
    field?.classList.remove('field--error');
    input.removeAttribute('aria-invalid');
    input.setAttribute('aria-describedby', baseDescription);
  };

  const setRunning = (value: boolean) => {
    running = value;
    form.setAttribute('aria-busy', String(value));
    if (next) {
      // busy, not disabled: a click while the upload runs is remembered and carried out afterwards
      if (value) next.setAttribute('aria-busy', 'true');
      else next.removeAttribute('aria-busy');
    }
    if (progress) {
      progress.hidden = !value;
      if (value) progress.value = 0;
    }
  };

  const finished = (ok: boolean, body: { message?: string; list?: string } | null) => {
    // the chosen files are sent: "Weiter" must not send them a second time
    input.value = '';
    setRunning(false);
    if (ok && body?.list !== undefined) {
      const list = document.getElementById('attachments');
      if (list) list.outerHTML = body.list;
      clearError();
      say(body.message ?? '');
      if (continueAfter) next?.click();
      return;
    }
    continueAfter = false;
    say('');
    showError(body?.message ?? text('Der Upload ist fehlgeschlagen. Bitte versuchen Sie es erneut.'));
  };

  input.addEventListener('change', () => {
    const chosen = input.files;
    if (!chosen || chosen.length === 0 || running) return;
    const data = new FormData();
    // the token first: the server checks it before it reads any file
    data.append('_csrf', token);
    for (const file of Array.from(chosen)) data.append('files', file, file.name);
    data.append('aktion', 'hochladen');
    const request = new XMLHttpRequest();
    request.open('POST', form.action);
    request.setRequestHeader('accept', 'application/json');
    request.upload.addEventListener('progress', (e) => {
      if (!e.lengthComputable || !progress) return;
      progress.value = Math.round((e.loaded / e.total) * 100);
      say(`Hochladen … ${progress.value} %`);
    });
    request.addEventListener('load', () => {
      let body: { message?: string; list?: string } | null = null;
      try {
        body = JSON.parse(request.responseText) as { message?: string; list?: string };
      } catch {
        // not JSON (a refused request's error page): the general message
      }
      finished(request.status === 200, body);
    });
    request.addEventListener('error', () => finished(false, null));
    request.addEventListener('abort', () => finished(false, null));
    clearError();
    setRunning(true);
    say(text('Hochladen …'));
    request.send(data);
  });

  form.addEventListener('submit', (event) => {
    if (!running || (event as SubmitEvent).submitter !== next) return;
    // leaving now would cut the upload off: go on once it is done
    event.preventDefault();
    continueAfter = true;
    say(text('Bitte warten Sie, bis der Upload abgeschlossen ist. Danach geht es automatisch weiter.'));
  });
}
