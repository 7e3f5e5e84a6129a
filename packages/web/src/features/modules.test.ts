import { isValidElement } from 'react';
import { describe, expect, it } from 'vitest';
import { NAV_ITEMS } from '../components/layout/navItems';
import { appRoutes } from '../routes';
import { RequirePermission } from './auth/RequirePermission';
import { HOME_CARDS } from './home/HomePage';
import { FEATURES } from '.';
import type { NavItem } from './module';

/*
 * The router, the menu and the home page are gathered from the feature modules: these are the
 * lists they held when each was written out by hand, so a module that moves or drops an entry,
 * or gives it another permission or place, shows here.
 */

const PAGES: [path: string, permission: string | null][] = [
  ['(index)', null],
  ['org', 'org.read'],
  ['sites', 'org.read'],
  ['sites/:id', 'org.read'],
  ['risk-areas', 'org.read'],
  ['risk-areas/import', 'risk.manage'],
  ['sites/:id/poster', 'visits.read'],
  ['gate', 'visits.read'],
  ['visits', 'visits.read'],
  ['people', 'people.read'],
  ['people/import', 'people.write'],
  ['people/:id', 'people.read'],
  ['rounds', 'health.read'],
  ['alerts', 'health.read'],
  ['alerts/:id', 'health.read'],
  ['isolation', 'health.read'],
  ['coverage', 'health.read'],
  ['incidents', 'incidents.read'],
  ['incidents/new', 'incidents.act'],
  ['incidents/board', 'incidents.read'],
  ['incidents/:id', 'incidents.read'],
  ['testing', 'testing.read'],
  ['testing/compliance', 'testing.read'],
  ['testing/records', 'testing.read'],
  ['testing/batch', 'testing.write'],
  ['testing/sessions', 'testing.read'],
  ['testing/sessions/:id', 'testing.read'],
  ['testing/import', 'testing.write'],
  ['supplies', 'supplies.read'],
  ['supplies/issue', 'supplies.write'],
  ['supplies/ledger', 'supplies.read'],
  ['supplies/orders', 'supplies.read'],
  ['supplies/overview', 'supplies.read'],
  ['supplies/items', 'supplies.read'],
  ['funeral', 'funeral.read'],
  ['funeral/calendar', 'funeral.read'],
  ['funeral/disinfections', 'funeral.read'],
  ['funeral/events/:id', 'funeral.read'],
  ['funeral/cases', 'funeral.read'],
  ['funeral/cases/:id', 'funeral.read'],
  ['funeral/overview', 'funeral.read'],
  ['funeral/trace', 'funeral.read'],
  ['policies', 'policy.read'],
  ['policies/:siteType', 'policy.read'],
  ['audit', 'audit.read'],
  ['accounts', 'users.read'],
  ['accounts/bulk', 'users.manage'],
  ['admin/notification-rules', 'notifications.manage'],
  ['admin/outbox', 'notifications.manage'],
  ['notifications', null],
  ['profile', null],
  ['*', null],
];

/** [key, label, permission, badge test id] of each entry, a group's children indented under it. */
const MENU = [
  '/ nav.home',
  '/org nav.org org.read',
  '/sites nav.sites org.read',
  '/risk-areas nav.riskAreas org.read',
  '/people nav.people people.read',
  '/rounds nav.rounds health.read',
  '/alerts nav.alerts health.read badge:nav-alerts-badge',
  '/isolation nav.isolation health.read',
  '/coverage nav.coverage health.read',
  'group:incidents nav.incidents incidents.read',
  '  /incidents nav.incidentsList',
  '  /incidents/board nav.incidentsBoard',
  'group:testing nav.testing testing.read',
  '  /testing nav.testingDue',
  '  /testing/compliance nav.testingCompliance',
  '  /testing/sessions nav.testingSessions',
  '  /testing/records nav.testingRecords',
  '  /testing/batch nav.testingBatch testing.write',
  '  /testing/import nav.testingImport testing.write',
  'group:supplies nav.supplies supplies.read',
  '  /supplies nav.suppliesStock',
  '  /supplies/issue nav.suppliesIssue supplies.write',
  '  /supplies/overview nav.suppliesOverview',
  '  /supplies/orders nav.suppliesOrders',
  '  /supplies/ledger nav.suppliesLedger',
  '  /supplies/items nav.suppliesItems',
  'group:funeral nav.funeral funeral.read',
  '  /funeral nav.funeralToday',
  '  /funeral/calendar nav.funeralCalendar',
  '  /funeral/disinfections nav.funeralDisinfections',
  '  /funeral/cases nav.funeralCases',
  '  /funeral/overview nav.funeralOverview',
  '  /funeral/trace nav.funeralTrace',
  '/gate nav.gate visits.read',
  '/visits nav.visits visits.read',
  '/policies nav.policies policy.read',
  '/accounts nav.accounts users.read',
  '/audit nav.audit audit.read',
  '/admin/notification-rules nav.notificationRules notifications.manage',
  '/admin/outbox nav.outbox notifications.manage',
  '/notifications nav.notifications',
  '/profile nav.profile',
];

function menuLines(items: readonly NavItem[], indent = ''): string[] {
  return items.flatMap((i) => [
    indent + [i.path, i.label, i.permission, i.badge && `badge:${i.badge.testId}`].filter(Boolean).join(' '),
    ...menuLines(i.children ?? [], `${indent}  `),
  ]);
}

describe('the app gathered from the feature modules', () => {
  it('has the pages, with their permissions, that the router listed by hand', () => {
    expect(appRoutes.map((r) => r.path)).toEqual(['/login', '/']);
    const app = appRoutes[1]?.children ?? [];
    const pages = app.map((r): [string, string | null] => {
      const el = r.element;
      const guarded = isValidElement<{ permission: string }>(el) && el.type === RequirePermission;
      return [r.index ? '(index)' : (r.path ?? ''), guarded ? el.props.permission : null];
    });
    expect(pages).toEqual(PAGES);
  });

  it('has the menu, in its order, that was listed by hand', () => {
    expect(menuLines(NAV_ITEMS)).toEqual(MENU);
  });

  it('shows the home cards in their order, each to the holders of its permission', () => {
    expect(HOME_CARDS.map((c) => `${c.id} ${c.permission}`)).toEqual([
      'health health.read', 'incidents incidents.read', 'testing testing.read', 'supplies supplies.read', 'funeral funeral.read',
    ]);
  });

  it('puts the bell in the header and the alert notifier on every page', () => {
    const parts = FEATURES.flatMap((f) => (f.layout ?? []).map((p) => `${f.id} ${p.place} ${p.id}`));
    expect(parts.sort()).toEqual(['health background alert-notifier', 'notifications header bell']);
  });
});
