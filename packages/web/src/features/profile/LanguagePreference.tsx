import { useState } from 'react';
import { Alert, App, Button, Flex, Select, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { LOCALES, type Locale } from '@fangkong/domain';
import { endpoints } from '../../api/endpoints';
import { keys } from '../../api/keys';
import { errorText, serverDetail } from '../../components/shared/errorText';
import { useI18n } from '../../i18n/useT';
import { useCurrentUser } from '../auth/currentUser';

/** The language stored on the account (server messages use it), also applied to this interface. */
export function LanguagePreference() {
  const { t, setLocale } = useI18n();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const [choice, setChoice] = useState<Locale>(me.locale);
  const save = useMutation({
    mutationFn: endpoints.updateMe,
    onSuccess: ({ user }) => {
      queryClient.setQueryData(keys.me, user);
      setLocale(user.locale);
      void message.success(t('profile.languageSaved'));
    },
  });

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
        <Button type="primary" loading={save.isPending} disabled={choice === me.locale} onClick={() => save.mutate({ locale: choice })}>
          {t('common.save')}
        </Button>
      </Flex>
    </Flex>
  );
}
