import { DashboardOutlined } from '@ant-design/icons';
import { FEATURES } from '../../features';
import type { MenuEntry, NavItem } from '../../features/module';

/** The home page is the app's own, not a feature's: first in the menu. */
const HOME_ENTRY: MenuEntry = { order: 0, path: '/', label: 'nav.home', icon: <DashboardOutlined /> };

/** The menu: the home page, then every feature's entries by their order. */
export const NAV_ITEMS: readonly MenuEntry[] = [HOME_ENTRY, ...FEATURES.flatMap((f) => f.menu ?? [])].sort((a, b) => a.order - b.order);

/** The menu entries that are pages, groups' children included. */
function pages(items: readonly NavItem[]): NavItem[] {
  return items.flatMap((i) => (i.children ? pages(i.children) : [i]));
}

/** The group whose entry a location belongs to, if any. */
export function activeNavGroup(pathname: string): string | undefined {
  const active = activeNavPath(pathname);
  return NAV_ITEMS.find((g) => g.children?.some((c) => c.path === active))?.path;
}

/** The menu entry a location belongs to (the longest matching prefix). */
export function activeNavPath(pathname: string): string {
  let best = '/';
  for (const item of pages(NAV_ITEMS)) {
    if (item.path !== '/' && (pathname === item.path || pathname.startsWith(`${item.path}/`)) && item.path.length > best.length) {
      best = item.path;
    }
  }
  return best;
}
