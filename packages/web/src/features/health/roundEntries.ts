import {
  assessReading, isImplausible, Temperature, type FeverBand, type PolicyBody, type ReadingInput, type RoundPerson, type Symptom,
} from '@fangkong/domain';
import { parseTemperature } from './temperature';

/** What the nurse has typed for one person and not saved yet. */
export interface Entry {
  text: string;
  symptoms: Symptom[];
  /** Re-entered on purpose although outside the plausible range. */
  confirmed: boolean;
  /** Chosen once per entry, so that a retry after a lost answer is not a second reading. */
  clientId: string;
}

export type Entries = Readonly<Record<string, Entry>>;

export type RowProblem = 'format' | 'range' | 'confirm' | 'noTemperature';

/** One row of the round as shown: the person, what was typed, and what it means. */
export interface RowView {
  person: RoundPerson;
  entry: Entry | undefined;
  /** Has a temperature typed (valid or not): it will be saved, or must be fixed. */
  pending: boolean;
  value: number | undefined;
  band: FeverBand | undefined;
  fever: boolean;
  implausible: boolean;
  problem: RowProblem | undefined;
  /** Measured as often today as the policy asks. */
  done: boolean;
}

export function newEntry(): Entry {
  return { text: '', symptoms: [], confirmed: false, clientId: crypto.randomUUID() };
}

export function rowView(person: RoundPerson, entry: Entry | undefined, monitoring: PolicyBody['monitoring'] | undefined, readingsPerDay: number): RowView {
  const parsed = parseTemperature(entry?.text ?? '');
  const base = { person, entry, done: person.readings.length >= readingsPerDay };
  if (parsed.kind === 'empty') {
    return {
      ...base, pending: false, value: undefined, band: undefined, fever: false, implausible: false,
      problem: entry && entry.symptoms.length > 0 ? 'noTemperature' : undefined,
    };
  }
  if (parsed.kind === 'invalid' || !Temperature.safeParse(parsed.value).success) {
    return {
      ...base, pending: true, value: undefined, band: undefined, fever: false, implausible: false,
      problem: parsed.kind === 'invalid' ? 'format' : 'range',
    };
  }
  const value = parsed.value;
  if (!monitoring) return { ...base, pending: true, value, band: undefined, fever: false, implausible: false, problem: undefined };
  const { band, fever } = assessReading(value, entry?.symptoms ?? [], monitoring);
  const implausible = isImplausible(value, monitoring);
  return {
    ...base, pending: true, value, band, fever, implausible,
    problem: implausible && !entry?.confirmed ? 'confirm' : undefined,
  };
}

/**
 * When a reading of a past day was taken: noon of that day in the deployment's time zone
 * (Asia/Shanghai, which has no daylight saving); now (omitted) for today.
 */
export function measuredAtFor(day: string, today: string): string | undefined {
  return day === today ? undefined : `${day}T12:00:00+08:00`;
}

export function toReadingInput(row: RowView, day: string, today: string): ReadingInput {
  const entry = row.entry;
  if (!entry || row.value === undefined) throw new Error('toReadingInput: no value');
  const measuredAt = measuredAtFor(day, today);
  return {
    personId: row.person.id,
    temperature: row.value,
    symptoms: entry.symptoms,
    clientId: entry.clientId,
    ...(row.implausible ? { confirmed: true } : {}),
    ...(measuredAt ? { measuredAt } : {}),
  };
}

/** `readings.3.temperature` (or `body.readings.3.temperature`) → index 3 and field `temperature`. */
export function batchFieldIndex(path: string): { index: number; field: string | undefined } | undefined {
  const m = /(?:^|\.)readings\.(\d+)(?:\.(\w+))?/.exec(path);
  if (!m?.[1]) return undefined;
  return { index: Number(m[1]), field: m[2] };
}
