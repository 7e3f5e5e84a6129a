import { ScanOutlined, SolutionOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../module';
import { GatePage } from './GatePage';
import { PosterPage } from './VisitorLink';
import { VisitsPage } from './VisitsPage';

export const visitsModule: FeatureModule = {
  id: 'visits',
  routes: [
    { path: 'sites/:id/poster', element: <PosterPage />, permission: 'visits.read' },
    { path: 'gate', element: <GatePage />, permission: 'visits.read' },
    { path: 'visits', element: <VisitsPage />, permission: 'visits.read' },
  ],
  menu: [
    { order: 120, path: '/gate', label: 'nav.gate', icon: <ScanOutlined />, permission: 'visits.read' },
    { order: 130, path: '/visits', label: 'nav.visits', icon: <SolutionOutlined />, permission: 'visits.read' },
  ],
};
