import { MedicineBoxOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../module';
import { CataloguePage } from './CataloguePage';
import { LedgerPage } from './LedgerPage';
import { OrdersPage } from './OrdersPage';
import { SuppliesOverviewPage } from './OverviewPage';
import { QuickIssuePage } from './QuickIssuePage';
import { SuppliesHomeCard } from './SuppliesHomeCard';
import { SuppliesPage } from './SuppliesPage';

export const suppliesModule: FeatureModule = {
  id: 'supplies',
  routes: [
    { path: 'supplies', element: <SuppliesPage />, permission: 'supplies.read' },
    { path: 'supplies/issue', element: <QuickIssuePage />, permission: 'supplies.write' },
    { path: 'supplies/ledger', element: <LedgerPage />, permission: 'supplies.read' },
    { path: 'supplies/orders', element: <OrdersPage />, permission: 'supplies.read' },
    { path: 'supplies/overview', element: <SuppliesOverviewPage />, permission: 'supplies.read' },
    { path: 'supplies/items', element: <CataloguePage />, permission: 'supplies.read' },
  ],
  menu: [
    {
      order: 110,
      // A group, not a page: the key only opens and closes it.
      path: 'group:supplies',
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
  ],
  homeCards: [{ id: 'supplies', order: 40, permission: 'supplies.read', Card: SuppliesHomeCard }],
};
