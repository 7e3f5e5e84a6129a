import { IdcardOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../module';
import { AccountsPage } from './AccountsPage';
import { BulkAccountsPage } from './BulkAccountsPage';

export const accountsModule: FeatureModule = {
  id: 'accounts',
  routes: [
    { path: 'accounts', element: <AccountsPage />, permission: 'users.read' },
    { path: 'accounts/bulk', element: <BulkAccountsPage />, permission: 'users.manage' },
  ],
  menu: [{ order: 145, path: '/accounts', label: 'nav.accounts', icon: <IdcardOutlined />, permission: 'users.read' }],
};
