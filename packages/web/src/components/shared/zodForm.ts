import type { FormInstance } from 'antd';
import type { z } from 'zod';
import type { Translate } from '../../i18n/context';
import { issueMessage } from '../../i18n/zodMessages';

export type FieldPath = readonly (string | number)[];

/** A text field's value for the schema: trimmed, and undefined when empty (optional fields are left out, not sent as ""). */
export function blank(s: string | undefined): string | undefined {
  const v = s?.trim();
  return v ? v : undefined;
}

export interface ZodCheck<T> {
  data: T | undefined;
  /** Problems not tied to one of the form's fields (e.g. an ordering rule over several). */
  formErrors: string[];
}

/**
 * Validates the form's values with a domain schema and shows the issues on the fields. With
 * `onlyTouched`, untouched fields stay quiet (live validation while typing); without it every
 * problem is shown (on submit). The form must not also declare antd rules for these fields.
 */
export function checkWithZod<S extends z.ZodType>(
  form: FormInstance,
  schema: S,
  input: unknown,
  fields: readonly FieldPath[],
  t: Translate,
  onlyTouched: boolean,
): ZodCheck<z.output<S>> {
  const result = schema.safeParse(input);
  const byField = new Map<string, string[]>();
  const formErrors: string[] = [];
  const fieldKeys = new Set(fields.map((f) => f.join('.')));
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = issue.path.map(String).join('.');
      const message = issueMessage(issue, t);
      if (fieldKeys.has(key)) {
        const list = byField.get(key) ?? [];
        if (!list.includes(message)) list.push(message);
        byField.set(key, list);
      } else if (!formErrors.includes(message)) {
        formErrors.push(message);
      }
    }
  }
  form.setFields(fields.map((name) => ({
    name: [...name],
    errors: onlyTouched && !form.isFieldTouched([...name]) ? [] : byField.get(name.join('.')) ?? [],
  })));
  return { data: result.success ? result.data : undefined, formErrors };
}

/**
 * Adds a problem the schema cannot know (more than the stock, an expired batch) to a field, after
 * checkWithZod has set the field's errors; quiet while the field is untouched in live validation.
 */
export function addFieldError(form: FormInstance, name: string, message: string, onlyTouched: boolean): void {
  if (onlyTouched && !form.isFieldTouched(name)) return;
  const current = form.getFieldError(name);
  if (current.includes(message)) return;
  form.setFields([{ name, errors: [...current, message] }]);
}
