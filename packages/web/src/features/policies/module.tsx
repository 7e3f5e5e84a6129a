import { SafetyOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../module';
import { PoliciesPage } from './PoliciesPage';
import { PolicyDetailPage } from './PolicyDetailPage';

export const policiesModule: FeatureModule = {
  id: 'policies',
  routes: [
    { path: 'policies', element: <PoliciesPage />, permission: 'policy.read' },
    { path: 'policies/:siteType', element: <PolicyDetailPage />, permission: 'policy.read' },
  ],
  menu: [{ order: 140, path: '/policies', label: 'nav.policies', icon: <SafetyOutlined />, permission: 'policy.read' }],
};
