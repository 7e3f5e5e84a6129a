import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Input, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ChangePasswordInput, type Me } from '@fangkong/domain';
import { isApiError } from '../../api/client';
import { authApi, meKey } from '../../api/auth';
import { errorText, serverDetail } from '../../components/shared/errorText';
import { FormFailure } from '../../components/shared/FormModal';
import { useZodForm } from '../../components/shared/useZodForm';
import type { FieldPath } from '../../components/shared/zodForm';
import { useT } from '../../i18n/useT';
import { useCurrentUser } from '../auth/currentUser';
import { passwordChecklist, type ChecklistItem } from './passwordChecklist';

interface Values {
  currentPassword?: string;
  newPassword?: string;
  confirmPassword?: string;
}

const FIELDS: readonly FieldPath[] = [['currentPassword'], ['newPassword']];

/** The deployment's rules under the new password, each ticked as it is kept. */
function Checklist({ items, rules }: { items: ChecklistItem[]; rules: Me['passwordRules'] }) {
  const t = useT();
  const text = (rule: ChecklistItem['rule']) => {
    switch (rule) {
      case 'length': return t('profile.rule.length', { min: rules.minLength });
      case 'classes': return t('profile.rule.classes', { min: rules.minClasses });
      case 'not_username': return t('profile.rule.notUsername');
      case 'confirmed': return t('profile.rule.confirmed');
    }
  };
  return (
    <Flex vertical gap={2} style={{ marginBottom: 16 }} data-testid="password-checklist">
      {items.map((i) => (
        <Typography.Text key={i.rule} type={i.ok ? 'success' : 'secondary'} data-testid={`password-rule-${i.rule}`} data-ok={i.ok}>
          {i.ok ? <CheckCircleFilled /> : <CloseCircleOutlined />} {text(i.rule)}
        </Typography.Text>
      ))}
      {rules.history > 0 && <Typography.Text type="secondary">{t('profile.rule.history', { count: rules.history })}</Typography.Text>}
    </Flex>
  );
}

/**
 * Current, new and repeated password, the rules ticked as one types; the server's answer (a rule
 * broken, a recently used password) lands on the field it names. The same form on the profile and
 * on the page a one-time password leads to: there, the changed password releases the session.
 */
export function ChangePasswordForm({ oneTime = false }: { oneTime?: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const { form, failure, setFailure, check, fail } = useZodForm<Values>(FIELDS);
  const newPassword = Form.useWatch('newPassword', form) ?? '';
  const confirmPassword = Form.useWatch('confirmPassword', form) ?? '';
  const items = passwordChecklist(newPassword, confirmPassword, me.passwordRules, me.username);
  const change = useMutation({ mutationFn: authApi.changePassword });

  const validate = (onlyTouched: boolean) => {
    const v = form.getFieldsValue();
    const result = check(ChangePasswordInput, { currentPassword: v.currentPassword ?? '', newPassword: v.newPassword ?? '' }, onlyTouched);
    const list = passwordChecklist(v.newPassword ?? '', v.confirmPassword ?? '', me.passwordRules, me.username);
    const rulesKept = list.every((i) => i.rule === 'confirmed' || i.ok);
    const confirmed = list.find((i) => i.rule === 'confirmed')?.ok ?? false;
    if (!onlyTouched) {
      form.setFields([
        ...(result.data && !rulesKept ? [{ name: 'newPassword' as const, errors: [t('profile.rule.broken')] }] : []),
        { name: 'confirmPassword' as const, errors: confirmed || !v.newPassword ? [] : [t('validation.passwordMismatch')] },
      ]);
    } else if (confirmed) {
      form.setFields([{ name: 'confirmPassword' as const, errors: [] }]);
    }
    return rulesKept && confirmed ? result.data : undefined;
  };

  const submit = () => {
    const data = validate(false);
    if (!data) return;
    setFailure(null);
    change.mutate(data, {
      onSuccess: () => {
        void message.success(t('profile.passwordChanged'));
        form.resetFields();
        // The account no longer waits for a new password: the app opens (the guard reads the user's answer).
        if (oneTime) void queryClient.invalidateQueries({ queryKey: meKey });
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
      <FormFailure failure={failure} />
      <Form.Item name="currentPassword" label={oneTime ? t('profile.oneTimePassword') : t('profile.currentPassword')} required>
        <Input.Password autoComplete="current-password" maxLength={128} data-testid="password-current" />
      </Form.Item>
      <Form.Item name="newPassword" label={t('profile.newPassword')} required style={{ marginBottom: 8 }}>
        <Input.Password autoComplete="new-password" maxLength={128} data-testid="password-new" />
      </Form.Item>
      <Checklist items={items} rules={me.passwordRules} />
      <Form.Item name="confirmPassword" label={t('profile.confirmPassword')} required>
        <Input.Password autoComplete="new-password" maxLength={128} data-testid="password-confirm" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="password-submit">{t('profile.changePassword')}</Button>
    </Form>
  );
}
