import Html from '@kitajs/html';
import { PageMessages } from '../../core/ui/components.tsx';
import { ARTICLES, type Article } from './articles.tsx';
import { DesktopLayout, type Signed } from './layout.tsx';
import type { InfoPage } from './legal.tsx';
import { BRAND, CLIENT, PRODUCT } from './product.ts';

function Tile(props: { href: string; title: string; children: string }) {
  return (
    <li>
      <a class="tile" href={props.href}>
        <span class="tile__title" safe>
          {props.title}
        </span>
        <span class="tile__text" safe>
          {props.children}
        </span>
      </a>
    </li>
  );
}

/** The Übersicht (manual 003 §3): the three tiles; the header's Zurück and Profil, the footer's links. */
export function OverviewPage(props: { signed: Signed; epaHref: string; notice?: string }) {
  return (
    <DesktopLayout title="Übersicht" signed={props.signed} back="/">
      <h1>Übersicht</h1>
      <p class="lead">
        Willkommen, <strong safe>{props.signed.name}</strong>.
      </p>
      <PageMessages notice={props.notice} />
      <ul class="tiles">
        <Tile href={props.epaHref} title="Elektronische Patientenakte (ePA)">
          Ihre Dokumente ansehen, hinzufügen und speichern, Zugriffe nachvollziehen.
        </Tile>
        <Tile href="/vertretung" title="Vertretung für Angehörige">
          Angehörige als Vertretung benennen oder für eine vertretene Person handeln.
        </Tile>
        <Tile href="/gesundheitswissen" title="Gesundheitswissen">
          Verständliche Beiträge rund um die ePA und Ihre Gesundheitsdaten.
        </Tile>
      </ul>
    </DesktopLayout>
  );
}

/** "Profil" (manual 003 §3): legal information and the software version. */
export function ProfilePage(props: { signed: Signed; version: string; createdAt: string; dataDir: string; server: string }) {
  const created = new Date(props.createdAt).toLocaleString('de-DE', { timeZone: 'Europe/Berlin', dateStyle: 'medium', timeStyle: 'short' });
  return (
    <DesktopLayout title="Profil" signed={props.signed} back="/uebersicht">
      <h1>Profil</h1>
      <h2>Lokaler Benutzer</h2>
      <dl class="facts">
        <dt>Benutzername</dt>
        <dd safe>{props.signed.name}</dd>
        <dt>Angelegt am</dt>
        <dd safe>{created}</dd>
        <dt>Datenordner</dt>
        <dd>
          <code safe>{props.dataDir}</code>
        </dd>
      </dl>
      <h2>Software</h2>
      <dl class="facts">
        <dt>Programm</dt>
        <dd safe>{`${PRODUCT} ${CLIENT}`}</dd>
        <dt>Softwareversion</dt>
        <dd safe>{props.version}</dd>
        <dt>ePA-Dienst</dt>
        <dd>
          <code safe>{props.server}</code>
        </dd>
      </dl>
      <h2>Rechtliche Informationen</h2>
      <ul class="link-list">
        <li>
          <a href="/nutzungsbedingungen">Nutzungsbedingungen</a>
        </li>
        <li>
          <a href="/nutzungshinweise">Nutzungshinweise</a>
        </li>
        <li>
          <a href="/datenschutz">Datenschutzerklärung</a>
        </li>
        <li>
          <a href="/impressum">Impressum</a>
        </li>
      </ul>
      <p class="small">
        Open-Source-Bestandteile: Node.js, Fastify, @kitajs/html, @node-rs/argon2 und weitere; ihre Lizenzen liegen dem Programm bei (Ordner
        node_modules).
      </p>
    </DesktopLayout>
  );
}

export function KnowledgePage(props: { signed?: Signed }) {
  return (
    <DesktopLayout title="Gesundheitswissen" signed={props.signed} back={props.signed ? '/uebersicht' : '/'}>
      <h1>Gesundheitswissen</h1>
      <p class="lead">Beiträge Ihrer {BRAND} rund um die elektronische Patientenakte – auch ohne Internetverbindung lesbar.</p>
      <ul class="articles">
        {ARTICLES.map((a) => (
          <li>
            <a href={`/gesundheitswissen/${a.slug}`} safe>
              {a.title}
            </a>
            <p class="small" safe>
              {a.summary}
            </p>
          </li>
        ))}
      </ul>
    </DesktopLayout>
  );
}

export function ArticlePage(props: { signed?: Signed; article: Article }) {
  return (
    <DesktopLayout title={props.article.title} signed={props.signed} back="/gesundheitswissen">
      <p class="eyebrow">Gesundheitswissen</p>
      <article class="article">
        <h1 safe>{props.article.title}</h1>
        {props.article.body()}
      </article>
    </DesktopLayout>
  );
}

export function InfoPageView(props: { signed?: Signed; page: InfoPage }) {
  return (
    <DesktopLayout title={props.page.title} signed={props.signed} back={props.signed ? '/uebersicht' : '/'}>
      <article class="article">
        <h1 safe>{props.page.title}</h1>
        {props.page.body()}
      </article>
    </DesktopLayout>
  );
}
