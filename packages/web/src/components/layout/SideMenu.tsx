import { Menu } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useCurrentUser } from '../../features/auth/currentUser';
import { useT } from '../../i18n/useT';
import { activeNavPath, NAV_ITEMS } from './navItems';

/** The navigation menu, showing only what the user's permissions allow. */
export function SideMenu({ onNavigate }: { onNavigate?: () => void }) {
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const location = useLocation();
  const items = NAV_ITEMS.filter((i) => !i.permission || me.permissions.includes(i.permission))
    .map((i) => ({ key: i.path, icon: i.icon, label: t(i.label) }));
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
