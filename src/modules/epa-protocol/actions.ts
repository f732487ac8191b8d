import type { EpaProtocolKind } from '../../core/db/epa-records-schema.ts';

/**
 * What the insured's Protokoll records (issue 15 §7), each with its kind (the filter's choice) and the
 * words the person reads. `ProtocolAction` is derived from this table, so `record` takes nothing else.
 */
export const PROTOCOL_ACTIONS = {
  'documents.listed': { kind: 'access', label: 'Dokumentenliste abgerufen' },
  'document.opened': { kind: 'access', label: 'Dokument geöffnet' },
  'document.added': { kind: 'access', label: 'Dokument hinzugefügt' },
  'document.deleted': { kind: 'access', label: 'Dokument gelöscht' },
  'document.refused': { kind: 'access', label: 'Dokument abgewiesen (Format oder Größe)' },
  'document.not_found': { kind: 'access', label: 'Zugriff auf ein unbekanntes Dokument' },
  'documents.exported': { kind: 'access', label: 'Dokumente als PDF gespeichert' },
  'protocol.viewed': { kind: 'access', label: 'Protokoll abgerufen' },
  'protocol.exported': { kind: 'access', label: 'Protokoll als PDF gespeichert' },
  'login.success': { kind: 'login', label: 'Anmeldung an der ePA' },
  'login.failed': { kind: 'login', label: 'Anmeldung an der ePA fehlgeschlagen' },
  'login.renewed': { kind: 'login', label: 'Sitzung verlängert' },
  'logout': { kind: 'login', label: 'Abmeldung' },
  'device.registration_started': { kind: 'device', label: 'Gerät angemeldet, Bestätigungscode per E-Mail gesendet' },
  'device.registered': { kind: 'device', label: 'Gerät freigeschaltet' },
  'device.code_wrong': { kind: 'device', label: 'Falscher Bestätigungscode' },
  'device.registration_deleted': { kind: 'device', label: 'Geräteanmeldung gelöscht (zu viele falsche Bestätigungscodes)' },
  'device.registration_blocked': { kind: 'device', label: 'Geräteanmeldung vorübergehend gesperrt' },
  'device.renamed': { kind: 'device', label: 'Gerät umbenannt' },
  'device.removed': { kind: 'device', label: 'Gerät entfernt' },
  'representation.invited': { kind: 'representation', label: 'Vertretung eingerichtet' },
  'representation.confirmed': { kind: 'representation', label: 'Vertretung bestätigt' },
  'representation.revoked': { kind: 'representation', label: 'Vertretung widerrufen' },
  'representation.declined': { kind: 'representation', label: 'Vertretung abgelehnt' },
  'representation.switched': { kind: 'representation', label: 'Vertretung: zur Akte gewechselt' },
  'representation.denied': { kind: 'representation', label: 'Vertretung: Zugriff abgewiesen (nicht bestätigt, widerrufen oder nicht berechtigt)' },
} as const satisfies Record<string, { kind: EpaProtocolKind; label: string }>;

export type ProtocolAction = keyof typeof PROTOCOL_ACTIONS;

export function isProtocolAction(value: string): value is ProtocolAction {
  return Object.hasOwn(PROTOCOL_ACTIONS, value);
}

/** The words for an action; an entry written before an action was renamed shows its code. */
export function protocolActionLabel(action: string): string {
  return isProtocolAction(action) ? PROTOCOL_ACTIONS[action].label : action;
}

/** The kinds, in the filter's order, with their German names. */
export const PROTOCOL_KINDS: readonly { kind: EpaProtocolKind; label: string }[] = [
  { kind: 'access', label: 'Zugriffe auf die Akte' },
  { kind: 'login', label: 'Anmeldungen' },
  { kind: 'device', label: 'Geräte' },
  { kind: 'representation', label: 'Vertretung' },
];

export function isProtocolKind(value: unknown): value is EpaProtocolKind {
  return PROTOCOL_KINDS.some((k) => k.kind === value);
}

export const RESULT_LABELS = { success: 'erfolgreich', denied: 'abgewiesen', failed: 'fehlgeschlagen' } as const;
