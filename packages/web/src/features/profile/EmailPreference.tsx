import { App, Button, Flex, Form, Input, Typography } from 'antd';
import { UpdateMeFields } from '@fangkong/domain';
import { FormFailure } from '../../components/shared/FormModal';
import { useZodForm } from '../../components/shared/useZodForm';
import { blank, type FieldPath } from '../../components/shared/zodForm';
import { useT } from '../../i18n/useT';
import { useCurrentUser } from '../auth/currentUser';
import { useUpdateMe } from '../auth/useMe';

/** The address field of `PATCH /api/auth/me`: an e-mail address, or null to clear it. */
const EmailInput = UpdateMeFields.pick({ email: true }).required();

interface Values {
  email?: string;
}

const FIELDS: readonly FieldPath[] = [['email']];

/** The user's own e-mail address, where rules that e-mail the user's role send their messages; checked as one types. */
export function EmailPreference() {
  const t = useT();
  const { message } = App.useApp();
  const saved = useCurrentUser().email;
  const { form, failure, setFailure, check, readyToSubmit, fail } = useZodForm<Values>(FIELDS);
  const email = Form.useWatch('email', form);
  const save = useUpdateMe();

  const validate = (onlyTouched: boolean) => check(EmailInput, { email: blank(form.getFieldValue('email') as string | undefined) ?? null }, onlyTouched);

  const submit = () => {
    const data = readyToSubmit(validate(false));
    if (!data) return;
    save.mutate(data, {
      onSuccess: ({ user }) => {
        form.setFieldsValue({ email: user.email ?? '' });
        void message.success(user.email ? t('profile.emailSaved') : t('profile.emailCleared'));
      },
      onError: fail,
    });
  };

  const unchanged = (blank(email) ?? null) === saved;

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ email: saved ?? '' }}
      onValuesChange={() => {
        setFailure(null);
        validate(true);
      }}
      onFinish={submit}
      style={{ maxWidth: 420 }}
    >
      <Typography.Paragraph type="secondary">{t('profile.emailHint')}</Typography.Paragraph>
      <FormFailure failure={failure} />
      <Flex gap={8} align="flex-start" wrap>
        <Form.Item name="email" style={{ flex: '1 1 240px', marginBottom: 0 }}>
          <Input aria-label={t('profile.email')} inputMode="email" autoComplete="email" maxLength={200} placeholder="name@example.com" allowClear data-testid="profile-email" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} disabled={unchanged} data-testid="profile-email-save">
          {t('common.save')}
        </Button>
      </Flex>
    </Form>
  );
}
