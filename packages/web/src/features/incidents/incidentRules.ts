import {
  ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, NotifyOutside, type Incident, type IncidentEvent, type IncidentStepView,
} from '@fangkong/domain';
import type { Translate } from '../../i18n/context';

/*
 * What the incident pages work out for themselves, without React: the time the server's states were
 * computed at, how far a step is from its deadline, the order of the board, a file's check before
 * it is sent, and what a timeline event says.
 */

const MINUTE = 60_000;
const HOWS = NotifyOutside.shape.how.options;

/**
 * The time to measure an incident's deadlines against: the browser's clock, kept within what the
 * server's step states say (a late step's deadline has passed, a pending one's has not), so that
 * "in 5 min" never sits next to a "late" tag when the two clocks differ (e.g. a test's moved
 * clock). A closed incident is measured at its closing, as the server does.
 */
export function incidentNow(incident: Pick<Incident, 'openedAt' | 'status' | 'closedAt' | 'steps'>, browserNow: number): number {
  if (incident.status === 'closed' && incident.closedAt) return Date.parse(incident.closedAt);
  let low = Date.parse(incident.openedAt);
  let high = Number.POSITIVE_INFINITY;
  for (const s of incident.steps) {
    const due = Date.parse(s.dueAt);
    if (s.doneAt) low = Math.max(low, Date.parse(s.doneAt));
    if (s.state === 'late') low = Math.max(low, due + 1);
    if (s.state === 'pending') high = Math.min(high, due);
  }
  return high < low ? browserNow : Math.min(Math.max(browserNow, low), high);
}

/** Where a step stands against its deadline, in whole minutes (at least 1 once late). */
export type DueDistance =
  | { kind: 'left'; minutes: number }
  | { kind: 'late'; minutes: number }
  | { kind: 'done' }
  | { kind: 'doneLate'; minutes: number };

export function dueDistance(step: Pick<IncidentStepView, 'dueAt' | 'doneAt' | 'state'>, now: number): DueDistance {
  const due = Date.parse(step.dueAt);
  if (step.doneAt) {
    const over = Date.parse(step.doneAt) - due;
    return over > 0 ? { kind: 'doneLate', minutes: Math.max(1, Math.floor(over / MINUTE)) } : { kind: 'done' };
  }
  if (step.state === 'late' || now > due) return { kind: 'late', minutes: Math.max(1, Math.floor((now - due) / MINUTE)) };
  return { kind: 'left', minutes: Math.max(0, Math.ceil((due - now) / MINUTE)) };
}

/** A number of minutes split for display: days, hours and minutes (the largest two that matter). */
export function splitMinutes(total: number): { days: number; hours: number; minutes: number } {
  const m = Math.max(0, Math.round(total));
  return { days: Math.floor(m / 1440), hours: Math.floor((m % 1440) / 60), minutes: m % 60 };
}

/** The step an incident waits for first: a late one (the longest overdue), else the nearest deadline. */
export function nextStep(incident: Pick<Incident, 'steps'>): IncidentStepView | undefined {
  const open = incident.steps.filter((s) => !s.doneAt);
  const late = open.filter((s) => s.state === 'late');
  const pool = late.length > 0 ? late : open;
  return [...pool].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))[0];
}

export function hasLateStep(incident: Pick<Incident, 'steps'>): boolean {
  return incident.steps.some((s) => s.state === 'late');
}

/**
 * The board's order: incidents with a late step first (the longest overdue first), then by the
 * nearest deadline, then those waiting for nothing (newest first).
 */
export function boardOrder<T extends Pick<Incident, 'steps' | 'openedAt'>>(incidents: readonly T[]): T[] {
  const rank = (i: T) => {
    const next = nextStep(i);
    if (!next) return [2, -Date.parse(i.openedAt)] as const;
    return [hasLateStep(i) ? 0 : 1, Date.parse(next.dueAt)] as const;
  };
  return [...incidents].sort((a, b) => {
    const [ra, ka] = rank(a);
    const [rb, kb] = rank(b);
    return ra - rb || ka - kb;
  });
}

export type AttachmentProblem = 'type' | 'size' | 'empty';

/** Why a file cannot be attached (checked before sending; the server checks the bytes again), or null. */
export function attachmentProblem(file: Pick<File, 'type' | 'size'>): AttachmentProblem | null {
  if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.type)) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > ATTACHMENT_MAX_BYTES) return 'size';
  return null;
}

/** "1.2 MB", "340 KB". */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** How an outside party was told, in words ("Phone"); a way this version does not know as it is. */
export function howText(how: string | null, t: Translate): string | null {
  if (how === null) return null;
  return (HOWS as readonly string[]).includes(how) ? t(`notifyHow.${how as NotifyOutside['how']}`) : how;
}

/** What a timeline event says: its title and the line under it, from the event's fields. */
export function eventText(e: IncidentEvent, t: Translate): { title: string; note: string | null } {
  const receiver = e.receiver ? t(`receiver.${e.receiver}`) : null;
  switch (e.kind) {
    case 'opened':
      return { title: t('incidents.event.opened'), note: e.note };
    case 'action':
      return { title: e.action ? t(`incidentAction.${e.action}`) : t('incidents.event.action'), note: e.note };
    case 'step_done':
      return { title: receiver ? t('incidents.event.stepDone', { receiver }) : t('incidents.event.stepDoneAny'), note: e.note };
    case 'step_late':
      return {
        title: receiver ? t('incidents.event.stepLate', { receiver }) : t('incidents.event.stepLateAny'),
        note: e.escalatedTo ? t('incidents.step.escalatedTo', { receiver: t(`receiver.${e.escalatedTo}`) }) : e.note,
      };
    case 'outside_notified':
      // The note is the contact and what was said, as the server joined them.
      return {
        title: receiver ? t('incidents.event.notified', { receiver }) : t('incidents.event.notifiedAny'),
        note: [howText(e.how, t), e.note].filter(Boolean).join(' · ') || null,
      };
    case 'attachment':
      return { title: t('incidents.event.attachment', { name: e.note ?? '' }), note: null };
    case 'closed':
      return { title: t('incidents.event.closed'), note: e.note };
  }
}
