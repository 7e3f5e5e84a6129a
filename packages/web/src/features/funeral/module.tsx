import { FlagOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../module';
import { FuneralCalendarPage } from './CalendarPage';
import { FuneralCasePage } from './CasePage';
import { FuneralCasesPage } from './CasesPage';
import { FuneralEventPage } from './EventPage';
import { FuneralDisinfectionRegisterPage } from './DisinfectionRegisterPage';
import { FuneralHomeCard } from './FuneralHomeCard';
import { FuneralOverviewPage } from './OverviewPage';
import { FuneralTodayPage } from './TodayPage';
import { FuneralTracePage } from './TracePage';

export const funeralModule: FeatureModule = {
  id: 'funeral',
  routes: [
    { path: 'funeral', element: <FuneralTodayPage />, permission: 'funeral.read' },
    { path: 'funeral/calendar', element: <FuneralCalendarPage />, permission: 'funeral.read' },
    { path: 'funeral/disinfections', element: <FuneralDisinfectionRegisterPage />, permission: 'funeral.read' },
    { path: 'funeral/events/:id', element: <FuneralEventPage />, permission: 'funeral.read' },
    { path: 'funeral/cases', element: <FuneralCasesPage />, permission: 'funeral.read' },
    { path: 'funeral/cases/:id', element: <FuneralCasePage />, permission: 'funeral.read' },
    { path: 'funeral/overview', element: <FuneralOverviewPage />, permission: 'funeral.read' },
    { path: 'funeral/trace', element: <FuneralTracePage />, permission: 'funeral.read' },
  ],
  menu: [
    {
      order: 115,
      // A group, not a page: the key only opens and closes it.
      path: 'group:funeral',
      label: 'nav.funeral',
      icon: <FlagOutlined />,
      permission: 'funeral.read',
      children: [
        { path: '/funeral', label: 'nav.funeralToday', icon: null },
        { path: '/funeral/calendar', label: 'nav.funeralCalendar', icon: null },
        { path: '/funeral/disinfections', label: 'nav.funeralDisinfections', icon: null },
        { path: '/funeral/cases', label: 'nav.funeralCases', icon: null },
        { path: '/funeral/overview', label: 'nav.funeralOverview', icon: null },
        { path: '/funeral/trace', label: 'nav.funeralTrace', icon: null },
      ],
    },
  ],
  homeCards: [{ id: 'funeral', order: 45, permission: 'funeral.read', Card: FuneralHomeCard }],
};
