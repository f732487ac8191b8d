// Shows the institution's name as soon as nine digits are typed (manual 002 §2.1).
// Without JavaScript the "Prüfen" button and the submit show it.
const input = document.querySelector<HTMLInputElement>('input[data-ik-lookup]');
const output = document.getElementById('ik-institution');
if (input && output) {
  let last = '';
  const show = (text: string, error: boolean) => {
    output.textContent = text;
    output.classList.toggle('field-error', error);
  };
  const lookup = async () => {
    const ik = input.value.replace(/\s+/g, '');
    if (ik === last) return;
    last = ik;
    if (!/^\d{9}$/.test(ik)) {
      show('', false);
      return;
    }
    try {
      const response = await fetch(`${input.dataset.ikLookup}/${ik}`, { headers: { accept: 'application/json' } });
      const body = (await response.json()) as { name?: string; address?: string; message?: string };
      if (ik !== last) return;
      if (response.ok && body.name) show(`Institution: ${body.name}${body.address ? `, ${body.address}` : ''}`, false);
      else show(body.message ?? '', true);
    } catch {
      show('', false);
    }
  };
  input.addEventListener('input', () => void lookup());
  input.addEventListener('change', () => void lookup());
}
