import { Alert, App, Button, Flex, Modal, Typography } from 'antd';
import { CopyOutlined, PrinterOutlined } from '@ant-design/icons';
import type { OneTimePasswordAnswer } from '@fangkong/domain';
import { PrintOnly } from '../../components/shared/PrintOnly';
import { useT } from '../../i18n/useT';
import './accounts.css';

/** Copies a text to the clipboard; whether it worked (an insecure page has no clipboard). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The one-time password of a new or reset account, large and copyable, printable on its own: the
 * server keeps only its hash, so this is the one chance to hand it over.
 */
export function OneTimePasswordModal({ answer, onClose }: { answer: OneTimePasswordAnswer; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const { account, oneTimePassword } = answer;
  return (
    <Modal
      open
      title={t('accounts.otp.title')}
      onCancel={onClose}
      maskClosable={false}
      destroyOnHidden
      footer={[
        <Button key="print" icon={<PrinterOutlined />} onClick={() => window.print()}>{t('accounts.otp.print')}</Button>,
        <Button key="close" type="primary" onClick={onClose} data-testid="otp-close">{t('accounts.otp.close')}</Button>,
      ]}
    >
      <PrintOnly>
        <h2>{t('accounts.otp.title')}</h2>
        <p>{t('accounts.otp.for', { name: account.displayName, username: account.username })}</p>
        <p style={{ fontFamily: 'monospace', fontSize: '20pt' }}>{oneTimePassword}</p>
        <p>{t('accounts.otp.warning')}</p>
      </PrintOnly>
      <Flex vertical gap={12}>
        <Typography.Text>{t('accounts.otp.for', { name: account.displayName, username: account.username })}</Typography.Text>
        <Flex align="center" gap={12} wrap>
          <Typography.Text strong className="fk-one-time-password" data-testid="one-time-password">{oneTimePassword}</Typography.Text>
          <Button
            icon={<CopyOutlined />}
            onClick={() => void copyText(oneTimePassword).then((ok) => ok && message.success(t('accounts.otp.copied')))}
          >
            {t('accounts.otp.copy')}
          </Button>
        </Flex>
        <Alert type="warning" showIcon title={t('accounts.otp.warning')} />
      </Flex>
    </Modal>
  );
}
