import { useState } from 'react';
import { CopyOutlined, DownloadOutlined, PrinterOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Form, Input, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { TwoFactorCodeInput, TwoFactorDisableInput, type TwoFactorSetupAnswer } from '@fangkong/domain';
import { saveBlob } from '../../api/client';
import { authApi, meKey } from '../../api/auth';
import { FormFailure } from '../../components/shared/FormModal';
import { PrintOnly } from '../../components/shared/PrintOnly';
import { useZodForm } from '../../components/shared/useZodForm';
import type { FieldPath } from '../../components/shared/zodForm';
import { useT } from '../../i18n/useT';
import { forgetCodeUser, rememberCodeUser } from '../auth/codeUsers';
import { useCurrentUser } from '../auth/currentUser';

/** The secret in groups of four, as one types it into an app by hand. */
export function groupedSecret(secret: string): string {
  return secret.replace(/\s+/g, '').match(/.{1,4}/g)?.join(' ') ?? '';
}

const CODE_FIELDS: readonly FieldPath[] = [['code']];
const DISABLE_FIELDS: readonly FieldPath[] = [['password'], ['code']];

/** Six digits from the authenticator, checked by the domain's schema as they are typed; `onCode` gets them. */
function CodeForm({ submitText, pending, onCode, testId }: {
  submitText: string;
  pending: boolean;
  onCode: (code: string, fail: (e: unknown) => boolean) => void;
  testId: string;
}) {
  const t = useT();
  const { form, failure, check, readyToSubmit, fail } = useZodForm<{ code?: string }>(CODE_FIELDS);
  const validate = (onlyTouched: boolean) => check(TwoFactorCodeInput, { code: form.getFieldValue('code') as string | undefined ?? '' }, onlyTouched);
  return (
    <Form form={form} layout="vertical" onValuesChange={() => validate(true)} onFinish={() => {
      const data = readyToSubmit(validate(false));
      if (data) onCode(data.code, fail);
    }}>
      <FormFailure failure={failure} />
      <Flex gap={8} align="flex-start" wrap>
        <Form.Item name="code" label={t('twoFactor.code')} style={{ marginBottom: 0 }}>
          <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} style={{ width: 160, letterSpacing: 4 }} data-testid={`${testId}-code`} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={pending} style={{ marginTop: 30 }} data-testid={`${testId}-submit`}>{submitText}</Button>
      </Flex>
    </Form>
  );
}

/** Recovery codes, shown once: copied, printed or saved as a text file before they are gone. */
function RecoveryCodes({ codes, onDone }: { codes: readonly string[]; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const text = `${t('twoFactor.recoveryFileHeader', { username: me.username })}\n\n${codes.join('\n')}\n`;
  return (
    <Flex vertical gap={12}>
      <Alert type="warning" showIcon title={t('twoFactor.recoveryWarning')} />
      <div>
        <Typography.Text strong>{t('twoFactor.recoveryTitle', { username: me.username })}</Typography.Text>
        <ol style={{ fontFamily: 'monospace', fontSize: 16, columns: 2, marginTop: 8 }} data-testid="recovery-codes">
          {codes.map((c) => <li key={c}>{c}</li>)}
        </ol>
      </div>
      <PrintOnly>
        <h2>{t('twoFactor.recoveryTitle', { username: me.username })}</h2>
        <ol style={{ fontFamily: 'monospace', fontSize: '14pt' }}>{codes.map((c) => <li key={c}>{c}</li>)}</ol>
        <p>{t('twoFactor.recoveryWarning')}</p>
      </PrintOnly>
      <Flex gap={8} wrap>
        <Button icon={<CopyOutlined />} onClick={() => void navigator.clipboard.writeText(codes.join('\n')).then(() => message.success(t('accounts.otp.copied')), () => undefined)}>
          {t('accounts.otp.copy')}
        </Button>
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>{t('accounts.otp.print')}</Button>
        <Button icon={<DownloadOutlined />} onClick={() => saveBlob(new Blob([text], { type: 'text/plain;charset=utf-8' }), `fangkong-recovery-codes-${me.username}.txt`)}>
          {t('twoFactor.download')}
        </Button>
        <Button type="primary" onClick={onDone} data-testid="recovery-done">{t('twoFactor.savedCodes')}</Button>
      </Flex>
    </Flex>
  );
}

/** Enrolment: the QR code and the secret for typing, then the first code turns it on. */
function Enrol({ onCodes }: { onCodes: (codes: string[]) => void }) {
  const t = useT();
  const me = useCurrentUser();
  const [setup, setSetup] = useState<TwoFactorSetupAnswer | null>(null);
  const start = useMutation({ mutationFn: authApi.twoFactorSetup, onSuccess: setSetup });
  const confirm = useMutation({ mutationFn: authApi.twoFactorConfirm });
  if (!setup) {
    return (
      <Flex vertical gap={12} align="flex-start">
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('twoFactor.intro')}</Typography.Paragraph>
        <FormFailure failure={start.isError ? start.error : null} />
        <Button type="primary" icon={<SafetyCertificateOutlined />} loading={start.isPending} onClick={() => start.mutate()} data-testid="two-factor-start">
          {t('twoFactor.start')}
        </Button>
      </Flex>
    );
  }
  return (
    <Flex vertical gap={12}>
      <Typography.Text>{t('twoFactor.scan')}</Typography.Text>
      <img
        src={`data:image/svg+xml;utf8,${encodeURIComponent(setup.qrSvg)}`}
        alt={t('twoFactor.qrAlt')}
        width={200}
        height={200}
        style={{ border: '1px solid #f0f0f0', background: '#fff' }}
        data-testid="two-factor-qr"
      />
      <Typography.Text type="secondary">{t('twoFactor.typeInstead')}</Typography.Text>
      <Typography.Text copyable={{ text: setup.secret }} code style={{ fontSize: 16 }} data-testid="two-factor-secret" data-secret={setup.secret}>
        {groupedSecret(setup.secret)}
      </Typography.Text>
      <CodeForm
        testId="two-factor-confirm"
        submitText={t('twoFactor.confirm')}
        pending={confirm.isPending}
        onCode={(code, fail) => confirm.mutate({ code }, {
          onSuccess: ({ recoveryCodes }) => {
            // The next sign-in here asks for the code at once.
            rememberCodeUser(me.username);
            onCodes(recoveryCodes);
          },
          onError: fail,
        })}
      />
    </Flex>
  );
}

/** Turning the second factor off: the password and a current code (not offered where a role requires it). */
function Disable({ onDone }: { onDone: () => void }) {
  const t = useT();
  const { form, failure, check, readyToSubmit, fail } = useZodForm<{ password?: string; code?: string }>(DISABLE_FIELDS);
  const disable = useMutation({ mutationFn: authApi.twoFactorDisable });
  const validate = (onlyTouched: boolean) => {
    const v = form.getFieldsValue();
    return check(TwoFactorDisableInput, { password: v.password ?? '', code: v.code ?? '' }, onlyTouched);
  };
  return (
    <Form form={form} layout="vertical" style={{ maxWidth: 420 }} onValuesChange={() => validate(true)} onFinish={() => {
      const data = readyToSubmit(validate(false));
      if (data) disable.mutate(data, { onSuccess: onDone, onError: fail });
    }}>
      <FormFailure failure={failure} />
      <Form.Item name="password" label={t('profile.currentPassword')}>
        <Input.Password autoComplete="current-password" maxLength={128} />
      </Form.Item>
      <Form.Item name="code" label={t('twoFactor.codeOrRecovery')}>
        <Input autoComplete="one-time-code" maxLength={32} />
      </Form.Item>
      <Button danger htmlType="submit" loading={disable.isPending} data-testid="two-factor-disable-submit">{t('twoFactor.disable')}</Button>
    </Form>
  );
}

/**
 * Two-factor sign-in of the user's own account: enrolment (QR code, secret, first code, recovery
 * codes), then new recovery codes or turning it off. The same on the profile and on the page a
 * role that requires it leads to; there, finishing enrolment releases the session.
 */
export function TwoFactorSettings() {
  const t = useT();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [open, setOpen] = useState<'regenerate' | 'disable' | null>(null);
  const regenerate = useMutation({ mutationFn: authApi.recoveryCodes });
  // Asked for again only once the codes are put away: the answer may release a forced page and unmount them.
  const refreshMe = () => void queryClient.invalidateQueries({ queryKey: meKey });

  if (codes) {
    return (
      <RecoveryCodes
        codes={codes}
        onDone={() => {
          setCodes(null);
          setOpen(null);
          refreshMe();
        }}
      />
    );
  }
  if (!me.twoFactor.enabled) return <Enrol onCodes={setCodes} />;
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} align="center" wrap>
        <Tag color="green" data-testid="two-factor-on">{t('twoFactor.on')}</Tag>
        {me.twoFactor.required && <Typography.Text type="secondary">{t('twoFactor.requiredHint')}</Typography.Text>}
      </Flex>
      <Flex gap={8} wrap>
        <Button onClick={() => setOpen(open === 'regenerate' ? null : 'regenerate')}>{t('twoFactor.regenerate')}</Button>
        {!me.twoFactor.required && (
          <Button danger onClick={() => setOpen(open === 'disable' ? null : 'disable')} data-testid="two-factor-disable">{t('twoFactor.disable')}</Button>
        )}
      </Flex>
      {open === 'regenerate' && (
        <CodeForm
          testId="recovery-regenerate"
          submitText={t('twoFactor.regenerate')}
          pending={regenerate.isPending}
          onCode={(code, fail) => regenerate.mutate({ code }, { onSuccess: ({ recoveryCodes }) => setCodes(recoveryCodes), onError: fail })}
        />
      )}
      {open === 'disable' && (
        <Disable
          onDone={() => {
            setOpen(null);
            forgetCodeUser(me.username);
            void message.success(t('twoFactor.disabled'));
            refreshMe();
          }}
        />
      )}
    </Flex>
  );
}
