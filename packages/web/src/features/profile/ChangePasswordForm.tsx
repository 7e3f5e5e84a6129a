import { Alert, App, Button, Form, Input } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { ChangePasswordInput } from '@fangkong/domain';
import { isApiError } from '../../api/client';
import { authApi } from '../../api/auth';
import { errorText, serverDetail } from '../../components/shared/errorText';
import { useZodForm } from '../../components/shared/useZodForm';
import type { FieldPath } from '../../components/shared/zodForm';
import { useT } from '../../i18n/useT';

interface Values {
  currentPassword?: string;
  newPassword?: string;
  confirmPassword?: string;
}

const FIELDS: readonly FieldPath[] = [['currentPassword'], ['newPassword']];

/** Current, new and repeated password; the new one is checked against the domain's rule as one types. */
export function ChangePasswordForm() {
  const t = useT();
  const { message } = App.useApp();
  const { form, failure, setFailure, check, fail } = useZodForm<Values>(FIELDS);
  const change = useMutation({ mutationFn: authApi.changePassword });

  const validate = (onlyTouched: boolean) => {
    const v = form.getFieldsValue();
    const result = check(ChangePasswordInput, { currentPassword: v.currentPassword ?? '', newPassword: v.newPassword ?? '' }, onlyTouched);
    const confirmShown = !onlyTouched || form.isFieldTouched('confirmPassword');
    const mismatch = (v.confirmPassword ?? '') !== (v.newPassword ?? '');
    form.setFields([{ name: 'confirmPassword', errors: confirmShown && mismatch ? [t('validation.passwordMismatch')] : [] }]);
    return mismatch ? undefined : result.data;
  };

  const submit = () => {
    const data = validate(false);
    if (!data) return;
    setFailure(null);
    change.mutate(data, {
      onSuccess: () => {
        void message.success(t('profile.passwordChanged'));
        form.resetFields();
      },
      onError: (e) => {
        if (isApiError(e) && e.code === 'invalid_credentials') {
          form.setFields([{ name: 'currentPassword', errors: [serverDetail(e) ?? errorText(e, t)] }]);
          return;
        }
        fail(e);
      },
    });
  };

  return (
    <Form<Values> form={form} layout="vertical" onValuesChange={() => validate(true)} onFinish={submit} style={{ maxWidth: 420 }}>
      {failure !== null && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={errorText(failure, t)} description={serverDetail(failure)} />
      )}
      <Form.Item name="currentPassword" label={t('profile.currentPassword')} required>
        <Input.Password autoComplete="current-password" maxLength={128} />
      </Form.Item>
      <Form.Item name="newPassword" label={t('profile.newPassword')} required extra={t('profile.passwordRule')}>
        <Input.Password autoComplete="new-password" maxLength={128} />
      </Form.Item>
      <Form.Item name="confirmPassword" label={t('profile.confirmPassword')} required>
        <Input.Password autoComplete="new-password" maxLength={128} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending}>{t('profile.changePassword')}</Button>
    </Form>
  );
}
