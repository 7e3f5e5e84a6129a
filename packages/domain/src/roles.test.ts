import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  allows,
  type Grant,
  isWithin,
  type Permission,
  PERMISSIONS,
  type Role,
  ROLE_PERMISSIONS,
  roleGrants,
  ROLES,
  scopePaths,
} from './roles.js';

/** What each role may do, written out independently of the table under test. */
const EXPECTED: Record<Role, Permission[]> = {
  bureau_admin: [...PERMISSIONS],
  bureau_officer: ['org.read', 'risk.manage', 'policy.read', 'people.read', 'health.read', 'visits.read', 'testing.read', 'supplies.read',
    'incidents.read', 'incidents.ack', 'funeral.read'],
  town_officer: ['org.read', 'org.manage', 'policy.read', 'audit.read', 'users.read', 'users.manage', 'people.read', 'people.write', 'health.read', 'visits.read',
    'testing.read', 'testing.write', 'testing.organize', 'supplies.read', 'supplies.write', 'incidents.read', 'incidents.act', 'incidents.ack',
    'notifications.manage', 'funeral.read'],
  site_manager: ['org.read', 'policy.read', 'users.read', 'users.manage', 'people.read', 'people.write', 'people.reveal', 'health.read', 'health.write', 'isolation.act', 'isolation.manage', 'visits.read', 'visits.screen', 'visits.manage',
    'testing.read', 'testing.write', 'intake.override', 'supplies.read', 'supplies.write', 'incidents.read', 'incidents.act',
    'funeral.read', 'funeral.write', 'funeral.halls', 'funeral.cases'],
  site_staff: ['org.read', 'policy.read', 'people.read', 'people.write', 'health.read', 'health.write', 'isolation.act', 'visits.read', 'visits.screen',
    'testing.read', 'testing.write', 'supplies.read', 'supplies.write', 'incidents.read', 'incidents.act', 'funeral.read', 'funeral.write', 'funeral.cases'],
  grid_worker: ['org.read', 'policy.read', 'people.read', 'people.write', 'health.read', 'testing.read', 'incidents.read', 'incidents.act'],
  volunteer: ['org.read'],
  inspector: ['org.read', 'policy.read', 'people.read', 'health.read', 'visits.read', 'testing.read', 'supplies.read', 'incidents.read', 'funeral.read'],
};

const matrix = ROLES.flatMap((role) => PERMISSIONS.map((permission) => ({ role, permission, granted: EXPECTED[role].includes(permission) })));

describe('ROLE_PERMISSIONS', () => {
  it.each(ROLES)('%s has exactly the expected permissions', (role) => {
    expect([...ROLE_PERMISSIONS[role]].sort()).toEqual([...EXPECTED[role]].sort());
  });

  it.each(matrix)('$role grants $permission: $granted', ({ role, permission, granted }) => {
    expect(roleGrants(role, permission)).toBe(granted);
  });

  it('lists no permission twice and only known permissions', () => {
    for (const role of ROLES) {
      const perms = ROLE_PERMISSIONS[role];
      expect(new Set(perms).size).toBe(perms.length);
      for (const p of perms) expect(PERMISSIONS).toContain(p);
    }
  });

  it.each<{ permission: Permission; roles: Role[] }>([
    { permission: 'policy.edit', roles: ['bureau_admin'] },
    { permission: 'users.read', roles: ['bureau_admin', 'town_officer', 'site_manager'] },
    { permission: 'users.manage', roles: ['bureau_admin', 'town_officer', 'site_manager'] },
    { permission: 'people.reveal', roles: ['bureau_admin', 'site_manager'] },
    { permission: 'org.manage', roles: ['bureau_admin', 'town_officer'] },
    { permission: 'risk.manage', roles: ['bureau_admin', 'bureau_officer'] },
    { permission: 'audit.read', roles: ['bureau_admin', 'town_officer'] },
    { permission: 'org.read', roles: [...ROLES] },
    { permission: 'testing.organize', roles: ['bureau_admin', 'town_officer'] },
    { permission: 'intake.override', roles: ['bureau_admin', 'site_manager'] },
    { permission: 'supplies.catalogue', roles: ['bureau_admin'] },
    { permission: 'incidents.ack', roles: ['bureau_admin', 'bureau_officer', 'town_officer'] },
    { permission: 'notifications.manage', roles: ['bureau_admin', 'town_officer'] },
  ])('$permission is held only by $roles', ({ permission, roles }) => {
    expect(ROLES.filter((r) => roleGrants(r, permission))).toEqual(roles);
  });
});

describe('isWithin', () => {
  it.each<{ path: string; ancestor: string; within: boolean }>([
    { path: '/b/', ancestor: '/b/', within: true },
    { path: '/b/t1/', ancestor: '/b/', within: true },
    { path: '/b/t1/s1/', ancestor: '/b/t1/', within: true },
    { path: '/b/t1/s1/c1/g1/', ancestor: '/b/t1/', within: true },
    { path: '/b/t10/', ancestor: '/b/t1/', within: false },
    { path: '/b/t10/s1/', ancestor: '/b/t1/', within: false },
    { path: '/b/t1/', ancestor: '/b/t10/', within: false },
    { path: '/b/', ancestor: '/b/t1/', within: false },
    { path: '/b/t1/s2/', ancestor: '/b/t1/s1/', within: false },
    { path: '/b2/t1/', ancestor: '/b/', within: false },
  ])('$path within $ancestor: $within', ({ path, ancestor, within }) => {
    expect(isWithin(path, ancestor)).toBe(within);
  });
});

describe('allows', () => {
  const bound = (role: Role, nodePath: string): Grant[] => [{ role, nodePath }];

  it.each<{ name: string; grants: Grant[]; permission: Permission; target: string; allowed: boolean }>([
    // site manager bound to a site
    { name: 'manager at own site', grants: bound('site_manager', '/b/t1/s1/'), permission: 'people.reveal', target: '/b/t1/s1/', allowed: true },
    { name: 'manager below own site', grants: bound('site_manager', '/b/t1/s1/'), permission: 'people.reveal', target: '/b/t1/s1/c1/g1/', allowed: true },
    { name: 'manager at sibling site', grants: bound('site_manager', '/b/t1/s1/'), permission: 'people.reveal', target: '/b/t1/s2/', allowed: false },
    { name: 'manager at site whose name extends it', grants: bound('site_manager', '/b/t1/s1/'), permission: 'people.read', target: '/b/t1/s10/', allowed: false },
    { name: 'manager at parent town', grants: bound('site_manager', '/b/t1/s1/'), permission: 'people.read', target: '/b/t1/', allowed: false },
    { name: 'manager at bureau', grants: bound('site_manager', '/b/t1/s1/'), permission: 'people.read', target: '/b/', allowed: false },
    { name: 'manager at same-named site in another town', grants: bound('site_manager', '/b/t1/s1/'), permission: 'people.read', target: '/b/t2/s1/', allowed: false },
    { name: 'manager lacks org.manage even at own site', grants: bound('site_manager', '/b/t1/s1/'), permission: 'org.manage', target: '/b/t1/s1/', allowed: false },
    // town officer bound to a town
    { name: 'town officer at own town', grants: bound('town_officer', '/b/t1/'), permission: 'org.manage', target: '/b/t1/', allowed: true },
    { name: 'town officer at a site of own town', grants: bound('town_officer', '/b/t1/'), permission: 'people.write', target: '/b/t1/s2/', allowed: true },
    { name: 'town officer at town t10', grants: bound('town_officer', '/b/t1/'), permission: 'org.read', target: '/b/t10/', allowed: false },
    { name: 'town officer at a site of town t10', grants: bound('town_officer', '/b/t1/'), permission: 'org.read', target: '/b/t10/s1/', allowed: false },
    { name: 'town officer at other town', grants: bound('town_officer', '/b/t1/'), permission: 'org.read', target: '/b/t2/', allowed: false },
    { name: 'town officer at bureau', grants: bound('town_officer', '/b/t1/'), permission: 'org.read', target: '/b/', allowed: false },
    { name: 'town officer cannot reveal', grants: bound('town_officer', '/b/t1/'), permission: 'people.reveal', target: '/b/t1/s1/', allowed: false },
    // bureau roles
    { name: 'bureau admin anywhere below', grants: bound('bureau_admin', '/b/'), permission: 'users.manage', target: '/b/t10/s1/c1/', allowed: true },
    { name: 'bureau admin in another bureau', grants: bound('bureau_admin', '/b/'), permission: 'org.read', target: '/b2/t1/', allowed: false },
    { name: 'bureau officer manages risk', grants: bound('bureau_officer', '/b/'), permission: 'risk.manage', target: '/b/', allowed: true },
    { name: 'bureau officer cannot write people', grants: bound('bureau_officer', '/b/'), permission: 'people.write', target: '/b/t1/s1/', allowed: false },
    // small roles
    { name: 'volunteer reads org', grants: bound('volunteer', '/b/t1/s1/c1/'), permission: 'org.read', target: '/b/t1/s1/c1/g2/', allowed: true },
    { name: 'volunteer cannot read people', grants: bound('volunteer', '/b/t1/s1/c1/'), permission: 'people.read', target: '/b/t1/s1/c1/', allowed: false },
    { name: 'inspector cannot write people', grants: bound('inspector', '/b/'), permission: 'people.write', target: '/b/t1/s1/', allowed: false },
    { name: 'grid worker writes in own compound', grants: bound('grid_worker', '/b/t1/s1/c1/'), permission: 'people.write', target: '/b/t1/s1/c1/g1/', allowed: true },
    { name: 'grid worker not in the next compound', grants: bound('grid_worker', '/b/t1/s1/c1/'), permission: 'people.write', target: '/b/t1/s1/c2/', allowed: false },
    // several grants: permission comes from one grant, scope from the same grant
    {
      name: 'broad volunteer plus narrow staff: write only under the staff node',
      grants: [{ role: 'volunteer', nodePath: '/b/' }, { role: 'site_staff', nodePath: '/b/t1/s1/' }],
      permission: 'people.write',
      target: '/b/t1/s2/',
      allowed: false,
    },
    {
      name: 'broad volunteer plus narrow staff: write under the staff node',
      grants: [{ role: 'volunteer', nodePath: '/b/' }, { role: 'site_staff', nodePath: '/b/t1/s1/' }],
      permission: 'people.write',
      target: '/b/t1/s1/c3/',
      allowed: true,
    },
    {
      name: 'broad volunteer plus narrow staff: read org anywhere',
      grants: [{ role: 'volunteer', nodePath: '/b/' }, { role: 'site_staff', nodePath: '/b/t1/s1/' }],
      permission: 'org.read',
      target: '/b/t2/s9/',
      allowed: true,
    },
    { name: 'no grants', grants: [], permission: 'org.read', target: '/b/', allowed: false },
  ])('$name → $allowed', ({ grants, permission, target, allowed }) => {
    expect(allows(grants, permission, target)).toBe(allowed);
  });
});

describe('scopePaths', () => {
  it.each<{ name: string; grants: Grant[]; permission: Permission; expected: string[] }>([
    { name: 'no grants', grants: [], permission: 'org.read', expected: [] },
    {
      name: 'drops a path covered by a shorter one',
      grants: [{ role: 'site_staff', nodePath: '/b/t1/s1/' }, { role: 'town_officer', nodePath: '/b/t1/' }],
      permission: 'people.write',
      expected: ['/b/t1/'],
    },
    {
      name: 'keeps /b/t1/ and /b/t10/ apart',
      grants: [{ role: 'town_officer', nodePath: '/b/t10/' }, { role: 'town_officer', nodePath: '/b/t1/' }],
      permission: 'org.read',
      expected: ['/b/t1/', '/b/t10/'],
    },
    {
      name: 'deduplicates',
      grants: [{ role: 'site_staff', nodePath: '/b/t1/s1/' }, { role: 'grid_worker', nodePath: '/b/t1/s1/' }],
      permission: 'people.read',
      expected: ['/b/t1/s1/'],
    },
    {
      name: 'ignores grants without the permission',
      grants: [{ role: 'volunteer', nodePath: '/b/' }, { role: 'site_manager', nodePath: '/b/t2/s1/' }],
      permission: 'people.reveal',
      expected: ['/b/t2/s1/'],
    },
  ])('$name', ({ grants, permission, expected }) => {
    expect(scopePaths(grants, permission)).toEqual(expected);
  });

  // Paths of a small tree whose names include prefixes of each other ('t1' / 't10', 's1' / 's11').
  const arbPath = fc
    .array(fc.constantFrom('t1', 't10', 't2', 's1', 's11', 'c1'), { maxLength: 4 })
    .map((segs) => `/b/${segs.map((s) => `${s}/`).join('')}`);
  const arbGrant: fc.Arbitrary<Grant> = fc.record({ role: fc.constantFrom(...ROLES), nodePath: arbPath });
  const arbGrants = fc.array(arbGrant, { maxLength: 8 });
  const arbPermission = fc.constantFrom(...PERMISSIONS);

  it('returns no path that is a prefix of another, sorted and without duplicates', () => {
    fc.assert(
      fc.property(arbGrants, arbPermission, (grants, permission) => {
        const paths = scopePaths(grants, permission);
        for (const p of paths) for (const q of paths) if (p !== q) expect(q.startsWith(p)).toBe(false);
        expect(new Set(paths).size).toBe(paths.length);
        expect(paths).toEqual([...paths].sort());
      }),
    );
  });

  it('allows a target iff it starts with one of the scope paths', () => {
    fc.assert(
      fc.property(arbGrants, arbPermission, arbPath, (grants, permission, target) => {
        const inScope = scopePaths(grants, permission).some((p) => target.startsWith(p));
        expect(allows(grants, permission, target)).toBe(inScope);
      }),
    );
  });

  it('covers every granting node path and returns only granting node paths', () => {
    fc.assert(
      fc.property(arbGrants, arbPermission, (grants, permission) => {
        const paths = scopePaths(grants, permission);
        const granting = grants.filter((g) => roleGrants(g.role, permission)).map((g) => g.nodePath);
        for (const p of paths) expect(granting).toContain(p);
        for (const g of granting) expect(paths.some((p) => g.startsWith(p))).toBe(true);
      }),
    );
  });
});
