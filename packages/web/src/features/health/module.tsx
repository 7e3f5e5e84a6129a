import { AlertOutlined, BarChartOutlined, FormOutlined, HomeOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../module';
import { AlertNotifier } from './AlertNotifier';
import { AlertsPage } from './AlertsPage';
import { CoveragePage } from './CoveragePage';
import { HealthHomeCard } from './HealthHomeCard';
import { IsolationPage } from './IsolationPage';
import { RoundPage } from './RoundPage';
import { useOpenAlerts } from './useHealth';

/** The menu badge: the open alerts of the user's sites (the query the home card and the notifier share). */
function useOpenAlertCount(): number {
  return useOpenAlerts().data?.length ?? 0;
}

export const healthModule: FeatureModule = {
  id: 'health',
  routes: [
    { path: 'rounds', element: <RoundPage />, permission: 'health.read' },
    { path: 'alerts', element: <AlertsPage />, permission: 'health.read' },
    { path: 'alerts/:id', element: <AlertsPage />, permission: 'health.read' },
    { path: 'isolation', element: <IsolationPage />, permission: 'health.read' },
    { path: 'coverage', element: <CoveragePage />, permission: 'health.read' },
  ],
  menu: [
    { order: 50, path: '/rounds', label: 'nav.rounds', icon: <FormOutlined />, permission: 'health.read' },
    {
      order: 60,
      path: '/alerts',
      label: 'nav.alerts',
      icon: <AlertOutlined />,
      permission: 'health.read',
      badge: { useCount: useOpenAlertCount, testId: 'nav-alerts-badge' },
    },
    { order: 70, path: '/isolation', label: 'nav.isolation', icon: <HomeOutlined />, permission: 'health.read' },
    { order: 80, path: '/coverage', label: 'nav.coverage', icon: <BarChartOutlined />, permission: 'health.read' },
  ],
  homeCards: [{ id: 'health', order: 10, permission: 'health.read', Card: HealthHomeCard }],
  // Watches for new alerts on every page (it checks its own permission).
  layout: [{ id: 'alert-notifier', order: 10, place: 'background', Component: AlertNotifier }],
};
