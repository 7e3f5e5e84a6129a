import { GlobalOutlined } from '@ant-design/icons';
import { Select } from 'antd';
import { LOCALES, type Locale } from '@fangkong/domain';
import { useI18n } from '../../i18n/useT';

/** Switches the interface language; the choice is remembered on this browser. */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <Select<Locale>
      aria-label={t('lang.label')}
      value={locale}
      onChange={setLocale}
      prefix={<GlobalOutlined />}
      variant="borderless"
      popupMatchSelectWidth={false}
      options={LOCALES.map((l) => ({ value: l, label: t(`lang.${l}`) }))}
      style={{ minWidth: 120 }}
    />
  );
}
