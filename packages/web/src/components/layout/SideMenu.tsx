import { useState, type ReactNode } from 'react';
import { Badge, Flex, Menu } from 'antd';
import type { MenuProps } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useCurrentUser } from '../../features/auth/currentUser';
import type { NavBadge, NavItem } from '../../features/module';
import { useT } from '../../i18n/useT';
import { activeNavGroup, activeNavPath, NAV_ITEMS } from './navItems';

/** An entry's label with its live count beside it while there is one. */
function CountedLabel({ text, badge }: { text: string; badge: NavBadge }) {
  const { useCount } = badge;
  const count = useCount();
  if (count === 0) return text;
  return (
    <Flex justify="space-between" align="center" gap={8}>
      <span>{text}</span>
      <Badge count={count} overflowCount={99} data-testid={badge.testId} />
    </Flex>
  );
}

/** The navigation menu, showing only what the user's permissions allow. */
export function SideMenu({ onNavigate }: { onNavigate?: () => void }) {
  const t = useT();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const location = useLocation();
  const allowed = (i: NavItem) => !i.permission || me.permissions.includes(i.permission);
  const label = (i: NavItem): ReactNode => (i.badge ? <CountedLabel text={t(i.label)} badge={i.badge} /> : t(i.label));
  const items: MenuProps['items'] = NAV_ITEMS.filter(allowed).map((i) => (i.children
    ? { key: i.path, icon: i.icon, label: t(i.label), children: i.children.filter(allowed).map((c) => ({ key: c.path, label: label(c) })) }
    : { key: i.path, icon: i.icon, label: label(i) }));

  // The group of the page shown opens by itself (also after a link elsewhere led into it); others stay as the user left them.
  const group = activeNavGroup(location.pathname);
  const [openKeys, setOpenKeys] = useState<string[]>(() => (group ? [group] : []));
  const [seenGroup, setSeenGroup] = useState(group);
  if (group !== seenGroup) {
    setSeenGroup(group);
    if (group && !openKeys.includes(group)) setOpenKeys([...openKeys, group]);
  }

  return (
    <Menu
      mode="inline"
      theme="dark"
      selectedKeys={[activeNavPath(location.pathname)]}
      openKeys={openKeys}
      onOpenChange={setOpenKeys}
      items={items}
      onClick={({ key }) => {
        void navigate(key);
        onNavigate?.();
      }}
    />
  );
}
