import { ThunderboltOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../module';
import { EscalationBoardPage } from './EscalationBoardPage';
import { IncidentDetailPage } from './IncidentDetailPage';
import { IncidentsHomeCard } from './IncidentsHomeCard';
import { IncidentsPage } from './IncidentsPage';

export const incidentsModule: FeatureModule = {
  id: 'incidents',
  routes: [
    { path: 'incidents', element: <IncidentsPage />, permission: 'incidents.read' },
    { path: 'incidents/new', element: <IncidentsPage newForm />, permission: 'incidents.act' },
    { path: 'incidents/board', element: <EscalationBoardPage />, permission: 'incidents.read' },
    { path: 'incidents/:id', element: <IncidentDetailPage />, permission: 'incidents.read' },
  ],
  menu: [
    {
      order: 90,
      // A group, not a page: the key only opens and closes it.
      path: 'group:incidents',
      label: 'nav.incidents',
      icon: <ThunderboltOutlined />,
      permission: 'incidents.read',
      children: [
        { path: '/incidents', label: 'nav.incidentsList', icon: null },
        { path: '/incidents/board', label: 'nav.incidentsBoard', icon: null },
      ],
    },
  ],
  homeCards: [{ id: 'incidents', order: 20, permission: 'incidents.read', Card: IncidentsHomeCard }],
};
