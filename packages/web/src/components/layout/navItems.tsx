import type { ReactNode } from 'react';
import {
  AlertOutlined, ApartmentOutlined, AuditOutlined, BarChartOutlined, DashboardOutlined, EnvironmentOutlined, HomeOutlined,
  SafetyOutlined, TeamOutlined, FormOutlined, UserOutlined, ScanOutlined, SolutionOutlined,
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
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', label: 'nav.home', icon: <DashboardOutlined /> },
  { path: '/org', label: 'nav.org', icon: <ApartmentOutlined />, permission: 'org.read' },
  { path: '/sites', label: 'nav.sites', icon: <EnvironmentOutlined />, permission: 'org.read' },
  { path: '/people', label: 'nav.people', icon: <TeamOutlined />, permission: 'people.read' },
  { path: '/rounds', label: 'nav.rounds', icon: <FormOutlined />, permission: 'health.read' },
  { path: '/alerts', label: 'nav.alerts', icon: <AlertOutlined />, permission: 'health.read', badge: 'openAlerts' },
  { path: '/isolation', label: 'nav.isolation', icon: <HomeOutlined />, permission: 'health.read' },
  { path: '/coverage', label: 'nav.coverage', icon: <BarChartOutlined />, permission: 'health.read' },
  { path: '/gate', label: 'nav.gate', icon: <ScanOutlined />, permission: 'visits.read' },
  { path: '/visits', label: 'nav.visits', icon: <SolutionOutlined />, permission: 'visits.read' },
  { path: '/policies', label: 'nav.policies', icon: <SafetyOutlined />, permission: 'policy.read' },
  { path: '/audit', label: 'nav.audit', icon: <AuditOutlined />, permission: 'audit.read' },
  { path: '/profile', label: 'nav.profile', icon: <UserOutlined /> },
];

/** The menu entry a location belongs to (the longest matching prefix). */
export function activeNavPath(pathname: string): string {
  let best = '/';
  for (const item of NAV_ITEMS) {
    if (item.path !== '/' && (pathname === item.path || pathname.startsWith(`${item.path}/`)) && item.path.length > best.length) {
      best = item.path;
    }
  }
  return best;
}
