import { useId, useState } from 'react';
import { FIELD_MESSAGES, MOURNER_SYMPTOMS, MournerRegistration, type Locale, type MournerSymptom, type PublicEvent, type PublicMournerAnswer } from '@fangkong/domain';
import type { z } from 'zod';
import { isApiError } from '../../api/client';
import { publicMourning } from '../../api/publicEndpoints';
import { FieldBlock } from '../publicPage/PublicShell';
import type { MournerTranslate } from './MournerPage';

type Field = 'name' | 'phone' | 'symptoms' | 'consent';
type Errors = Partial<Record<Field, string>>;

interface Draft {
  name: string;
  phone: string;
  symptoms: MournerSymptom[];
  /** "None of these" was chosen: an explicit answer. */
  noSymptoms: boolean;
  consent: boolean;
}

const FIELDS: readonly Field[] = ['name', 'phone', 'symptoms', 'consent'];
const isField = (v: unknown): v is Field => typeof v === 'string' && (FIELDS as readonly string[]).includes(v);

function issueText(issue: z.core.$ZodIssue, field: Field, locale: Locale, t: MournerTranslate): string {
  const keyed = FIELD_MESSAGES[issue.message];
  if (keyed) return keyed[locale];
  if (field === 'symptoms') return t('mourner.pickOne');
  if (issue.code === 'too_big') return t('mourner.tooLong', { max: Number(issue.maximum) });
  if (issue.code === 'too_small' || issue.code === 'invalid_type') return t('mourner.required');
  return t('mourner.invalid');
}

/** Every problem of the draft, by field: the domain's schema decides, as the server will. */
function validate(d: Draft, locale: Locale, t: MournerTranslate): { errors: Errors; data: MournerRegistration | undefined } {
  const errors: Errors = {};
  const result = MournerRegistration.safeParse({ name: d.name, phone: d.phone, symptoms: d.symptoms, consent: d.consent });
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = issue.path[0];
      if (isField(field) && !errors[field]) errors[field] = issueText(issue, field, locale, t);
    }
  }
  // A declaration, not a default: "none" must be chosen as plainly as a symptom.
  if (!d.noSymptoms && d.symptoms.length === 0) errors.symptoms = t('mourner.pickOne');
  return { errors, data: result.success && Object.keys(errors).length === 0 ? result.data : undefined };
}

export type Outcome = { kind: 'admitted'; answer: PublicMournerAnswer } | { kind: 'refused'; message: string };

/** The mourner's form: checked as typed, sent once complete; the answer (admitted or refused with the plan's words) goes up. */
export function MournerForm({ token, event, locale, t, onAnswer }: {
  token: string;
  event: PublicEvent;
  locale: Locale;
  t: MournerTranslate;
  onAnswer: (outcome: Outcome) => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState<Draft>({ name: '', phone: '', symptoms: [], noSymptoms: false, consent: false });
  const [touched, setTouched] = useState<ReadonlySet<Field>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const { errors } = validate(draft, locale, t);
  const shown = (f: Field) => serverErrors[f] ?? (submitted || touched.has(f) ? errors[f] : undefined);
  const change = (patch: Partial<Draft>, field: Field, touch = true) => {
    setDraft((d) => ({ ...d, ...patch }));
    if (touch) setTouched((prev) => new Set([...prev, field]));
    setServerErrors((prev) => {
      if (!(field in prev)) return prev;
      const next = { ...prev };
      delete next[field];
      return next;
    });
  };
  const toggle = (s: MournerSymptom) =>
    change({ symptoms: draft.symptoms.includes(s) ? draft.symptoms.filter((x) => x !== s) : [...draft.symptoms, s], noSymptoms: false }, 'symptoms');

  const submit = () => {
    setSubmitted(true);
    setFailure(null);
    const { data } = validate(draft, locale, t);
    if (!data) {
      setFailure(t('mourner.fixErrors'));
      window.setTimeout(() => document.querySelector('.vp-field-error')?.scrollIntoView({ block: 'center', behavior: 'smooth' }), 0);
      return;
    }
    setSending(true);
    publicMourning.register(token, data).then((answer) => onAnswer({ kind: 'admitted', answer })).catch((e: unknown) => {
      if (!isApiError(e)) return setFailure(t('mourner.failed'));
      if (e.code === 'network') return setFailure(t('mourner.network'));
      if (e.code === 'rate_limited') return setFailure(e.message || t('mourner.tooMany', { seconds: e.retryAfterSeconds ?? 60 }));
      const placed: Errors = {};
      for (const f of e.fields) {
        const field = f.path.split('.').filter((p) => p !== 'body')[0];
        if (isField(field) && !placed[field]) placed[field] = FIELD_MESSAGES[f.message]?.[locale] ?? f.message;
      }
      // A refusal of the plan: the register full or the event over (no field), or a symptom declared
      // (on the symptoms, which are true and not to be fixed). The answer says so in the plan's words.
      const refusal = e.status === 409 || (e.status === 400 && Object.keys(placed).every((f) => f === 'symptoms'));
      if (refusal && e.message) return onAnswer({ kind: 'refused', message: e.message });
      setServerErrors(placed);
      return setFailure(e.message || t('mourner.failed'));
    }).finally(() => setSending(false));
  };

  const text = (f: 'name' | 'phone', props: Record<string, string | number>) => (
    <input
      id={`${id}-${f}`}
      className="vp-input"
      value={draft[f]}
      aria-invalid={shown(f) ? true : undefined}
      onChange={(e) => change({ [f]: e.target.value }, f, false)}
      onBlur={() => setTouched((prev) => new Set([...prev, f]))}
      {...props}
    />
  );

  return (
    <form className="vp-form" noValidate onSubmit={(e) => {
      e.preventDefault();
      submit();
    }}
    >
      <p className="vp-intro">{t('mourner.intro')}</p>
      <FieldBlock label={t('mourner.name')} error={shown('name')} htmlFor={`${id}-name`}>
        {text('name', { autoComplete: 'name', maxLength: 50, 'data-testid': 'mourner-name' })}
      </FieldBlock>
      <FieldBlock label={t('mourner.phone')} error={shown('phone')} htmlFor={`${id}-phone`}>
        {text('phone', { type: 'tel', inputMode: 'tel', autoComplete: 'tel', maxLength: 20, 'data-testid': 'mourner-phone' })}
      </FieldBlock>
      <FieldBlock label={t('mourner.symptoms')} error={shown('symptoms')} labelId={`${id}-symptoms`}>
        <div className="vp-choices" role="group" aria-labelledby={`${id}-symptoms`}>
          {MOURNER_SYMPTOMS.map((s) => (
            <button
              key={s}
              type="button"
              className={`vp-choice vp-choice-bad${draft.symptoms.includes(s) ? ' vp-on' : ''}`}
              aria-pressed={draft.symptoms.includes(s)}
              onClick={() => toggle(s)}
              data-testid={`symptom-${s}`}
            >
              {t(`mourner.symptom.${s}`)}
            </button>
          ))}
          <button
            type="button"
            className={`vp-choice${draft.noSymptoms ? ' vp-on' : ''}`}
            aria-pressed={draft.noSymptoms}
            onClick={() => change({ symptoms: [], noSymptoms: true }, 'symptoms')}
            data-testid="symptom-none"
          >
            {t('mourner.symptomNone')}
          </button>
        </div>
      </FieldBlock>
      <section className="vp-consent" aria-labelledby={`${id}-consent-title`}>
        <h2 id={`${id}-consent-title`}>{t('mourner.consentTitle')}</h2>
        <p>{t('mourner.consentText', { days: event.retentionDays })}</p>
        <label className={shown('consent') ? 'vp-check vp-field-error' : 'vp-check'}>
          <input type="checkbox" checked={draft.consent} onChange={(e) => change({ consent: e.target.checked }, 'consent')} data-testid="mourner-consent" />
          <span>{t('mourner.consent')}</span>
        </label>
        {shown('consent') && <div className="vp-error" role="alert">{shown('consent')}</div>}
      </section>
      {failure && <div className="vp-failure" role="alert" data-testid="mourner-failure">{failure}</div>}
      <button type="submit" className="vp-submit" disabled={sending} data-testid="mourner-submit">
        {sending ? t('mourner.submitting') : t('mourner.submit')}
      </button>
    </form>
  );
}
