/*
 * What a nurse types into a temperature field, read as ℃: "36.6", "36,6" (comma as the decimal
 * mark) and "366" (three digits without the dot) all mean 36.6; "37" means 37.0.
 */

export type ParsedTemperature =
  | { kind: 'empty' }
  | { kind: 'invalid' }
  | { kind: 'value'; value: number };

export function parseTemperature(text: string): ParsedTemperature {
  const s = text.trim().replace(/[,，。]/g, '.').replace(/\s+/g, '');
  if (s === '') return { kind: 'empty' };
  if (/^\d{3}$/.test(s)) return { kind: 'value', value: Number(`${s.slice(0, 2)}.${s.slice(2)}`) };
  if (/^\d{2}(\.\d?)?$/.test(s)) return { kind: 'value', value: Math.round(Number(s.replace(/\.$/, '')) * 10) / 10 };
  return { kind: 'invalid' };
}

/** A temperature with one decimal, as a thermometer shows it. */
export function formatTemperature(value: number): string {
  return value.toFixed(1);
}
