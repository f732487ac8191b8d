import type { Signed } from '../layout.tsx';
import type { LocalUser } from '../local-users.ts';

/** The person whose record the local user is acting on, as a representative ("Sie handeln für …"). */
export interface Acting {
  /** the representation's id: the value of the header `Pforte-Vertretung` */
  id: string;
  /** the represented person's name, as the record service gave it when the representative switched */
  name: string;
}

/**
 * Whom each logged-in local user acts for (Vertretung für Angehörige): in memory only, tied to the
 * local login (a new login is one's own record again). While it is set, every record API call carries
 * the representation's header (`recordApiFor`) and every screen shows the banner (`DesktopLayout`).
 */
const acting = new WeakMap<LocalUser, Acting>();
/** Why acting ended by a refusal of the record service, until the next screen has said it. */
const endedBecause = new WeakMap<LocalUser, string>();

export function actingFor(user: LocalUser): Acting | undefined {
  return acting.get(user);
}

export function startActing(user: LocalUser, whom: Acting): void {
  acting.set(user, { id: whom.id, name: whom.name });
}

/** "Zurück zu meiner Akte", or the representation ended meanwhile. */
export function stopActing(user: LocalUser): void {
  acting.delete(user);
}

/** The record service refused the representation (it ended meanwhile): one's own record again, and the next screen says why. */
export function actingRefused(user: LocalUser, reason: string): void {
  if (!acting.has(user)) return;
  acting.delete(user);
  endedBecause.set(user, reason);
}

/** What the header shows now (after a switch or its end within this request): `signed` with the current `actingFor`. */
export function signedNow(me: { user: LocalUser; signed: Signed }): Signed {
  const ended = endedBecause.get(me.user);
  endedBecause.delete(me.user);
  return { ...me.signed, actingFor: actingFor(me.user)?.name, actingEnded: ended };
}
