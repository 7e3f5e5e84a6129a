import { Card, Col, Descriptions, Flex, Row, Tag } from 'antd';
import { PageHeader } from '../../components/shared/PageHeader';
import { useT } from '../../i18n/useT';
import { useCurrentUser } from '../auth/currentUser';
import { ChangePasswordForm } from './ChangePasswordForm';
import { EmailPreference } from './EmailPreference';
import { LanguagePreference } from './LanguagePreference';
import { TwoFactorSettings } from './TwoFactorSettings';

/** The user's account, roles and permissions, password change, two-factor sign-in, language and e-mail address. */
export function ProfilePage() {
  const t = useT();
  const me = useCurrentUser();
  return (
    <>
      <PageHeader title={t('profile.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('profile.info')} style={{ height: '100%' }}>
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'username', label: t('profile.username'), children: me.username },
                { key: 'displayName', label: t('profile.displayName'), children: me.displayName },
                {
                  key: 'roles',
                  label: t('profile.roles'),
                  children: me.roles.length === 0 ? t('common.none') : (
                    <Flex vertical gap={4}>
                      {me.roles.map((r) => (
                        <span key={`${r.role}:${r.nodeId}`}>
                          <Tag color="blue">{t(`role.${r.role}`)}</Tag>
                          {r.nodeName}
                          {' '}
                          ({t(`kind.${r.nodeKind}`)})
                        </span>
                      ))}
                    </Flex>
                  ),
                },
                {
                  key: 'permissions',
                  label: t('profile.permissions'),
                  children: me.permissions.length === 0 ? t('common.none') : (
                    <Flex gap={4} wrap>{me.permissions.map((p) => <Tag key={p}>{t(`permission.${p}`)}</Tag>)}</Flex>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Flex vertical gap={16}>
            <Card title={t('profile.changePassword')}>
              <ChangePasswordForm />
            </Card>
            <Card title={t('profile.twoFactor')}>
              <TwoFactorSettings />
            </Card>
            <Card title={t('profile.language')}>
              <LanguagePreference />
            </Card>
            <Card title={t('profile.email')}>
              <EmailPreference />
            </Card>
          </Flex>
        </Col>
      </Row>
    </>
  );
}
