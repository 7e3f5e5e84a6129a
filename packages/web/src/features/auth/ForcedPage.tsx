import { Card, Flex, Typography } from 'antd';
import { SignOutButton } from '../../components/layout/SignOutButton';
import { LanguageSwitch } from '../../components/shared/LanguageSwitch';
import { useT } from '../../i18n/useT';
import { ChangePasswordForm } from '../profile/ChangePasswordForm';
import { TwoFactorSettings } from '../profile/TwoFactorSettings';

/**
 * The one page a restricted session sees (the server refuses everything else): changing a one-time
 * password, or setting up the second factor a role requires. Only that, and signing out.
 */
export function ForcedPage({ what }: { what: 'password' | 'twoFactor' }) {
  const t = useT();
  return (
    <Flex vertical align="center" style={{ minHeight: '100vh', padding: 16, background: '#f0f3f8' }}>
      <Flex justify="flex-end" gap={8} style={{ width: '100%', maxWidth: 560 }}>
        <LanguageSwitch />
        <SignOutButton iconOnly={false} />
      </Flex>
      <Card style={{ width: '100%', maxWidth: 560, marginTop: 24 }} data-testid={`forced-${what}`}>
        <Typography.Title level={3}>{what === 'password' ? t('forced.passwordTitle') : t('forced.twoFactorTitle')}</Typography.Title>
        <Typography.Paragraph type="secondary">{what === 'password' ? t('forced.passwordText') : t('forced.twoFactorText')}</Typography.Paragraph>
        {what === 'password' ? <ChangePasswordForm oneTime /> : <TwoFactorSettings />}
      </Card>
    </Flex>
  );
}
