import { useEffect, useId, useState } from 'react';
import {
  FIELD_MESSAGES, SelfRegistration, VISITOR_SYMPTOMS,
  type HealthCode, type Locale, type PublicSite, type PublicVisitStatus, type VisitorSymptom,
} from '@fangkong/domain';
import type { z } from 'zod';
import { isApiError } from '../../api/client';
import { publicEndpoints } from '../../api/publicEndpoints';
import { FieldBlock } from '../publicPage/PublicShell';
import type { VisitorTranslate } from './visitorI18n';
import { DETAILS_KEY, local, savedDetails, writeJson, type SavedDetails } from './visitorStorage';

const CODES: readonly HealthCode[] = ['green', 'yellow', 'red'];

type Field = 'name' | 'phone' | 'idNumber' | 'visiting' | 'healthCode' | 'symptoms' | 'riskAreaTravel' | 'consent';
type Errors = Partial<Record<Field, string>>;

interface Draft {
  name: string;
  phone: string;
  idNumber: string;
  visiting: string;
  healthCode: HealthCode | undefined;
  symptoms: VisitorSymptom[];
  /** "无" was chosen: an explicit answer that there are no symptoms. */
  noSymptoms: boolean;
  riskAreaTravel: boolean | undefined;
  consent: boolean;
}

function blankDraft(saved: SavedDetails | null): Draft {
  return {
    name: saved?.name ?? '',
    phone: saved?.phone ?? '',
    idNumber: saved?.idNumber ?? '',
    visiting: '',
    healthCode: undefined,
    symptoms: [],
    noSymptoms: false,
    riskAreaTravel: undefined,
    consent: false,
  };
}

function toInput(d: Draft): Record<string, unknown> {
  return {
    name: d.name,
    phone: d.phone,
    idNumber: d.idNumber.trim() ? d.idNumber : undefined,
    visiting: d.visiting,
    healthCode: d.healthCode,
    symptoms: d.symptoms,
    riskAreaTravel: d.riskAreaTravel,
    consent: d.consent,
  };
}

const FIELDS: readonly Field[] = ['name', 'phone', 'idNumber', 'visiting', 'healthCode', 'symptoms', 'riskAreaTravel', 'consent'];
const isField = (v: unknown): v is Field => typeof v === 'string' && (FIELDS as readonly string[]).includes(v);

function issueText(issue: z.core.$ZodIssue, field: Field, locale: Locale, t: VisitorTranslate): string {
  const keyed = FIELD_MESSAGES[issue.message];
  if (keyed) return keyed[locale];
  if (field === 'healthCode' || field === 'riskAreaTravel' || field === 'symptoms') return t('visitor.pickOne');
  if (issue.code === 'too_big') return t('visitor.tooLong', { max: Number(issue.maximum) });
  if (issue.code === 'too_small' || issue.code === 'invalid_type') return t('visitor.required');
  return t('visitor.invalid');
}

/** Every problem of the draft, by field (the domain's schema decides, as the server will). */
function validate(d: Draft, site: PublicSite, locale: Locale, t: VisitorTranslate): { errors: Errors; data: SelfRegistration | undefined } {
  const errors: Errors = {};
  const result = SelfRegistration.safeParse(toInput(d));
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = issue.path[0];
      if (isField(field) && !errors[field]) errors[field] = issueText(issue, field, locale, t);
    }
  }
  if (site.idNumberRequired && !d.idNumber.trim()) errors.idNumber = t('visitor.required');
  if (!d.noSymptoms && d.symptoms.length === 0) errors.symptoms = t('visitor.pickOne');
  const ok = result.success && Object.keys(errors).length === 0;
  return { errors, data: ok ? result.data : undefined };
}

/** The visitor's form: validated as typed, remembered on the phone only when asked. */
export function RegistrationForm({ token, site, locale, t, onRegistered }: {
  token: string;
  site: PublicSite;
  locale: Locale;
  t: VisitorTranslate;
  onRegistered: (status: PublicVisitStatus) => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState<Draft>(() => blankDraft(savedDetails()));
  const [remember, setRemember] = useState(() => savedDetails() !== null);
  const [touched, setTouched] = useState<ReadonlySet<Field>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [retryUntil, setRetryUntil] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    if (retryUntil === null) return undefined;
    const timer = window.setInterval(() => {
      const at = Date.now();
      setNow(at);
      if (at >= retryUntil) setRetryUntil(null);
    }, 1000);
    return () => window.clearInterval(timer);
  }, [retryUntil]);
  const waitSeconds = retryUntil === null ? 0 : Math.max(0, Math.ceil((retryUntil - now) / 1000));

  const { errors } = validate(draft, site, locale, t);
  const shown = (f: Field) => serverErrors[f] ?? (submitted || touched.has(f) ? errors[f] : undefined);

  const change = (patch: Partial<Draft>, fields: readonly Field[] = []) => {
    setDraft((d) => ({ ...d, ...patch }));
    if (fields.length > 0) {
      setTouched((prev) => new Set([...prev, ...fields]));
      setServerErrors((prev) => {
        const next = { ...prev };
        for (const f of fields) delete next[f];
        return next;
      });
    }
  };
  const touch = (f: Field) => setTouched((prev) => (prev.has(f) ? prev : new Set([...prev, f])));
  const textChange = (f: 'name' | 'phone' | 'idNumber' | 'visiting', value: string) => {
    setDraft((d) => ({ ...d, [f]: value }));
    setServerErrors((prev) => {
      if (!(f in prev)) return prev;
      const next = { ...prev };
      delete next[f];
      return next;
    });
  };

  const toggleSymptom = (s: VisitorSymptom) => {
    const symptoms = draft.symptoms.includes(s) ? draft.symptoms.filter((x) => x !== s) : [...draft.symptoms, s];
    change({ symptoms, noSymptoms: false }, ['symptoms']);
  };

  const onRemember = (on: boolean) => {
    setRemember(on);
    // Unticking means "do not keep my details here": drop what an earlier visit stored.
    if (!on) writeJson(local, DETAILS_KEY, null);
  };

  const forget = () => {
    writeJson(local, DETAILS_KEY, null);
    setRemember(false);
    setDraft((d) => ({ ...d, name: '', phone: '', idNumber: '' }));
    setNotice(t('visitor.forgotten'));
  };

  const submit = () => {
    setSubmitted(true);
    setFailure(null);
    setNotice(null);
    const { data } = validate(draft, site, locale, t);
    if (!data || waitSeconds > 0) {
      if (!data) {
        setFailure(t('visitor.fixErrors'));
        window.setTimeout(() => document.querySelector('.vp-field-error')?.scrollIntoView({ block: 'center', behavior: 'smooth' }), 0);
      }
      return;
    }
    setSending(true);
    publicEndpoints.register(token, data).then((status) => {
      writeJson(local, DETAILS_KEY, remember ? { name: draft.name.trim(), phone: draft.phone.trim(), idNumber: draft.idNumber.trim() } : null);
      onRegistered(status);
    }).catch((e: unknown) => {
      if (!isApiError(e)) {
        setFailure(t('visitor.failed'));
        return;
      }
      if (e.code === 'rate_limited') {
        const seconds = e.retryAfterSeconds ?? 60;
        setNow(Date.now());
        setRetryUntil(Date.now() + seconds * 1000);
        setFailure(e.message || t('visitor.tooMany', { seconds }));
        return;
      }
      if (e.code === 'network') {
        setFailure(t('visitor.network'));
        return;
      }
      const placed: Errors = {};
      for (const f of e.fields) {
        const field = f.path.split('.').filter((p) => p !== 'body')[0];
        if (isField(field) && !placed[field]) placed[field] = FIELD_MESSAGES[f.message]?.[locale] ?? f.message;
      }
      setServerErrors(placed);
      setFailure(e.message || t('visitor.failed'));
    }).finally(() => setSending(false));
  };

  const input = (f: 'name' | 'phone' | 'idNumber' | 'visiting', props: Record<string, string | number | boolean>) => (
    <input
      id={`${id}-${f}`}
      className="vp-input"
      value={draft[f]}
      aria-invalid={shown(f) ? true : undefined}
      onChange={(e) => textChange(f, e.target.value)}
      onBlur={() => touch(f)}
      {...props}
    />
  );

  return (
    <form
      className="vp-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <p className="vp-intro">{t('visitor.intro')}</p>
      <FieldBlock label={t('visitor.name')} error={shown('name')} htmlFor={`${id}-name`}>
        {input('name', { autoComplete: 'name', maxLength: 50, 'data-testid': 'visitor-name' })}
      </FieldBlock>
      <FieldBlock label={t('visitor.phone')} error={shown('phone')} htmlFor={`${id}-phone`}>
        {input('phone', { type: 'tel', inputMode: 'tel', autoComplete: 'tel', maxLength: 20, 'data-testid': 'visitor-phone' })}
      </FieldBlock>
      <FieldBlock
        label={<>{t('visitor.idNumber')}{!site.idNumberRequired && <span className="vp-optional">{t('visitor.idOptional')}</span>}</>}
        error={shown('idNumber')}
        htmlFor={`${id}-idNumber`}
      >
        {input('idNumber', { autoComplete: 'off', autoCapitalize: 'characters', maxLength: 18, spellCheck: false, 'data-testid': 'visitor-id' })}
      </FieldBlock>
      <FieldBlock label={t('visitor.visiting')} error={shown('visiting')} htmlFor={`${id}-visiting`}>
        {input('visiting', { maxLength: 100, placeholder: t('visitor.visitingPlaceholder'), 'data-testid': 'visitor-visiting' })}
      </FieldBlock>

      <FieldBlock label={t('visitor.healthCode')} error={shown('healthCode')} labelId={`${id}-code`}>
        <div className="vp-codes" role="group" aria-labelledby={`${id}-code`}>
          {CODES.map((c) => (
            <button
              key={c}
              type="button"
              className={`vp-code vp-code-${c}${draft.healthCode === c ? ' vp-on' : ''}`}
              aria-pressed={draft.healthCode === c}
              onClick={() => change({ healthCode: c }, ['healthCode'])}
              data-testid={`code-${c}`}
            >
              {t(`visitor.code.${c}`)}
            </button>
          ))}
        </div>
      </FieldBlock>

      <FieldBlock label={t('visitor.symptoms')} error={shown('symptoms')} labelId={`${id}-symptoms`}>
        <div className="vp-choices" role="group" aria-labelledby={`${id}-symptoms`}>
          {VISITOR_SYMPTOMS.map((s) => (
            <button
              key={s}
              type="button"
              className={`vp-choice vp-choice-bad${draft.symptoms.includes(s) ? ' vp-on' : ''}`}
              aria-pressed={draft.symptoms.includes(s)}
              onClick={() => toggleSymptom(s)}
              data-testid={`symptom-${s}`}
            >
              {t(`visitorSymptom.${s}`)}
            </button>
          ))}
          <button
            type="button"
            className={`vp-choice${draft.noSymptoms ? ' vp-on' : ''}`}
            aria-pressed={draft.noSymptoms}
            onClick={() => change({ symptoms: [], noSymptoms: true }, ['symptoms'])}
            data-testid="symptom-none"
          >
            {t('visitor.symptomNone')}
          </button>
        </div>
      </FieldBlock>

      <FieldBlock label={t('visitor.travel')} error={shown('riskAreaTravel')} labelId={`${id}-travel`}>
        <div className="vp-choices" role="group" aria-labelledby={`${id}-travel`}>
          <button
            type="button"
            className={`vp-choice${draft.riskAreaTravel === false ? ' vp-on' : ''}`}
            aria-pressed={draft.riskAreaTravel === false}
            onClick={() => change({ riskAreaTravel: false }, ['riskAreaTravel'])}
            data-testid="travel-no"
          >
            {t('visitor.travelNo')}
          </button>
          <button
            type="button"
            className={`vp-choice vp-choice-bad${draft.riskAreaTravel === true ? ' vp-on' : ''}`}
            aria-pressed={draft.riskAreaTravel === true}
            onClick={() => change({ riskAreaTravel: true }, ['riskAreaTravel'])}
            data-testid="travel-yes"
          >
            {t('visitor.travelYes')}
          </button>
        </div>
      </FieldBlock>

      <section className="vp-consent" aria-labelledby={`${id}-consent-title`}>
        <h2 id={`${id}-consent-title`}>{t('visitor.consentTitle')}</h2>
        <p>{t('visitor.consentText', { site: site.siteName, days: site.retentionDays })}</p>
        <label className={shown('consent') ? 'vp-check vp-field-error' : 'vp-check'}>
          <input
            type="checkbox"
            checked={draft.consent}
            onChange={(e) => change({ consent: e.target.checked }, ['consent'])}
            data-testid="visitor-consent"
          />
          <span>{t('visitor.consent')}</span>
        </label>
        {shown('consent') && <div className="vp-error" role="alert">{shown('consent')}</div>}
      </section>

      <div className="vp-remember">
        <label className="vp-check">
          <input type="checkbox" checked={remember} onChange={(e) => onRemember(e.target.checked)} data-testid="visitor-remember" />
          <span>{t('visitor.remember')}<small>{t('visitor.rememberHint')}</small></span>
        </label>
        {(savedDetails() !== null || remember) && (
          <button type="button" className="vp-link" onClick={forget} data-testid="visitor-forget">{t('visitor.forget')}</button>
        )}
        {notice && <div className="vp-notice" role="status">{notice}</div>}
      </div>

      {failure && <div className="vp-failure" role="alert" data-testid="visitor-failure">{failure}</div>}
      <button type="submit" className="vp-submit" disabled={sending || waitSeconds > 0} data-testid="visitor-submit">
        {sending ? t('visitor.submitting') : waitSeconds > 0 ? `${t('visitor.submit')} (${waitSeconds})` : t('visitor.submit')}
      </button>
    </form>
  );
}
