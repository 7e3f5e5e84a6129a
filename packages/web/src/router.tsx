import { createBrowserRouter } from 'react-router';
import { AppLayout } from './components/layout/AppLayout';
import { NotFound } from './components/shared/NotFound';
import { AuditPage } from './features/audit/AuditPage';
import { LoginPage } from './features/auth/LoginPage';
import { RequireAuth } from './features/auth/RequireAuth';
import { RequirePermission } from './features/auth/RequirePermission';
import { AlertsPage } from './features/health/AlertsPage';
import { CoveragePage } from './features/health/CoveragePage';
import { IsolationPage } from './features/health/IsolationPage';
import { RoundPage } from './features/health/RoundPage';
import { HomePage } from './features/home/HomePage';
import { EscalationBoardPage } from './features/incidents/EscalationBoardPage';
import { IncidentDetailPage } from './features/incidents/IncidentDetailPage';
import { IncidentsPage } from './features/incidents/IncidentsPage';
import { NotificationRulesPage } from './features/notifications/NotificationRulesPage';
import { NotificationsPage } from './features/notifications/NotificationsPage';
import { OutboxPage } from './features/notifications/OutboxPage';
import { OrgPage } from './features/org/OrgPage';
import { PeoplePage } from './features/people/PeoplePage';
import { PersonDetailPage } from './features/people/PersonDetailPage';
import { RosterImportPage } from './features/people/RosterImportPage';
import { PoliciesPage } from './features/policies/PoliciesPage';
import { PolicyDetailPage } from './features/policies/PolicyDetailPage';
import { ProfilePage } from './features/profile/ProfilePage';
import { SiteDetailPage } from './features/sites/SiteDetailPage';
import { SitesPage } from './features/sites/SitesPage';
import { CataloguePage } from './features/supplies/CataloguePage';
import { LedgerPage } from './features/supplies/LedgerPage';
import { OrdersPage } from './features/supplies/OrdersPage';
import { SuppliesOverviewPage } from './features/supplies/OverviewPage';
import { QuickIssuePage } from './features/supplies/QuickIssuePage';
import { SuppliesPage } from './features/supplies/SuppliesPage';
import { BatchEntryPage } from './features/testing/BatchEntryPage';
import { CompliancePage } from './features/testing/CompliancePage';
import { DueListPage } from './features/testing/DueListPage';
import { LabImportPage } from './features/testing/LabImportPage';
import { RecordsPage } from './features/testing/RecordsPage';
import { SessionDetailPage } from './features/testing/SessionDetailPage';
import { SessionsPage } from './features/testing/SessionsPage';
import { GatePage } from './features/visits/GatePage';
import { PosterPage } from './features/visits/VisitorLink';
import { VisitsPage } from './features/visits/VisitsPage';

/** The signed-in app. The public visitor page (`/v/:token`) is a bundle of its own: see main.tsx. */
export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: <RequireAuth><AppLayout /></RequireAuth>,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'org', element: <RequirePermission permission="org.read"><OrgPage /></RequirePermission> },
      { path: 'sites', element: <RequirePermission permission="org.read"><SitesPage /></RequirePermission> },
      { path: 'sites/:id', element: <RequirePermission permission="org.read"><SiteDetailPage /></RequirePermission> },
      { path: 'sites/:id/poster', element: <RequirePermission permission="visits.read"><PosterPage /></RequirePermission> },
      { path: 'gate', element: <RequirePermission permission="visits.read"><GatePage /></RequirePermission> },
      { path: 'visits', element: <RequirePermission permission="visits.read"><VisitsPage /></RequirePermission> },
      { path: 'people', element: <RequirePermission permission="people.read"><PeoplePage /></RequirePermission> },
      { path: 'people/import', element: <RequirePermission permission="people.write"><RosterImportPage /></RequirePermission> },
      { path: 'people/:id', element: <RequirePermission permission="people.read"><PersonDetailPage /></RequirePermission> },
      { path: 'rounds', element: <RequirePermission permission="health.read"><RoundPage /></RequirePermission> },
      { path: 'alerts', element: <RequirePermission permission="health.read"><AlertsPage /></RequirePermission> },
      { path: 'alerts/:id', element: <RequirePermission permission="health.read"><AlertsPage /></RequirePermission> },
      { path: 'isolation', element: <RequirePermission permission="health.read"><IsolationPage /></RequirePermission> },
      { path: 'coverage', element: <RequirePermission permission="health.read"><CoveragePage /></RequirePermission> },
      { path: 'incidents', element: <RequirePermission permission="incidents.read"><IncidentsPage /></RequirePermission> },
      { path: 'incidents/new', element: <RequirePermission permission="incidents.act"><IncidentsPage newForm /></RequirePermission> },
      { path: 'incidents/board', element: <RequirePermission permission="incidents.read"><EscalationBoardPage /></RequirePermission> },
      { path: 'incidents/:id', element: <RequirePermission permission="incidents.read"><IncidentDetailPage /></RequirePermission> },
      { path: 'testing', element: <RequirePermission permission="testing.read"><DueListPage /></RequirePermission> },
      { path: 'testing/compliance', element: <RequirePermission permission="testing.read"><CompliancePage /></RequirePermission> },
      { path: 'testing/records', element: <RequirePermission permission="testing.read"><RecordsPage /></RequirePermission> },
      { path: 'testing/batch', element: <RequirePermission permission="testing.write"><BatchEntryPage /></RequirePermission> },
      { path: 'testing/sessions', element: <RequirePermission permission="testing.read"><SessionsPage /></RequirePermission> },
      { path: 'testing/sessions/:id', element: <RequirePermission permission="testing.read"><SessionDetailPage /></RequirePermission> },
      { path: 'testing/import', element: <RequirePermission permission="testing.write"><LabImportPage /></RequirePermission> },
      { path: 'supplies', element: <RequirePermission permission="supplies.read"><SuppliesPage /></RequirePermission> },
      { path: 'supplies/issue', element: <RequirePermission permission="supplies.write"><QuickIssuePage /></RequirePermission> },
      { path: 'supplies/ledger', element: <RequirePermission permission="supplies.read"><LedgerPage /></RequirePermission> },
      { path: 'supplies/orders', element: <RequirePermission permission="supplies.read"><OrdersPage /></RequirePermission> },
      { path: 'supplies/overview', element: <RequirePermission permission="supplies.read"><SuppliesOverviewPage /></RequirePermission> },
      { path: 'supplies/items', element: <RequirePermission permission="supplies.read"><CataloguePage /></RequirePermission> },
      { path: 'policies', element: <RequirePermission permission="policy.read"><PoliciesPage /></RequirePermission> },
      { path: 'policies/:siteType', element: <RequirePermission permission="policy.read"><PolicyDetailPage /></RequirePermission> },
      { path: 'audit', element: <RequirePermission permission="audit.read"><AuditPage /></RequirePermission> },
      { path: 'admin/notification-rules', element: <RequirePermission permission="notifications.manage"><NotificationRulesPage /></RequirePermission> },
      { path: 'admin/outbox', element: <RequirePermission permission="notifications.manage"><OutboxPage /></RequirePermission> },
      { path: 'notifications', element: <NotificationsPage /> },
      { path: 'profile', element: <ProfilePage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
