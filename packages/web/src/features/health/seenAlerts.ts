/**
 * Alerts this tab already told the user about in another way (e.g. the round's save result),
 * so that the global notifier does not announce them a second time.
 */
const seen = new Set<string>();

export function rememberSeenAlerts(ids: readonly string[]): void {
  for (const id of ids) seen.add(id);
}

export function wasSeen(id: string): boolean {
  return seen.has(id);
}
