import { ApartmentOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../module';
import { OrgPage } from './OrgPage';

export const orgModule: FeatureModule = {
  id: 'org',
  routes: [{ path: 'org', element: <OrgPage />, permission: 'org.read' }],
  menu: [{ order: 20, path: '/org', label: 'nav.org', icon: <ApartmentOutlined />, permission: 'org.read' }],
};
