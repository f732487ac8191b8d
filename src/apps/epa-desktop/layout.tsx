import Html from '@kitajs/html';
import { Notice } from '../../core/ui/components.tsx';
import { PostButton } from '../../core/ui/post-button.tsx';
import { LinkList, PageFrame } from '../../core/ui/layout.tsx';
import { CLIENT, PRODUCT } from './product.ts';

export interface Link {
  href: string;
  label: string;
}

/** Manual 003's footers: the login screen's four links, and the three under every screen after it. */
export const START_LINKS: Link[] = [
  { href: '/noch-keine-epa', label: 'Noch keine ePA vorhanden?' },
  { href: '/nutzungshinweise', label: 'Nutzungshinweise' },
  { href: '/datenschutz', label: 'Datenschutzerklärung' },
  { href: '/impressum', label: 'Impressum' },
];
export const APP_LINKS: Link[] = [
  { href: '/nutzungsbedingungen', label: 'Nutzungsbedingungen' },
  { href: '/datenschutz', label: 'Datenschutzerklärung' },
  { href: '/impressum', label: 'Impressum' },
];

/** Who is logged in, for the header's "Zurück", "Profil" and "Abmelden". */
export interface Signed {
  name: string;
  csrf: string;
  /** the represented person's name while the user acts for them (Vertretung für Angehörige): the banner "Sie handeln für …" */
  actingFor?: string;
  /** why acting for someone just ended (the record service refused the representation): said once, on the screen that follows */
  actingEnded?: string;
}

/** Vertretung für Angehörige: on every screen while the user acts for someone, with the way back. */
function ActingBanner(props: { name: string; csrf: string }) {
  return (
    <section class="acting-banner" aria-label="Vertretung">
      <p>
        Sie handeln für <strong safe>{props.name}</strong>
      </p>
      <PostButton action="/vertretung/zurueck" csrf={props.csrf} button="button button--secondary" inline>
        Zurück zu meiner Akte
      </PostButton>
    </section>
  );
}

/**
 * The client's window: a green title bar with the program's name, and once a local user is logged in
 * "Zurück" (to the screen this one was reached from), "Profil" and "Abmelden"; the screen; the footer's
 * links. Pages without a user (login, the information pages before login) show only the name.
 */
export function DesktopLayout(props: { title: string; signed?: Signed; back?: string; links?: Link[]; narrow?: boolean; meta?: Html.Children; children: Html.Children }) {
  const links = props.links ?? (props.signed ? APP_LINKS : START_LINKS);
  return (
    <PageFrame
      title={`${props.title} – ${PRODUCT}`}
      meta={props.meta}
      head={
        <>
          <link rel="stylesheet" href="/assets/pforte.css" />
          <link rel="stylesheet" href="/assets/epa/epa-desktop.css" />
          <link rel="icon" href="/assets/epa/epa-icon.svg" type="image/svg+xml" />
        </>
      }
      bodyClass="desktop"
      top={
        <>
          <TitleBar signed={props.signed} back={props.back} />
          {props.signed?.actingFor ? <ActingBanner name={props.signed.actingFor} csrf={props.signed.csrf} /> : ''}
        </>
      }
      mainClass={props.narrow ? 'desktop-main desktop-main--narrow' : 'desktop-main'}
      footer={
        <footer class="desktop-footer">
          <LinkList links={links} class="footer-links" />
        </footer>
      }
    >
      {props.signed?.actingEnded ? (
        <Notice kind="warning">
          <p safe>{`${props.signed.actingEnded} Sie sind wieder in Ihrer eigenen Akte.`}</p>
        </Notice>
      ) : (
        ''
      )}
      {props.children}
    </PageFrame>
  );
}

/** The green title bar: "Zurück", the program's name, and the local user's "Profil" and "Abmelden". */
function TitleBar(props: { signed?: Signed; back?: string }) {
  return (
    <header class="desktop-bar">
      <div class="desktop-bar__start">
        {props.back ? (
          <a class="desktop-bar__back" href={props.back}>
            <span aria-hidden="true">←</span> Zurück
          </a>
        ) : (
          ''
        )}
        <span class="desktop-bar__name">
          <span safe>{PRODUCT}</span> <span class="desktop-bar__client" safe>{CLIENT}</span>
        </span>
      </div>
      {props.signed ? (
        <nav class="desktop-bar__end" aria-label="Benutzer">
          <span class="desktop-bar__user" title="Angemeldeter lokaler Benutzer" safe>
            {props.signed.name}
          </span>
          <a href="/profil">Profil</a>
          <PostButton action="/abmelden" csrf={props.signed.csrf} button="desktop-bar__logout" inline>
            Abmelden
          </PostButton>
        </nav>
      ) : (
        ''
      )}
    </header>
  );
}
