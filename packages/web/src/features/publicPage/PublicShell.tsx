import type { ReactNode } from 'react';
import { LOCALES, type Locale } from '@fangkong/domain';

const LANGUAGE_NAMES: Record<Locale, string> = { 'zh-CN': '中文', en: 'EN' };

/** The two languages as a pair of buttons in the header. */
export function LanguageSwitch({ locale, setLocale, label }: { locale: Locale; setLocale: (l: Locale) => void; label: string }) {
  return (
    <div className="vp-lang" role="group" aria-label={label}>
      {LOCALES.map((l) => (
        <button key={l} type="button" className={l === locale ? 'vp-lang-on' : ''} aria-pressed={l === locale} onClick={() => setLocale(l)} lang={l}>
          {LANGUAGE_NAMES[l]}
        </button>
      ))}
    </div>
  );
}

/** A public page: the coloured header (what the page is, whose it is, the language), the body, a footer. */
export function PublicShell({ kicker, title, titleTestId, language, footer, children }: {
  kicker: ReactNode;
  title?: ReactNode;
  titleTestId?: string;
  language: ReactNode;
  footer: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="vp-page">
      <header className="vp-header">
        <div className="vp-header-text">
          <div className="vp-kicker">{kicker}</div>
          {title && <h1 className="vp-site" data-testid={titleTestId}>{title}</h1>}
        </div>
        {language}
      </header>
      <main className="vp-main">{children}</main>
      <footer className="vp-footer">{footer}</footer>
    </div>
  );
}

/** One field of a public form: its label, the control, and its problem under it. */
export function FieldBlock({ label, error, children, htmlFor, labelId }: {
  label: ReactNode;
  error: string | undefined;
  children: ReactNode;
  htmlFor?: string;
  labelId?: string;
}) {
  return (
    <div className={error ? 'vp-field vp-field-error' : 'vp-field'}>
      {htmlFor ? <label className="vp-label" htmlFor={htmlFor}>{label}</label> : <div className="vp-label" id={labelId}>{label}</div>}
      {children}
      {error && <div className="vp-error" role="alert">{error}</div>}
    </div>
  );
}
