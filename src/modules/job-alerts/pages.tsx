import Html from '@kitajs/html';
import { Layout, type PortalChrome } from '../../core/ui/layout.tsx';
import { CsrfField, ErrorSummary, Field, Notice, PageMessages } from '../../core/ui/components.tsx';
import { PostButton } from '../../core/ui/post-button.tsx';
import type { Alert, Bookmark } from './service.ts';
import { MAX_ALERT_NAME, MAX_ALERTS, MAX_BOOKMARKS } from './service.ts';
import { alertTitle, querySummary, searchPath } from './words.ts';

/** 'YYYY-MM-DD' as 'dd.mm.yyyy'. */
function germanDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}.${m}.${y}`;
}

/** Under a posting: "Merken" or "Von der Merkliste entfernen" for an applicant; `refused` when the list was full. */
export function BookmarkButton(props: { base: string; csrf: string; postingId: string; saved: boolean; notice?: string; refused?: boolean }) {
  return (
    <div class="bookmark">
      {props.notice ? (
        <Notice kind={props.refused ? 'warning' : props.saved ? 'success' : 'info'}>
          <p safe>{props.notice}</p>
        </Notice>
      ) : (
        ''
      )}
      {props.saved ? (
        <PostButton action={`${props.base}/merkliste/${props.postingId}/entfernen`} csrf={props.csrf} button="button secondary">
          Von der Merkliste entfernen
        </PostButton>
      ) : (
        <PostButton action={`${props.base}/merkliste/${props.postingId}`} csrf={props.csrf}>
          Merken
        </PostButton>
      )}
      <p>
        <a href={`${props.base}/merkliste`}>Zur Merkliste</a>
      </p>
    </div>
  );
}

/** Under a posting for a visitor who is not signed in. */
export function LoginToBookmark(props: { href: string }) {
  return (
    <p class="bookmark">
      <a href={props.href}>Zum Merken bitte einloggen</a>
    </p>
  );
}

/** Under a search's results: save it as a Suchauftrag. */
export function AlertForm(props: { base: string; csrf: string; query: Record<string, string>; name?: string; error?: string }) {
  return (
    <form method="post" action={`${props.base}/suchauftraege`} class="alert-form" aria-label="Suchauftrag anlegen">
      <CsrfField token={props.csrf} />
      {Object.entries(props.query).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <Field
        name="name"
        label="Name des Suchauftrags (optional)"
        value={props.name ?? ''}
        error={props.error}
        maxlength={MAX_ALERT_NAME}
        hint="Wir senden Ihnen neue passende Stellenangebote höchstens einmal am Tag per E-Mail."
      />
      <button type="submit" class="button secondary">
        Suchauftrag anlegen
      </button>
    </form>
  );
}

/** The Suchauftrag form again, with what is wrong at its field. */
export function AlertFormPage(props: { chrome: PortalChrome; base: string; csrf: string; query: Record<string, string>; name: string; error: string }) {
  return (
    <Layout title="Suchauftrag anlegen" chrome={props.chrome}>
      <h1>Suchauftrag anlegen</h1>
      <ErrorSummary errors={{ name: props.error }} labels={{ name: 'Name des Suchauftrags (optional)' }} />
      <p safe>{querySummary(props.query)}</p>
      <AlertForm base={props.base} csrf={props.csrf} query={props.query} name={props.name} error={props.error} />
    </Layout>
  );
}

export function BookmarksPage(props: { chrome: PortalChrome; base: string; csrf: string; bookmarks: Bookmark[]; notice?: string }) {
  const back = `${props.base}/merkliste`;
  return (
    <Layout title="Merkliste" chrome={props.chrome}>
      <h1>Merkliste</h1>
      <PageMessages notice={props.notice} />
      <p>
        <a href={`${props.base}/suchauftraege`}>Meine Suchaufträge</a>
      </p>
      {props.bookmarks.length ? (
        <>
          <p>{`${props.bookmarks.length} von höchstens ${MAX_BOOKMARKS} gemerkten Stellenangeboten`}</p>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Stellenangebot</th>
                <th scope="col">Arbeitgeber</th>
                <th scope="col">Ort</th>
                <th scope="col">Bewerbungsschluss</th>
                <th scope="col">Aktion</th>
              </tr>
            </thead>
            <tbody>
              {props.bookmarks.map((b) => (
                <tr>
                  <td>
                    {b.available ? (
                      <a href={`${props.base}/stellen/${b.postingId}`} safe>
                        {b.title}
                      </a>
                    ) : (
                      <>
                        <span safe>{b.title}</span> <em>(nicht mehr verfügbar)</em>
                      </>
                    )}
                  </td>
                  <td safe>{b.companyName}</td>
                  <td safe>{`${b.postalCode} ${b.city}`}</td>
                  <td safe>{b.applyUntil ? germanDay(b.applyUntil) : 'keiner'}</td>
                  <td>
                    <PostButton action={`${props.base}/merkliste/${b.postingId}/entfernen`} csrf={props.csrf} inline button="button secondary" label={`${b.title} entfernen`} fields={{ zurueck: back }}>
                      Entfernen
                    </PostButton>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p>
          Ihre Merkliste ist leer. In der <a href={`${props.base}/suche`}>Suche</a> können Sie Stellenangebote merken.
        </p>
      )}
    </Layout>
  );
}

export function AlertsPage(props: { chrome: PortalChrome; base: string; csrf: string; alerts: Alert[]; notice?: string; refused?: boolean }) {
  return (
    <Layout title="Suchaufträge" chrome={props.chrome}>
      <h1>Suchaufträge</h1>
      {props.notice ? (
        <Notice kind={props.refused ? 'warning' : 'info'}>
          <p safe>{props.notice}</p>
        </Notice>
      ) : (
        ''
      )}
      <p>{`Zu jedem Suchauftrag senden wir Ihnen neue passende Stellenangebote höchstens einmal am Tag per E-Mail. Sie können bis zu ${MAX_ALERTS} Suchaufträge anlegen.`}</p>
      <p>
        <a href={`${props.base}/merkliste`}>Zur Merkliste</a>
      </p>
      {props.alerts.length ? (
        <ul class="cards">
          {props.alerts.map((a) => (
            <li class="card">
              <h2 safe>{alertTitle(a)}</h2>
              {a.name ? <p safe>{querySummary(a.query)}</p> : ''}
              <p>
                <a href={searchPath(props.base, a.query)}>Suche öffnen</a>
              </p>
              <PostButton action={`${props.base}/suchauftraege/${a.id}/loeschen`} csrf={props.csrf} button="button secondary" label={`Suchauftrag ${alertTitle(a)} löschen`}>
                Löschen
              </PostButton>
            </li>
          ))}
        </ul>
      ) : (
        <p>
          Sie haben noch keinen Suchauftrag. Legen Sie ihn unter den Ergebnissen einer <a href={`${props.base}/suche`}>Suche</a> an.
        </p>
      )}
    </Layout>
  );
}

export function UnsubscribePage(props: { chrome: PortalChrome; base: string; csrf: string; action: string; alert: Alert }) {
  return (
    <Layout title="Suchauftrag abbestellen" chrome={props.chrome}>
      <h1>Suchauftrag abbestellen</h1>
      <p>
        Möchten Sie den Suchauftrag „<span safe>{alertTitle(props.alert)}</span>“ löschen? Sie erhalten dann keine E-Mails mehr zu dieser Suche.
      </p>
      <PostButton action={props.action} csrf={props.csrf} actions>
        Suchauftrag löschen
      </PostButton>
    </Layout>
  );
}

export function MessagePage(props: { chrome: PortalChrome; base: string; title: string; text: string }) {
  return (
    <Layout title={props.title} chrome={props.chrome}>
      <h1 safe>{props.title}</h1>
      <p safe>{props.text}</p>
      <p>
        <a href={`${props.base}/suche`}>Zur Suche</a>
      </p>
    </Layout>
  );
}
