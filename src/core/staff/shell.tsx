import Html from '@kitajs/html';
import type { PortalChrome } from '../ui/layout.tsx';
import { CsrfField } from '../ui/components.tsx';
import type { Insurer } from '../config/insurers.ts';
import type { StaffMember } from './service.ts';

/** Where the back office lives; every module's staff pages are under it. */
export const BO = '/backoffice';

/** The bar on every back-office page: the pages the modules add (the bar's entries come with the chrome), who is signed in, Abmelden. */
export function StaffBar(props: { chrome: PortalChrome; staff: StaffMember; csrf: string; insurers: Insurer[] }) {
  const scope = props.staff.role === 'admin' ? 'Administration (alle Kassen)' : `Sachbearbeitung, ${props.insurers.find((i) => i.id === props.staff.insurerId)?.name ?? ''}`;
  const nav = (props.chrome.nav ?? []).filter((item) => !item.adminOnly || props.staff.role === 'admin');
  return (
    <div class="dashboard-head">
      <nav aria-label="Backoffice" class="staff-nav">
        {nav.map((item) => (
          <a href={item.href} safe>
            {item.label}
          </a>
        ))}
      </nav>
      <p class="small">
        Angemeldet: <strong safe>{props.staff.name}</strong> – <span safe>{scope}</span>
      </p>
      <form method="post" action={`${BO}/abmelden`}>
        <CsrfField token={props.csrf} />
        <button type="submit" class="button button--secondary">
          Abmelden
        </button>
      </form>
    </div>
  );
}
