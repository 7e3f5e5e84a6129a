import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { PublicVisitStatus } from '@fangkong/domain';
import { publicEndpoints } from '../../api/publicEndpoints';
import { PublicLoadState, usePublicLoad } from '../publicPage/publicLoad';
import { LanguageSwitch, PublicShell } from '../publicPage/PublicShell';
import { useVisitorI18n } from './visitorI18n';
import { RegistrationForm } from './VisitorForm';
import { VisitStatusView } from './VisitStatusView';
import { readJson, session, visitKey, writeJson } from './visitorStorage';

/** `/v/:token`: the page a visitor's phone opens from the site's QR code. No sign-in. */
export function VisitorPage({ token }: { token: string }) {
  const { locale, setLocale, t } = useVisitorI18n();
  const load = useCallback((signal: AbortSignal) => publicEndpoints.site(token, signal), [token]);
  const tooMany = useCallback((seconds: number) => t('visitor.tooMany', { seconds }), [t]);
  const { state: site, retry } = usePublicLoad(load, tooMany);
  const [visit, setVisit] = useState<PublicVisitStatus | null>(() => readJson<PublicVisitStatus>(session, visitKey(token)));

  useEffect(() => {
    document.title = site.kind === 'ready' ? `${site.value.siteName} · ${t('visitor.title')}` : t('visitor.title');
  }, [site, t]);

  const newRegistration = useCallback(() => {
    writeJson(session, visitKey(token), null);
    setVisit(null);
    window.scrollTo(0, 0);
  }, [token]);

  let body: ReactNode;
  if (site.kind !== 'ready') {
    body = (
      <PublicLoadState
        state={site}
        testIdPrefix="visitor"
        onRetry={retry}
        texts={{ loading: t('visitor.loading'), notFoundTitle: t('visitor.notFoundTitle'), notFoundText: t('visitor.notFoundText'), loadFailed: t('visitor.loadFailed'), retry: t('visitor.retry') }}
      />
    );
  } else if (visit) {
    body = <VisitStatusView key={visit.code} token={token} initial={visit} locale={locale} t={t} onNew={newRegistration} />;
  } else {
    body = (
      <RegistrationForm
        token={token}
        site={site.value}
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
    <PublicShell
      kicker={t('visitor.title')}
      title={site.kind === 'ready' ? site.value.siteName : undefined}
      titleTestId="visitor-site-name"
      language={<LanguageSwitch locale={locale} setLocale={setLocale} label={t('visitor.language')} />}
      footer={t('visitor.footer')}
    >
      {body}
    </PublicShell>
  );
}
