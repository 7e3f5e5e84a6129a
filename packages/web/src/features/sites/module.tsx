import { EnvironmentOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../module';
import { SiteDetailPage } from './SiteDetailPage';
import { SitesPage } from './SitesPage';

export const sitesModule: FeatureModule = {
  id: 'sites',
  routes: [
    { path: 'sites', element: <SitesPage />, permission: 'org.read' },
    { path: 'sites/:id', element: <SiteDetailPage />, permission: 'org.read' },
  ],
  menu: [{ order: 30, path: '/sites', label: 'nav.sites', icon: <EnvironmentOutlined />, permission: 'org.read' }],
};
