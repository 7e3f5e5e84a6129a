import { useState } from 'react';
import { Alert, App, Button, Flex, Select, Typography } from 'antd';
import { LOCALES, type Locale } from '@fangkong/domain';
import { errorText, serverDetail } from '../../components/shared/errorText';
import { useI18n } from '../../i18n/useT';
import { useCurrentUser } from '../auth/currentUser';
import { useUpdateMe } from '../auth/useMe';

/** The language stored on the account (server messages use it), also applied to this interface. */
export function LanguagePreference() {
  const { t, setLocale } = useI18n();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const [choice, setChoice] = useState<Locale>(me.locale);
  const save = useUpdateMe();

  return (
    <Flex vertical gap={12} style={{ maxWidth: 420 }}>
      <Typography.Text type="secondary">{t('profile.languageHint')}</Typography.Text>
      {save.isError && (
        <Alert type="error" showIcon title={errorText(save.error, t)} description={serverDetail(save.error)} />
      )}
      <Flex gap={8} wrap>
        <Select<Locale>
          value={choice}
          onChange={setChoice}
          aria-label={t('profile.language')}
          options={LOCALES.map((l) => ({ value: l, label: t(`lang.${l}`) }))}
          style={{ minWidth: 160 }}
        />
        <Button type="primary" loading={save.isPending} disabled={choice === me.locale} onClick={() => save.mutate({ locale: choice }, {
          onSuccess: ({ user }) => {
            setLocale(user.locale);
            void message.success(t('profile.languageSaved'));
          },
        })}>
          {t('common.save')}
        </Button>
      </Flex>
    </Flex>
  );
}
