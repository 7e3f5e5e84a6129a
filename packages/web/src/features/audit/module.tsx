import { AuditOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../module';
import { AuditPage } from './AuditPage';

export const auditModule: FeatureModule = {
  id: 'audit',
  routes: [{ path: 'audit', element: <AuditPage />, permission: 'audit.read' }],
  menu: [{ order: 150, path: '/audit', label: 'nav.audit', icon: <AuditOutlined />, permission: 'audit.read' }],
};
