/** Texts of the provider portal's own rules: IK lookup, IK-Verwaltung, LE-Admin rights. */
export const providerMessages = {
  'ik.unknown': 'Diese IK-Nummer ist im IK-Register nicht bekannt. Bitte prüfen Sie die neun Ziffern oder wenden Sie sich an den technischen Support.',
  'ik.no_insurer': 'Für die Region dieser IK-Nummer ist keine AOK zuständig. Bitte wenden Sie sich an den technischen Support.',
  'iks.already_yours': 'Diese IK-Nummer wird bereits von Ihnen verwaltet oder ist schon beantragt.',
  'backoffice.ik_held': 'Diese IK-Nummer wird bereits von einem anderen Leistungserbringer verwaltet. Bitte lehnen Sie den Antrag mit einem Grund ab.',
  'iks.not_open': 'Diese IK-Nummer ist bereits geprüft; Dateien können nicht mehr geändert werden.',
  'iks.last': 'Die letzte IK-Nummer Ihrer Einrichtung kann nicht entfernt werden.',
  'partner.admin_only': 'Diese Funktion steht nur Leistungserbringer-Administratoren (LE-Admin) zur Verfügung.',
  'partner.advices_only': 'Sie haben keine Berechtigung für Zahlungsavise. Bitte wenden Sie sich an Ihren LE-Admin.',
  'users.last_admin': 'Jede Einrichtung braucht mindestens einen aktiven LE-Admin. Vergeben Sie zuerst einem anderen Nutzer Administrationsrechte.',
  'users.self': 'Ihren eigenen Zugang können Sie hier nicht sperren.',
  'users.locked_by_staff': 'Dieser Zugang wurde von Ihrer AOK gesperrt und kann nur von ihr entsperrt werden.',
  'users.admin_has_all': 'Administratoren sehen Zahlungsavise immer.',
  'backoffice.insurer_invalid': 'Bitte wählen Sie die AOK, an die die Registrierung gehen soll.',
} as const satisfies Record<string, string>;

export type ProviderCode = keyof typeof providerMessages;

export const providerMessagesEn: Record<ProviderCode, string> = {
  'ik.unknown': 'This IK number is not in the IK register. Please check the nine digits or contact technical support.',
  'ik.no_insurer': 'No AOK is responsible for the region of this IK number. Please contact technical support.',
  'iks.already_yours': 'You already manage or have requested this IK number.',
  'backoffice.ik_held': 'Another provider already manages this IK number. Please refuse the request with a reason.',
  'iks.not_open': 'This IK number has been checked already; its files can no longer be changed.',
  'iks.last': 'The last IK number of your institution cannot be removed.',
  'partner.admin_only': 'Only provider administrators (LE-Admin) may use this function.',
  'partner.advices_only': 'You may not see payment advices. Please ask your LE-Admin.',
  'users.last_admin': 'Every institution needs at least one active LE-Admin. Give administrator rights to another user first.',
  'users.self': 'You cannot lock your own access here.',
  'users.locked_by_staff': 'Your AOK locked this access; only they can unlock it.',
  'users.admin_has_all': 'Administrators always see payment advices.',
  'backoffice.insurer_invalid': 'Please choose the AOK the registration should go to.',
};
