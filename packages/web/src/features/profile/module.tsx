import { UserOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../module';
import { ProfilePage } from './ProfilePage';

export const profileModule: FeatureModule = {
  id: 'profile',
  routes: [{ path: 'profile', element: <ProfilePage /> }],
  menu: [{ order: 190, path: '/profile', label: 'nav.profile', icon: <UserOutlined /> }],
};
