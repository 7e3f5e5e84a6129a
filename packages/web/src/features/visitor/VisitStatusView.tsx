import { useEffect, useState } from 'react';
import type { Locale, PublicVisitStatus } from '@fangkong/domain';
import { publicEndpoints } from '../../api/publicEndpoints';
import type { VisitorMessageKey } from './messages';
import type { VisitorTranslate } from './visitorI18n';
import { session, visitKey, writeJson } from './visitorStorage';

/** How often the visitor's own status is asked for while the guard has not decided. */
const STATUS_POLL_MS = 5000;

function timeText(iso: string, locale: Locale): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
}

/** The code to show the guard, and what the guard decided (asked for again until decided). */
export function VisitStatusView({ token, initial, locale, t, onNew }: {
  token: string;
  initial: PublicVisitStatus;
  locale: Locale;
  t: VisitorTranslate;
  onNew: () => void;
}) {
  const [status, setStatus] = useState(initial);
  const [checking, setChecking] = useState(false);
  const waiting = status.status === 'pending';

  useEffect(() => {
    writeJson(session, visitKey(token), status);
  }, [token, status]);

  useEffect(() => {
    if (!waiting) return undefined;
    const controller = new AbortController();
    const timer = window.setInterval(() => {
      setChecking(true);
      publicEndpoints.status(token, status.code, controller.signal)
        .then(setStatus)
        // A failed poll (network, rate limit) keeps the last known status; the next one may succeed.
        .catch(() => undefined)
        .finally(() => setChecking(false));
    }, STATUS_POLL_MS);
    return () => {
      controller.abort();
      window.clearInterval(timer);
    };
  }, [token, status.code, waiting]);

  return (
    <div className="vp-result">
      <h2 className="vp-code-title">{t('visitor.codeTitle')}</h2>
      <div className="vp-big-code" data-testid="visitor-code" aria-label={status.code.split('').join(' ')}>{status.code}</div>
      {waiting && <p className="vp-valid">{t('visitor.codeValidUntil', { time: timeText(status.expiresAt, locale) })}</p>}
      <div className={`vp-status vp-status-${status.status}`} data-testid="visitor-status" data-status={status.status} role="status" aria-live="polite">
        <div className="vp-status-label">{t('visitor.statusLabel')}：<strong>{t(`visitStatus.${status.status}`)}</strong></div>
        <p>{t(`visitor.statusHint.${status.status}` as VisitorMessageKey)}</p>
        {status.status === 'refused' && status.refusalReasons.length > 0 && (
          <>
            <p className="vp-reasons">
              {t('visitor.refusedBecause')}
              {status.refusalReasons.map((r) => t(`refusal.${r}`)).join(locale === 'en' ? '; ' : '；')}
            </p>
            <p className="vp-advice">{t('visitor.refusedAdvice')}</p>
          </>
        )}
        {checking && <span className="vp-checking">{t('visitor.checking')}</span>}
      </div>
      {!waiting && (
        <button type="button" className="vp-submit vp-secondary" onClick={onNew} data-testid="visitor-new">{t('visitor.newRegistration')}</button>
      )}
    </div>
  );
}
