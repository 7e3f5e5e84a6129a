import { BellOutlined, NotificationOutlined, SendOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../module';
import { NotificationBell } from './NotificationBell';
import { NotificationRulesPage } from './NotificationRulesPage';
import { NotificationsPage } from './NotificationsPage';
import { OutboxPage } from './OutboxPage';

export const notificationsModule: FeatureModule = {
  id: 'notifications',
  routes: [
    { path: 'admin/notification-rules', element: <NotificationRulesPage />, permission: 'notifications.manage' },
    { path: 'admin/outbox', element: <OutboxPage />, permission: 'notifications.manage' },
    // Everyone's own notifications.
    { path: 'notifications', element: <NotificationsPage /> },
  ],
  menu: [
    { order: 160, path: '/admin/notification-rules', label: 'nav.notificationRules', icon: <NotificationOutlined />, permission: 'notifications.manage' },
    { order: 170, path: '/admin/outbox', label: 'nav.outbox', icon: <SendOutlined />, permission: 'notifications.manage' },
    { order: 180, path: '/notifications', label: 'nav.notifications', icon: <BellOutlined /> },
  ],
  layout: [{ id: 'bell', order: 10, place: 'header', Component: NotificationBell }],
};
