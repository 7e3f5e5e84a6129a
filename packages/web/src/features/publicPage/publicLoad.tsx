import { StrictMode, useEffect, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { isApiError } from '../../api/client';
import { currentLocale } from '../../i18n/locale';

/** Renders a public page at `#root` with the token its path carries after `prefix` (`/v/`, `/m/`). */
export function mountPublicPage(prefix: string, page: (token: string) => ReactNode): void {
  const root = document.getElementById('root');
  if (!root) throw new Error('missing #root');
  document.documentElement.lang = currentLocale();
  const token = decodeURIComponent(window.location.pathname.slice(prefix.length).replace(/\/$/, ''));
  createRoot(root).render(<StrictMode>{page(token)}</StrictMode>);
}

export type PublicLoad<T> =
  | { kind: 'loading' }
  | { kind: 'ready'; value: T }
  | { kind: 'notFound' }
  | { kind: 'failed'; message: string | null };

/**
 * What a public page shows first (the site, the event), loaded by its token: a 404 means the link
 * was replaced; too many tries says when to try again. `reload` asks again (after a retry, or an answer).
 */
export function usePublicLoad<T>(load: (signal: AbortSignal) => Promise<T>, tooMany: (seconds: number) => string) {
  const [state, setState] = useState<PublicLoad<T>>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then((value) => setState({ kind: 'ready', value })).catch((e: unknown) => {
      if (controller.signal.aborted) return;
      if (isApiError(e) && e.status === 404) setState({ kind: 'notFound' });
      else if (isApiError(e) && e.code === 'rate_limited') setState({ kind: 'failed', message: e.message || tooMany(e.retryAfterSeconds ?? 60) });
      else setState({ kind: 'failed', message: null });
    });
    return () => controller.abort();
  }, [load, tooMany, attempt]);
  return { state, reload: () => setAttempt((a) => a + 1), retry: () => {
    setState({ kind: 'loading' });
    setAttempt((a) => a + 1);
  } };
}

/** The loading, "link replaced" and "cannot load" states of a public page; null once loaded. */
export function PublicLoadState({ state, texts, testIdPrefix, onRetry }: {
  state: PublicLoad<unknown>;
  texts: { loading: string; notFoundTitle: string; notFoundText: string; loadFailed: string; retry: string };
  testIdPrefix: string;
  onRetry: () => void;
}): ReactNode {
  switch (state.kind) {
    case 'loading':
      return <p className="vp-center" role="status">{texts.loading}</p>;
    case 'notFound':
      return (
        <div className="vp-full" data-testid={`${testIdPrefix}-not-found`}>
          <div className="vp-full-icon" aria-hidden>⚠</div>
          <h1>{texts.notFoundTitle}</h1>
          <p>{texts.notFoundText}</p>
        </div>
      );
    case 'failed':
      return (
        <div className="vp-full" data-testid={`${testIdPrefix}-load-failed`}>
          <p>{state.message ?? texts.loadFailed}</p>
          <button type="button" className="vp-submit vp-secondary" onClick={onRetry}>{texts.retry}</button>
        </div>
      );
    case 'ready':
      return null;
  }
}
