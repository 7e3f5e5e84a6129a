import { useState } from 'react';
import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Flex, Grid, Layout, Typography } from 'antd';
import { Outlet } from 'react-router';
import { FEATURES } from '../../features';
import type { LayoutPart } from '../../features/module';
import { LanguageSwitch } from '../shared/LanguageSwitch';
import { useT } from '../../i18n/useT';
import { SideMenu } from './SideMenu';
import { SignOutButton } from './SignOutButton';
import { UserSummary } from './UserSummary';

function Brand() {
  const t = useT();
  return (
    <Typography.Title level={4} style={{ color: '#fff', margin: 0, padding: '16px 24px', whiteSpace: 'nowrap', overflow: 'hidden' }}>
      {t('app.name')}
    </Typography.Title>
  );
}

/** The features' parts of every page at one place, in their order. */
function partsAt(place: LayoutPart['place']): LayoutPart[] {
  return FEATURES.flatMap((f) => f.layout ?? []).filter((p) => p.place === place).sort((a, b) => a.order - b.order);
}
const BACKGROUND = partsAt('background');
const HEADER = partsAt('header');

/** Side menu (a drawer on phones), header with the user and actions, and the page. */
export function AppLayout() {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const isPhone = !screens.md;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {BACKGROUND.map(({ id, Component }) => <Component key={id} />)}
      {!isPhone && (
        <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} breakpoint="lg" width={208} className="fk-sider">
          {!collapsed && <Brand />}
          <SideMenu />
        </Layout.Sider>
      )}
      {isPhone && (
        <Drawer
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="left"
          size={240}
          closable={false}
          styles={{ body: { padding: 0, background: '#001529' } }}
        >
          <Brand />
          <SideMenu onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      )}
      <Layout>
        <Layout.Header
          style={{ background: '#fff', padding: isPhone ? '0 12px' : '0 24px', height: 'auto', minHeight: 64, lineHeight: 'normal', borderBottom: '1px solid #f0f0f0' }}
        >
          <Flex align="center" justify="space-between" gap={8} style={{ minHeight: 64 }}>
            <Flex align="center" gap={8} style={{ minWidth: 0 }}>
              {isPhone && (
                <Button type="text" icon={<MenuOutlined />} onClick={() => setDrawerOpen(true)} aria-label={t('common.openMenu')} />
              )}
              <UserSummary compact={isPhone} />
            </Flex>
            <Flex align="center" gap={4}>
              {HEADER.map(({ id, Component }) => <Component key={id} />)}
              <LanguageSwitch />
              <SignOutButton iconOnly={isPhone} />
            </Flex>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: isPhone ? 12 : 24, minWidth: 0 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
