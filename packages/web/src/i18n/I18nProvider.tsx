import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ConfigProvider } from 'antd';
import antdEn from 'antd/locale/en_US';
import antdZh from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import type { Locale } from '@fangkong/domain';
import { I18nContext, type I18nValue, type Translate } from './context';
import { translate } from './dictionaries';
import { currentLocale, rememberLocale } from './locale';

const DAYJS_LOCALE: Record<Locale, string> = { 'zh-CN': 'zh-cn', en: 'en' };

function applyLocale(locale: Locale): void {
  dayjs.locale(DAYJS_LOCALE[locale]);
  document.documentElement.lang = locale;
}

applyLocale(currentLocale());

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(currentLocale);

  const setLocale = useCallback((next: Locale) => {
    rememberLocale(next);
    applyLocale(next);
    setLocaleState(next);
  }, []);

  useEffect(() => {
    document.title = `${translate(locale, 'app.name')} · ${translate(locale, 'app.fullName')}`;
  }, [locale]);

  const t = useCallback<Translate>((key, vars) => translate(locale, key, vars), [locale]);
  const value = useMemo<I18nValue>(() => ({ locale, setLocale, t }), [locale, setLocale, t]);

  return (
    <I18nContext.Provider value={value}>
      <ConfigProvider locale={locale === 'en' ? antdEn : antdZh} theme={{ token: { colorPrimary: '#1f5fbf' } }}>
        {children}
      </ConfigProvider>
    </I18nContext.Provider>
  );
}
