import type { ReactNode } from 'react';
import {
  AlertOutlined, ApartmentOutlined, AuditOutlined, BarChartOutlined, DashboardOutlined, EnvironmentOutlined, HomeOutlined,
  SafetyOutlined, TeamOutlined, FormOutlined, UserOutlined, ScanOutlined, SolutionOutlined, ExperimentOutlined, MedicineBoxOutlined,
  ThunderboltOutlined, BellOutlined, NotificationOutlined, SendOutlined,
} from '@ant-design/icons';
import type { Permission } from '@fangkong/domain';
import type { MessageKey } from '../../i18n/zh-CN';

export interface NavItem {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  /** Shown only to users holding this permission; everyone when absent. */
  permission?: Permission;
  /** A live count shown next to the label. */
  badge?: 'openAlerts';
  /** A group: its path is only the menu's key; the entries are its children. */
  children?: readonly NavItem[];
}

/** The key of the testing group (not a page of its own). */
export const TESTING_GROUP = 'group:testing';
/** The key of the supplies group. */
export const SUPPLIES_GROUP = 'group:supplies';
/** The key of the incidents group. */
export const INCIDENTS_GROUP = 'group:incidents';

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', label: 'nav.home', icon: <DashboardOutlined /> },
  { path: '/org', label: 'nav.org', icon: <ApartmentOutlined />, permission: 'org.read' },
  { path: '/sites', label: 'nav.sites', icon: <EnvironmentOutlined />, permission: 'org.read' },
  { path: '/people', label: 'nav.people', icon: <TeamOutlined />, permission: 'people.read' },
  { path: '/rounds', label: 'nav.rounds', icon: <FormOutlined />, permission: 'health.read' },
  { path: '/alerts', label: 'nav.alerts', icon: <AlertOutlined />, permission: 'health.read', badge: 'openAlerts' },
  { path: '/isolation', label: 'nav.isolation', icon: <HomeOutlined />, permission: 'health.read' },
  { path: '/coverage', label: 'nav.coverage', icon: <BarChartOutlined />, permission: 'health.read' },
  {
    path: INCIDENTS_GROUP,
    label: 'nav.incidents',
    icon: <ThunderboltOutlined />,
    permission: 'incidents.read',
    children: [
      { path: '/incidents', label: 'nav.incidentsList', icon: null },
      { path: '/incidents/board', label: 'nav.incidentsBoard', icon: null },
    ],
  },
  {
    path: TESTING_GROUP,
    label: 'nav.testing',
    icon: <ExperimentOutlined />,
    permission: 'testing.read',
    children: [
      { path: '/testing', label: 'nav.testingDue', icon: null },
      { path: '/testing/compliance', label: 'nav.testingCompliance', icon: null },
      { path: '/testing/sessions', label: 'nav.testingSessions', icon: null },
      { path: '/testing/records', label: 'nav.testingRecords', icon: null },
      { path: '/testing/batch', label: 'nav.testingBatch', icon: null, permission: 'testing.write' },
      { path: '/testing/import', label: 'nav.testingImport', icon: null, permission: 'testing.write' },
    ],
  },
  {
    path: SUPPLIES_GROUP,
    label: 'nav.supplies',
    icon: <MedicineBoxOutlined />,
    permission: 'supplies.read',
    children: [
      { path: '/supplies', label: 'nav.suppliesStock', icon: null },
      { path: '/supplies/issue', label: 'nav.suppliesIssue', icon: null, permission: 'supplies.write' },
      { path: '/supplies/overview', label: 'nav.suppliesOverview', icon: null },
      { path: '/supplies/orders', label: 'nav.suppliesOrders', icon: null },
      { path: '/supplies/ledger', label: 'nav.suppliesLedger', icon: null },
      { path: '/supplies/items', label: 'nav.suppliesItems', icon: null },
    ],
  },
  { path: '/gate', label: 'nav.gate', icon: <ScanOutlined />, permission: 'visits.read' },
  { path: '/visits', label: 'nav.visits', icon: <SolutionOutlined />, permission: 'visits.read' },
  { path: '/policies', label: 'nav.policies', icon: <SafetyOutlined />, permission: 'policy.read' },
  { path: '/audit', label: 'nav.audit', icon: <AuditOutlined />, permission: 'audit.read' },
  { path: '/admin/notification-rules', label: 'nav.notificationRules', icon: <NotificationOutlined />, permission: 'notifications.manage' },
  { path: '/admin/outbox', label: 'nav.outbox', icon: <SendOutlined />, permission: 'notifications.manage' },
  { path: '/notifications', label: 'nav.notifications', icon: <BellOutlined /> },
  { path: '/profile', label: 'nav.profile', icon: <UserOutlined /> },
];

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
