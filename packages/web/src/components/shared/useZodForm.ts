import { useState } from 'react';
import { App, Form } from 'antd';
import type { z } from 'zod';
import { useT } from '../../i18n/useT';
import { applyServerFieldErrors } from './errorText';
import { checkWithZod, type FieldPath, type ZodCheck } from './zodForm';

/**
 * A form checked by a domain schema: the antd form, `check` (checkWithZod over the given fields),
 * and the failure a submit ended with, for an error alert. `readyToSubmit` starts a submit from a
 * full check. `fail` is a mutation's onError: it puts the server's field errors on the fields, and
 * keeps as the failure an error that has none of them.
 */
export function useZodForm<V>(fields: readonly FieldPath[]) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const [failure, setFailure] = useState<unknown>(null);

  const check = <S extends z.ZodType>(schema: S, input: unknown, onlyTouched: boolean): ZodCheck<z.output<S>> =>
    checkWithZod(form, schema, input, fields, t, onlyTouched);

  /** Shows the server's errors on the form's fields; whether there were any. */
  const placeServerErrors = (e: unknown): boolean =>
    applyServerFieldErrors(form, e, (name) => fields.some((f) => f.join('.') === name.join('.')));

  /** The checked data, the last failure cleared; undefined (and a message that the form has errors) when the check failed. */
  const readyToSubmit = <T>({ data }: ZodCheck<T>): T | undefined => {
    if (!data) {
      void message.error(t('common.formHasErrors'));
      return undefined;
    }
    setFailure(null);
    return data;
  };

  const fail = (e: unknown): boolean => {
    const placed = placeServerErrors(e);
    setFailure(placed ? null : e);
    return placed;
  };

  return { form, failure, setFailure, check, readyToSubmit, placeServerErrors, fail };
}
