import { TeamOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../module';
import { PeoplePage } from './PeoplePage';
import { PersonDetailPage } from './PersonDetailPage';
import { RosterImportPage } from './RosterImportPage';

export const peopleModule: FeatureModule = {
  id: 'people',
  routes: [
    { path: 'people', element: <PeoplePage />, permission: 'people.read' },
    { path: 'people/import', element: <RosterImportPage />, permission: 'people.write' },
    { path: 'people/:id', element: <PersonDetailPage />, permission: 'people.read' },
  ],
  menu: [{ order: 40, path: '/people', label: 'nav.people', icon: <TeamOutlined />, permission: 'people.read' }],
};
