import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { DEFAULT_TIME_ZONE, localDay } from '@fangkong/domain';

dayjs.extend(utc);
dayjs.extend(timezone);

// Dates and times are those of the deployment (its monitoring days, deadlines and "today"), not of
// the browser's machine: a reader in another zone sees the same day and hour as the site.
let zone: string = DEFAULT_TIME_ZONE;
// Where the server's clock stands from real time (its demonstration clock): the pages' "today" is the server's.
let offsetMs = 0;

/** The deployment's zone and the server clock's offset, from the signed-in user's answer. */
export function setServerTime(timeZone: string, clockOffsetMs: number): void {
  zone = timeZone;
  offsetMs = clockOffsetMs;
}

/** Now by the server's clock. */
function now(): number {
  return Date.now() + offsetMs;
}

/** Today in the deployment's zone, by the server's clock: the one "today" of every page. */
export function today(): string {
  return localDay(new Date(now()), zone);
}

/** An instant as the deployment's wall clock shows it. */
export function formatAt(at: string | number | Date | Dayjs, pattern: string): string {
  return dayjs(at).tz(zone).format(pattern);
}

/** Now, as a picker value that shows the deployment's wall clock. */
export function nowInZone(): Dayjs {
  return dayjs(now()).tz(zone);
}

/** A date-time picked as the deployment's wall clock, as the instant it names (ISO with offset). */
export function zonedInstant(picked: Dayjs): string {
  return dayjs.tz(picked.format('YYYY-MM-DDTHH:mm:ss'), zone).format();
}

/** Whether a picked calendar day is after today in the deployment's zone (pickers refuse the future). */
export function afterToday(d: Dayjs): boolean {
  return d.format('YYYY-MM-DD') > today();
}
