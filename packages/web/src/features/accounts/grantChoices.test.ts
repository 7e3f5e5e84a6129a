import { describe, expect, it } from 'vitest';
import type { OrgNode, Role } from '@fangkong/domain';
import { accountStatus, grantableNodes, grantsOf, nodesFor, rolesAt } from './grantChoices';

type Node = Pick<OrgNode, 'id' | 'path' | 'kind' | 'siteType' | 'name'>;
const node = (id: string, path: string, kind: OrgNode['kind'], siteType: OrgNode['siteType'] = null): Node => ({ id, path, kind, siteType, name: id });

// The tree a bureau admin sees; a town officer of t1 sees t1 and below (the server's list is scoped).
const BUREAU = node('bureau', '/b/', 'bureau');
const T1 = node('t1', '/b/t1/', 'town');
const HOME = node('home', '/b/t1/home/', 'site', 'elderly_care');
const COMMUNITY = node('cm', '/b/t1/cm/', 'site', 'community');
const COMPOUND = node('c1', '/b/t1/cm/c1/', 'compound');
const T2 = node('t2', '/b/t2/', 'town');
const ALL = [BUREAU, T1, HOME, COMMUNITY, COMPOUND, T2];

const me = (role: Role, at: Node) => grantsOf([{ role, nodePath: at.path }]);

describe('the roles the account form offers at a node', () => {
  it.each<{ who: string; grants: ReturnType<typeof me>; at: Node; roles: Role[] }>([
    { who: 'admin at the bureau', grants: me('bureau_admin', BUREAU), at: BUREAU, roles: ['bureau_admin', 'bureau_officer', 'inspector'] },
    { who: 'admin at a town', grants: me('bureau_admin', BUREAU), at: T1, roles: ['town_officer', 'inspector'] },
    { who: 'town officer at the own town', grants: me('town_officer', T1), at: T1, roles: ['town_officer', 'inspector'] },
    { who: 'town officer at an elderly home', grants: me('town_officer', T1), at: HOME, roles: ['site_manager', 'site_staff', 'volunteer'] },
    { who: 'town officer at a community', grants: me('town_officer', T1), at: COMMUNITY, roles: ['site_manager', 'site_staff', 'grid_worker', 'volunteer'] },
    { who: 'town officer at a compound', grants: me('town_officer', T1), at: COMPOUND, roles: ['grid_worker', 'volunteer'] },
    { who: 'town officer at another town', grants: me('town_officer', T1), at: T2, roles: [] },
    { who: 'town officer at the bureau', grants: me('town_officer', T1), at: BUREAU, roles: [] },
    { who: 'site manager at the own home', grants: me('site_manager', HOME), at: HOME, roles: ['site_manager', 'site_staff', 'volunteer'] },
    { who: 'site manager elsewhere', grants: me('site_manager', HOME), at: COMMUNITY, roles: [] },
    { who: 'site staff (no users.manage)', grants: me('site_staff', HOME), at: HOME, roles: [] },
  ])('$who: $roles', ({ grants, at, roles }) => {
    expect(rolesAt(grants, at).sort()).toEqual([...roles].sort());
  });

  it('offers only the nodes where some role may be bound, and with a role chosen only where it fits', () => {
    const grants = me('town_officer', T1);
    expect(grantableNodes(grants, ALL).map((c) => c.node.id)).toEqual(['t1', 'home', 'cm', 'c1']);
    expect(nodesFor(grants, ALL, 'grid_worker').map((n) => n.id)).toEqual(['cm', 'c1']);
    expect(nodesFor(grants, ALL, 'town_officer').map((n) => n.id)).toEqual(['t1']);
    expect(nodesFor(grants, ALL, 'bureau_officer')).toEqual([]);
    expect(nodesFor(me('site_manager', HOME), ALL, undefined).map((n) => n.id)).toEqual(['home']);
  });

  it('lists the highest role first', () => {
    expect(rolesAt(me('bureau_admin', BUREAU), BUREAU)[0]).toBe('bureau_admin');
  });
});

describe('an account\'s status', () => {
  const now = Date.parse('2026-12-05T08:00:00Z');
  const base = { disabled: false, lockedUntil: null, mustChangePassword: false };
  it.each([
    { what: 'in use', account: base, status: 'active' },
    { what: 'disabled, also locked', account: { ...base, disabled: true, lockedUntil: '2026-12-05T09:00:00Z' }, status: 'disabled' },
    { what: 'locked', account: { ...base, lockedUntil: '2026-12-05T09:00:00Z', mustChangePassword: true }, status: 'locked' },
    { what: 'a lock already over', account: { ...base, lockedUntil: '2026-12-05T07:00:00Z' }, status: 'active' },
    { what: 'waiting for its first sign-in', account: { ...base, mustChangePassword: true }, status: 'first_sign_in' },
  ] as const)('$what: $status', ({ account, status }) => {
    expect(accountStatus(account, now)).toBe(status);
  });
});
