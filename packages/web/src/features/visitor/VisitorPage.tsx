import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { LOCALES, type Locale, type PublicSite, type PublicVisitStatus } from '@fangkong/domain';
import { isApiError } from '../../api/client';
import { publicEndpoints } from '../../api/publicEndpoints';
import { useVisitorI18n, type VisitorTranslate } from './visitorI18n';
import { RegistrationForm } from './VisitorForm';
import { VisitStatusView } from './VisitStatusView';
import { readJson, session, visitKey, writeJson } from './visitorStorage';

const LANGUAGE_NAMES: Record<Locale, string> = { 'zh-CN': '中文', en: 'EN' };

function LanguageSwitch({ locale, setLocale, t }: { locale: Locale; setLocale: (l: Locale) => void; t: VisitorTranslate }) {
  return (
    <div className="vp-lang" role="group" aria-label={t('visitor.language')}>
      {LOCALES.map((l) => (
        <button key={l} type="button" className={l === locale ? 'vp-lang-on' : ''} aria-pressed={l === locale} onClick={() => setLocale(l)} lang={l}>
          {LANGUAGE_NAMES[l]}
        </button>
      ))}
    </div>
  );
}

type SiteState =
  | { kind: 'loading' }
  | { kind: 'ready'; site: PublicSite }
  | { kind: 'notFound' }
  | { kind: 'failed'; message: string | null };

/** `/v/:token`: the page a visitor's phone opens from the site's QR code. No sign-in. */
export function VisitorPage({ token }: { token: string }) {
  const { locale, setLocale, t } = useVisitorI18n();
  const [site, setSite] = useState<SiteState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [visit, setVisit] = useState<PublicVisitStatus | null>(() => readJson<PublicVisitStatus>(session, visitKey(token)));

  useEffect(() => {
    const controller = new AbortController();
    publicEndpoints.site(token, controller.signal).then((s) => setSite({ kind: 'ready', site: s })).catch((e: unknown) => {
      if (controller.signal.aborted) return;
      if (isApiError(e) && e.status === 404) setSite({ kind: 'notFound' });
      else if (isApiError(e) && e.code === 'rate_limited') setSite({ kind: 'failed', message: e.message || t('visitor.tooMany', { seconds: e.retryAfterSeconds ?? 60 }) });
      else setSite({ kind: 'failed', message: null });
    });
    return () => controller.abort();
  }, [token, attempt, t]);

  useEffect(() => {
    document.title = site.kind === 'ready' ? `${site.site.siteName} · ${t('visitor.title')}` : t('visitor.title');
  }, [site, t]);

  const newRegistration = useCallback(() => {
    writeJson(session, visitKey(token), null);
    setVisit(null);
    window.scrollTo(0, 0);
  }, [token]);

  let body: ReactNode;
  if (site.kind === 'loading') {
    body = <p className="vp-center" role="status">{t('visitor.loading')}</p>;
  } else if (site.kind === 'notFound') {
    body = (
      <div className="vp-full" data-testid="visitor-not-found">
        <div className="vp-full-icon" aria-hidden>⚠</div>
        <h1>{t('visitor.notFoundTitle')}</h1>
        <p>{t('visitor.notFoundText')}</p>
      </div>
    );
  } else if (site.kind === 'failed') {
    body = (
      <div className="vp-full" data-testid="visitor-load-failed">
        <p>{site.message ?? t('visitor.loadFailed')}</p>
        <button type="button" className="vp-submit vp-secondary" onClick={() => {
          setSite({ kind: 'loading' });
          setAttempt((a) => a + 1);
        }}
        >
          {t('visitor.retry')}
        </button>
      </div>
    );
  } else if (visit) {
    body = <VisitStatusView key={visit.code} token={token} initial={visit} locale={locale} t={t} onNew={newRegistration} />;
  } else {
    body = (
      <RegistrationForm
        token={token}
        site={site.site}
        locale={locale}
        t={t}
        onRegistered={(s) => {
          setVisit(s);
          window.scrollTo(0, 0);
        }}
      />
    );
  }

  return (
    <div className="vp-page">
      <header className="vp-header">
        <div className="vp-header-text">
          <div className="vp-kicker">{t('visitor.title')}</div>
          {site.kind === 'ready' && <h1 className="vp-site" data-testid="visitor-site-name">{site.site.siteName}</h1>}
        </div>
        <LanguageSwitch locale={locale} setLocale={setLocale} t={t} />
      </header>
      <main className="vp-main">{body}</main>
      <footer className="vp-footer">{t('visitor.footer')}</footer>
    </div>
  );
}
