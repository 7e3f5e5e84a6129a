import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { DEFAULT_TIME_ZONE, type Locale, type PublicEvent } from '@fangkong/domain';
import { publicMourning } from '../../api/publicEndpoints';
import { usePublicI18n, type PublicTranslate } from '../publicPage/publicI18n';
import { PublicLoadState, usePublicLoad } from '../publicPage/publicLoad';
import { LanguageSwitch, PublicShell } from '../publicPage/PublicShell';
import mournerMessages, { type MournerMessageKey } from './messages';
import { MournerForm, type Outcome } from './MournerForm';

export type MournerTranslate = PublicTranslate<MournerMessageKey>;

/** An instant as the deployment's clock shows it (the public page carries no zone library). */
function when(iso: string, locale: Locale): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleString(locale, { timeZone: DEFAULT_TIME_ZONE, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** The event the mourner came for: hall, deceased, times, and how many have registered against the cap. */
function EventSummary({ event, locale, t }: { event: PublicEvent; locale: Locale; t: MournerTranslate }) {
  return (
    <div className="vp-status" data-testid="mourner-event" style={{ marginTop: 0, marginBottom: 16 }}>
      <strong className="vp-status-label">{t('mourner.event', { deceased: event.deceasedName })}</strong>
      <p>{t('mourner.where', { site: event.siteName, hall: event.hallName })}</p>
      <p>{t('mourner.when', { from: when(event.startsAt, locale), to: when(event.endsAt, locale) })}</p>
      <p data-testid="mourner-count">{t('mourner.count', { attendees: event.attendees, cap: event.cap })}</p>
    </div>
  );
}

function Answer({ outcome, t, onAgain }: { outcome: Outcome; t: MournerTranslate; onAgain: () => void }) {
  return (
    <div className="vp-result">
      {outcome.kind === 'admitted' ? (
        <div className="vp-status vp-status-admitted" role="status" data-testid="mourner-admitted">
          <strong className="vp-status-label">✓ {t('mourner.admittedTitle')}</strong>
          <p>{t('mourner.admittedText', { name: outcome.answer.name, event: outcome.answer.eventName })}</p>
          <p>{t('mourner.count', { attendees: outcome.answer.attendees, cap: outcome.answer.cap })}</p>
        </div>
      ) : (
        <div className="vp-status vp-status-refused" role="alert" data-testid="mourner-refused">
          <strong className="vp-status-label">✕ {t('mourner.refusedTitle')}</strong>
          <p data-testid="mourner-refusal">{outcome.message}</p>
        </div>
      )}
      <button type="button" className="vp-submit vp-secondary" onClick={onAgain} data-testid="mourner-again">{t('mourner.again')}</button>
    </div>
  );
}

/** `/m/:token`: the page a mourner's phone opens from the event's QR code. No sign-in. */
export function MournerPage({ token }: { token: string }) {
  const { locale, setLocale, t } = usePublicI18n(mournerMessages);
  const load = useCallback((signal: AbortSignal) => publicMourning.event(token, signal), [token]);
  const tooMany = useCallback((seconds: number) => t('mourner.tooMany', { seconds }), [t]);
  // Asked again after each answer (reload), so that the next mourner sees the count.
  const { state: event, retry, reload } = usePublicLoad(load, tooMany);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  useEffect(() => {
    document.title = event.kind === 'ready' ? `${event.value.deceasedName} · ${t('mourner.title')}` : t('mourner.title');
  }, [event, t]);

  let body: ReactNode;
  if (event.kind !== 'ready') {
    body = (
      <PublicLoadState
        state={event}
        testIdPrefix="mourner"
        onRetry={retry}
        texts={{ loading: t('mourner.loading'), notFoundTitle: t('mourner.notFoundTitle'), notFoundText: t('mourner.notFoundText'), loadFailed: t('mourner.loadFailed'), retry: t('mourner.retry') }}
      />
    );
  } else {
    const e = event.value;
    const closed = e.state === 'ended' || e.state === 'cancelled';
    body = (
      <>
        <EventSummary event={e} locale={locale} t={t} />
        {outcome ? (
          <Answer outcome={outcome} t={t} onAgain={() => {
            setOutcome(null);
            window.scrollTo(0, 0);
          }}
          />
        ) : closed ? <div className="vp-failure" data-testid="mourner-closed">{t('mourner.closed')}</div>
          : e.attendees >= e.cap ? <div className="vp-failure" data-testid="mourner-full">{t('mourner.full')}</div>
            : (
              <MournerForm token={token} event={e} locale={locale} t={t} onAnswer={(o) => {
                setOutcome(o);
                reload();
                window.scrollTo(0, 0);
              }}
              />
            )}
      </>
    );
  }

  return (
    <PublicShell
      kicker={t('mourner.title')}
      title={event.kind === 'ready' ? event.value.hallName : undefined}
      titleTestId="mourner-hall"
      language={<LanguageSwitch locale={locale} setLocale={setLocale} label={t('mourner.language')} />}
      footer={t('mourner.footer')}
    >
      {body}
    </PublicShell>
  );
}
