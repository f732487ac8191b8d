// Upload progress for the certificate step. Without JavaScript the form posts as usual.
const form = document.querySelector<HTMLFormElement>('form.upload');
if (form && 'XMLHttpRequest' in window) {
  const progress = form.querySelector<HTMLProgressElement>('.upload__progress');
  const status = form.querySelector<HTMLElement>('.upload__status');
  form.addEventListener('submit', (event) => {
    const input = form.querySelector<HTMLInputElement>('input[type=file]');
    if (!input?.files?.length) return;
    event.preventDefault();
    const request = new XMLHttpRequest();
    request.open('POST', form.action);
    request.upload.addEventListener('progress', (e) => {
      if (!e.lengthComputable || !progress) return;
      progress.hidden = false;
      progress.value = Math.round((e.loaded / e.total) * 100);
      if (status) status.textContent = `Hochladen … ${progress.value} %`;
    });
    request.addEventListener('load', () => {
      // success ends in a redirect to the step page; show that page as a normal navigation
      if (request.status < 300 && request.responseURL && request.responseURL !== form.action) {
        window.location.assign(request.responseURL);
        return;
      }
      // a refused upload answers with the step page and its message
      document.open();
      document.write(request.responseText);
      document.close();
      if (request.responseURL) history.replaceState(null, '', request.responseURL);
    });
    request.addEventListener('error', () => {
      if (status) status.textContent = 'Der Upload ist fehlgeschlagen. Bitte versuchen Sie es erneut.';
    });
    for (const button of form.querySelectorAll('button')) button.disabled = true;
    if (status) status.textContent = 'Hochladen …';
    request.send(new FormData(form));
  });
}
