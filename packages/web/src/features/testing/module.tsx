import { ExperimentOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../module';
import { BatchEntryPage } from './BatchEntryPage';
import { CompliancePage } from './CompliancePage';
import { DueListPage } from './DueListPage';
import { LabImportPage } from './LabImportPage';
import { RecordsPage } from './RecordsPage';
import { SessionDetailPage } from './SessionDetailPage';
import { SessionsPage } from './SessionsPage';
import { TestingHomeCard } from './TestingHomeCard';

export const testingModule: FeatureModule = {
  id: 'testing',
  routes: [
    { path: 'testing', element: <DueListPage />, permission: 'testing.read' },
    { path: 'testing/compliance', element: <CompliancePage />, permission: 'testing.read' },
    { path: 'testing/records', element: <RecordsPage />, permission: 'testing.read' },
    { path: 'testing/batch', element: <BatchEntryPage />, permission: 'testing.write' },
    { path: 'testing/sessions', element: <SessionsPage />, permission: 'testing.read' },
    { path: 'testing/sessions/:id', element: <SessionDetailPage />, permission: 'testing.read' },
    { path: 'testing/import', element: <LabImportPage />, permission: 'testing.write' },
  ],
  menu: [
    {
      order: 100,
      // A group, not a page: the key only opens and closes it.
      path: 'group:testing',
      label: 'nav.testing',
      icon: <ExperimentOutlined />,
      permission: 'testing.read',
      children: [
        { path: '/testing', label: 'nav.testingDue', icon: null },
        { path: '/testing/compliance', label: 'nav.testingCompliance', icon: null },
        { path: '/testing/sessions', label: 'nav.testingSessions', icon: null },
        { path: '/testing/records', label: 'nav.testingRecords', icon: null },
        { path: '/testing/batch', label: 'nav.testingBatch', icon: null, permission: 'testing.write' },
        { path: '/testing/import', label: 'nav.testingImport', icon: null, permission: 'testing.write' },
      ],
    },
  ],
  homeCards: [{ id: 'testing', order: 30, permission: 'testing.read', Card: TestingHomeCard }],
};
