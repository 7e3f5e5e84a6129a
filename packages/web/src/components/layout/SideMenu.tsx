import { Badge, Flex, Menu } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useCurrentUser } from '../../features/auth/currentUser';
import { useOpenAlerts } from '../../features/health/useHealth';
import { useT } from '../../i18n/useT';
import { activeNavPath, NAV_ITEMS } from './navItems';

/** The navigation menu, showing only what the user's permissions allow. */
export function SideMenu({ onNavigate }: { onNavigate?: () => void }) {
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const location = useLocation();
  const openAlerts = useOpenAlerts();
  const openCount = openAlerts.data?.length ?? 0;
  const items = NAV_ITEMS.filter((i) => !i.permission || me.permissions.includes(i.permission))
    .map((i) => ({
      key: i.path,
      icon: i.icon,
      label: i.badge === 'openAlerts' && openCount > 0
        ? (
          <Flex justify="space-between" align="center" gap={8}>
            <span>{t(i.label)}</span>
            <Badge count={openCount} overflowCount={99} data-testid="nav-alerts-badge" />
          </Flex>
        )
        : t(i.label),
    }));
  return (
    <Menu
      mode="inline"
      theme="dark"
      selectedKeys={[activeNavPath(location.pathname)]}
      items={items}
      onClick={({ key }) => {
        void navigate(key);
        onNavigate?.();
      }}
    />
  );
}
