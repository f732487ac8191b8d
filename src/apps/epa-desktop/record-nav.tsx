import Html from '@kitajs/html';

const SCREENS = [
  { href: '/epa/dokumente', label: 'Dokumente' },
  { href: '/epa/protokoll', label: 'Protokoll' },
  { href: '/vertretung', label: 'Vertretung für Angehörige' },
  { href: '/epa/geraete', label: 'Registrierte Geräte' },
] as const;

/** The record's screens after the ePA login: Dokumente, Protokoll, Vertretung für Angehörige; `current` is this one. */
export function RecordNav(props: { current: (typeof SCREENS)[number]['label']; actingFor?: string }) {
  return (
    <nav class="record-nav" aria-label="Ihre ePA">
      <ul>
        {SCREENS.filter((s) => !(props.actingFor && s.href === '/epa/geraete')).map((s) => (
          <li>
            <a href={s.href} aria-current={s.label === props.current ? 'page' : undefined} safe>
              {s.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
