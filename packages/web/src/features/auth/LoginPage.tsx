import { useState } from 'react';
import { LockOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useLocation, useNavigate } from 'react-router';
import { LoginInput } from '@fangkong/domain';
import { isApiError } from '../../api/client';
import { authApi, meKey } from '../../api/auth';
import { LanguageSwitch } from '../../components/shared/LanguageSwitch';
import { errorText, serverDetail } from '../../components/shared/errorText';
import { checkWithZod, type FieldPath } from '../../components/shared/zodForm';
import { storedLocale } from '../../i18n/locale';
import { useI18n } from '../../i18n/useT';
import { rememberCodeUser, usedCodeBefore } from './codeUsers';

const FIELDS: readonly FieldPath[] = [['username'], ['password'], ['code']];

function redirectTarget(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state) {
    const from = state.from;
    if (typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login')) return from;
  }
  return '/';
}

export function LoginPage() {
  const { t, setLocale } = useI18n();
  const [form] = Form.useForm<LoginInput>();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<unknown>(null);
  const [codeAsked, setCodeAsked] = useState(false);
  const username = Form.useWatch('username', form) ?? '';
  // Shown on request, and at once for a name that signed in with a code on this device before.
  const showCode = codeAsked || usedCodeBefore(username);

  const login = useMutation({
    mutationFn: authApi.login,
    onSuccess: ({ user }, input) => {
      if (input.code) rememberCodeUser(input.username);
      queryClient.clear();
      queryClient.setQueryData(meKey, user);
      // The account's language applies unless this browser has a choice of its own.
      if (storedLocale() === null) setLocale(user.locale);
      void navigate(redirectTarget(location.state), { replace: true });
    },
    onError: (e) => {
      setFailure(e);
      form.setFieldsValue({ password: '', code: '' });
    },
  });

  const validate = (onlyTouched: boolean) => checkWithZod(form, LoginInput, form.getFieldsValue(), FIELDS, t, onlyTouched);

  const submit = () => {
    const { data } = validate(false);
    if (!data) return;
    setFailure(null);
    login.mutate({ ...data, code: showCode && data.code ? data.code : undefined });
  };

  // The server's lock message already names the minutes; a rate limit or a bare error may not.
  const retryMinutes = isApiError(failure) && failure.retryAfterSeconds !== undefined
    && (failure.code === 'rate_limited' || serverDetail(failure) === undefined)
    ? Math.max(1, Math.ceil(failure.retryAfterSeconds / 60))
    : undefined;

  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', padding: 16, background: '#f0f3f8' }}>
      <Flex justify="flex-end" style={{ width: '100%', maxWidth: 400 }}>
        <LanguageSwitch />
      </Flex>
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <Typography.Title level={2} style={{ textAlign: 'center', marginBottom: 4 }}>{t('app.name')}</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>{t('app.fullName')}</Typography.Paragraph>
        {failure !== null && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={serverDetail(failure) ?? errorText(failure, t)}
            description={retryMinutes !== undefined ? t('login.retryIn', { minutes: retryMinutes }) : undefined}
            data-testid="login-error"
          />
        )}
        <Form<LoginInput>
          form={form}
          layout="vertical"
          requiredMark={false}
          onValuesChange={() => validate(true)}
          onFinish={submit}
        >
          <Form.Item name="username" label={t('login.username')}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus maxLength={64} />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" maxLength={128} />
          </Form.Item>
          {showCode
            ? (
              <Form.Item name="code" label={t('login.code')}>
                <Input
                  prefix={<SafetyCertificateOutlined />}
                  autoComplete="one-time-code"
                  inputMode="numeric"
                  maxLength={32}
                  placeholder={t('login.codePlaceholder')}
                  data-testid="login-code"
                />
              </Form.Item>
            )
            : (
              <Button type="link" style={{ padding: 0, marginBottom: 16 }} onClick={() => setCodeAsked(true)} data-testid="login-use-code">
                {t('login.useCode')}
              </Button>
            )}
          <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
            {t('login.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginTop: 16, marginBottom: 0 }}>
          {t('login.hint')}
        </Typography.Paragraph>
      </Card>
    </Flex>
  );
}
