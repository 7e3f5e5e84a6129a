import { Flex, Tag, Typography } from 'antd';
import { useCurrentUser } from '../../features/auth/currentUser';
import { useT } from '../../i18n/useT';

/** Name, roles and bound nodes of the signed-in user, for the header. */
export function UserSummary({ compact }: { compact: boolean }) {
  const t = useT();
  const me = useCurrentUser();
  return (
    <Flex align="center" gap={8} wrap style={{ minWidth: 0 }}>
      <Typography.Text strong data-testid="user-display-name">{me.displayName}</Typography.Text>
      {!compact && me.roles.map((r) => (
        <Tag key={`${r.role}:${r.nodeId}`} color="blue" style={{ marginInlineEnd: 0 }}>
          {t('header.boundTo', { role: t(`role.${r.role}`), node: r.nodeName })}
        </Tag>
      ))}
    </Flex>
  );
}
