import Html from '@kitajs/html';
import { HtmlDocument } from './document.tsx';
import { currentPage } from '../i18n/locale.ts';
import type { RegistrationWords } from '../../modules/registration/words.ts';

export interface PortalChrome {
  /** e.g. "Mein AOK Arbeitgeberservice" */
  name: string;
  /** the portal's path prefix, e.g. "/arbeitgeber" */
  base: string;
  home: string;
  /** what the shared registration pages say in this portal */
  registration?: RegistrationWords;
  /** the sentence before the support's phone and e-mail in the footer */
  supportText?: string;
  supportPhone?: string;
  supportEmail?: string;
  /** the portal's name above the footer's contacts (manual 002's footer) */
  footerName?: boolean;
  footerLinks?: { href: string; label: string }[];
  /** further contact data under the support line (the provider portal's eAvis contact) */
  footerContacts?: { text: string; email?: string; phone?: string; org?: string }[];
  stylesheet?: string;
  /** a line under the name in the header (Jobmaster: "Fachportal für Ausbildung und Beruf") */
  tagline?: string;
  /** a portal whose pages have no English texts yet: they render German, without the language switch */
  germanOnly?: boolean;
  /** links in the header, the portal's own navigation (Jobmaster: Login, Kontakt, Suche) */
  headerLinks?: { href: string; label: string }[];
  /** the back office's bar: each module's pages for staff, in the bar's order */
  nav?: { href: string; label: string; adminOnly?: boolean }[];
}

/**
 * The frame every portal and the desktop client share: the document, the skip link to the content, what
 * comes before it (the site's header, banners), the content as `main#main`, and the footer. Each layout
 * adds only its own header and footer.
 */
export function PageFrame(props: {
  title: string;
  meta?: Html.Children;
  head: Html.Children;
  bodyClass?: string;
  top: Html.Children;
  mainClass: string;
  footer: Html.Children;
  children: Html.Children;
}) {
  return (
    <HtmlDocument title={props.title} meta={props.meta} head={props.head} bodyClass={props.bodyClass}>
      <a class="skip-link" href="#main">
        Zum Inhalt springen
      </a>
      {props.top}
      <main id="main" class={props.mainClass} tabindex="-1">
        {props.children}
      </main>
      {props.footer}
    </HtmlDocument>
  );
}

/** Links as a list: the header's (Login, Kontakt …), the footer's (`footer-links`: Impressum, Datenschutz …). */
export function LinkList(props: { links: readonly { href: string; label: string }[]; class?: string }) {
  return (
    <ul class={props.class}>
      {props.links.map((l) => (
        <li>
          <a href={l.href} safe>
            {l.label}
          </a>
        </li>
      ))}
    </ul>
  );
}

export function Layout(props: { title: string; chrome: PortalChrome; children: Html.Children; scripts?: string[] }) {
  const c = props.chrome;
  if (c.germanOnly) stayGerman();
  return (
    <PageFrame
      title={`${props.title} – ${c.name}`}
      head={
        <>
          <link rel="stylesheet" href={c.stylesheet ?? '/assets/pforte.css'} />
          {(props.scripts ?? []).map((src) => (
            <script src={src} defer></script>
          ))}
        </>
      }
      top={<SiteHeader chrome={c} />}
      mainClass="wrap"
      footer={<SiteFooter chrome={c} />}
    >
      {props.children}
    </PageFrame>
  );
}

function SiteHeader(props: { chrome: PortalChrome }) {
  const c = props.chrome;
  return (
    <header class="site-header">
      <div class="wrap">
        {c.tagline ? (
          <a class="brand" href={c.home}>
            <span safe>{c.name}</span>
            <span class="brand-tagline" safe>
              {c.tagline}
            </span>
          </a>
        ) : (
          <a class="brand" href={c.home} safe>
            {c.name}
          </a>
        )}
        {c.headerLinks?.length ? (
          <nav class="header-links" aria-label="Kopfzeile">
            <LinkList links={c.headerLinks} />
          </nav>
        ) : (
          ''
        )}
        <LanguageSwitch />
      </div>
    </header>
  );
}

function SiteFooter(props: { chrome: PortalChrome }) {
  const c = props.chrome;
  return (
    <footer class="site-footer">
      <div class="wrap">
        {c.footerName ? (
          <p class="footer-name" safe>
            {c.name}
          </p>
        ) : (
          ''
        )}
        {c.supportText && (c.supportPhone || c.supportEmail) ? (
          <p>
            <span safe>{c.supportText}</span>{' '}
            {c.supportPhone ? (
              <a href={`tel:${c.supportPhone.replace(/\s+/g, '')}`} safe>
                {c.supportPhone}
              </a>
            ) : (
              ''
            )}
            {c.supportPhone && c.supportEmail ? ' und ' : ''}
            {c.supportEmail ? (
              <a href={`mailto:${c.supportEmail}`} safe>
                {c.supportEmail}
              </a>
            ) : (
              ''
            )}
          </p>
        ) : (
          ''
        )}
        {(c.footerContacts ?? []).map((k) => (
          <p>
            <span safe>{k.text}</span>
            {k.email ? (
              <>
                <br />
                E-Mail:{' '}
                <a href={`mailto:${k.email}`} safe>
                  {k.email}
                </a>
              </>
            ) : (
              ''
            )}
            {k.phone ? (
              <>
                <br />
                Hotline:{' '}
                <a href={`tel:${k.phone.replace(/[^0-9+]/g, '')}`} safe>
                  {k.phone}
                </a>
              </>
            ) : (
              ''
            )}
            {k.org ? (
              <>
                <br />
                <span safe>{k.org}</span>
              </>
            ) : (
              ''
            )}
          </p>
        ))}
        {c.footerLinks?.length ? <LinkList links={c.footerLinks} class="footer-links" /> : ''}
      </div>
    </footer>
  );
}

/** DE | EN as plain links (no JavaScript needed); the chosen one is marked as current. */
/** The page is answered in German whatever was chosen: a half-translated page would be worse than a German one. */
function stayGerman() {
  const page = currentPage();
  if (!page) return;
  page.locale = 'de';
  page.switchable = false;
}

function LanguageSwitch() {
  const page = currentPage();
  if (!page?.switchable) return '';
  const back = encodeURIComponent(page.path);
  return (
    <nav class="lang-switch" aria-label="Sprache">
      <a href={`/sprache/de?weiter=${back}`} lang="de" hreflang="de" aria-current={page.locale === 'de' ? 'true' : undefined} title="Deutsch">
        DE
      </a>
      {' | '}
      <a href={`/sprache/en?weiter=${back}`} lang="en" hreflang="en" aria-current={page.locale === 'en' ? 'true' : undefined} title="English">
        EN
      </a>
    </nav>
  );
}

export { Html };
