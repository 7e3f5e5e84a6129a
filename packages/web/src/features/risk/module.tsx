import { WarningOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../module';
import { RiskAreasPage } from './RiskAreasPage';
import { RiskImportPage } from './RiskImportPage';

export const riskModule: FeatureModule = {
  id: 'risk',
  routes: [
    { path: 'risk-areas', element: <RiskAreasPage />, permission: 'org.read' },
    { path: 'risk-areas/import', element: <RiskImportPage />, permission: 'risk.manage' },
  ],
  menu: [{ order: 35, path: '/risk-areas', label: 'nav.riskAreas', icon: <WarningOutlined />, permission: 'org.read' }],
};
