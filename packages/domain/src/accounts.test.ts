import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ROLES, type Role } from './access.js';
import { grantableRoles, mayGrant, mayManage, passwordProblems, type GrantRefusal, type GrantTarget } from './accounts.js';
import type { Grant } from './roles.js';

// A small tree: bureau /b/, towns /b/t1/ and /b/t2/, an elderly home and a community in t1, a compound in the community.
const BUREAU: GrantTarget = { path: '/b/', kind: 'bureau', siteType: null };
const T1: GrantTarget = { path: '/b/t1/', kind: 'town', siteType: null };
const T2: GrantTarget = { path: '/b/t2/', kind: 'town', siteType: null };
const HOME: GrantTarget = { path: '/b/t1/home/', kind: 'site', siteType: 'elderly_care' };
const HOME2: GrantTarget = { path: '/b/t2/home2/', kind: 'site', siteType: 'elderly_care' };
const COMMUNITY: GrantTarget = { path: '/b/t1/cm/', kind: 'site', siteType: 'community' };
const COMPOUND: GrantTarget = { path: '/b/t1/cm/c1/', kind: 'compound', siteType: null };

const as = (role: Role, node: GrantTarget): Grant[] => [{ role, nodePath: node.path }];

describe('mayGrant: who may give which role where', () => {
  it.each<{ who: string; grants: Grant[]; role: Role; at: GrantTarget; answer: GrantRefusal | null }>([
    { who: 'admin', grants: as('bureau_admin', BUREAU), role: 'bureau_admin', at: BUREAU, answer: null },
    { who: 'admin', grants: as('bureau_admin', BUREAU), role: 'town_officer', at: T2, answer: null },
    { who: 'admin', grants: as('bureau_admin', BUREAU), role: 'site_staff', at: HOME2, answer: null },
    { who: 'admin', grants: as('bureau_admin', BUREAU), role: 'town_officer', at: HOME, answer: 'role_not_for_node' },
    { who: 'admin', grants: as('bureau_admin', BUREAU), role: 'bureau_officer', at: T1, answer: 'role_not_for_node' },
    { who: 'bureau officer', grants: as('bureau_officer', BUREAU), role: 'site_staff', at: HOME, answer: 'node_outside_scope' },
    { who: 'town officer', grants: as('town_officer', T1), role: 'site_staff', at: HOME, answer: null },
    { who: 'town officer', grants: as('town_officer', T1), role: 'site_manager', at: HOME, answer: null },
    { who: 'town officer', grants: as('town_officer', T1), role: 'town_officer', at: T1, answer: null },
    { who: 'town officer', grants: as('town_officer', T1), role: 'inspector', at: T1, answer: null },
    { who: 'town officer', grants: as('town_officer', T1), role: 'grid_worker', at: COMPOUND, answer: null },
    { who: 'town officer', grants: as('town_officer', T1), role: 'grid_worker', at: HOME, answer: 'role_not_for_node' },
    { who: 'town officer', grants: as('town_officer', T1), role: 'bureau_officer', at: T1, answer: 'role_above_own' },
    { who: 'town officer', grants: as('town_officer', T1), role: 'bureau_admin', at: BUREAU, answer: 'node_outside_scope' },
    { who: 'town officer', grants: as('town_officer', T1), role: 'site_staff', at: HOME2, answer: 'node_outside_scope' },
    { who: 'town officer', grants: as('town_officer', T1), role: 'town_officer', at: T2, answer: 'node_outside_scope' },
    { who: 'site manager', grants: as('site_manager', HOME), role: 'site_staff', at: HOME, answer: null },
    { who: 'site manager', grants: as('site_manager', HOME), role: 'site_manager', at: HOME, answer: null },
    { who: 'site manager', grants: as('site_manager', HOME), role: 'volunteer', at: HOME, answer: null },
    { who: 'site manager', grants: as('site_manager', HOME), role: 'town_officer', at: HOME, answer: 'role_above_own' },
    { who: 'site manager', grants: as('site_manager', HOME), role: 'inspector', at: HOME, answer: 'role_above_own' },
    { who: 'site manager', grants: as('site_manager', HOME), role: 'site_staff', at: COMMUNITY, answer: 'node_outside_scope' },
    { who: 'community manager', grants: as('site_manager', COMMUNITY), role: 'grid_worker', at: COMPOUND, answer: null },
    { who: 'site staff', grants: as('site_staff', HOME), role: 'site_staff', at: HOME, answer: 'node_outside_scope' },
    { who: 'inspector', grants: as('inspector', T1), role: 'site_staff', at: HOME, answer: 'node_outside_scope' },
    { who: 'staff and manager elsewhere', grants: [...as('site_staff', HOME), ...as('site_manager', COMMUNITY)], role: 'site_staff', at: HOME, answer: 'node_outside_scope' },
  ])('$who gives $role at $at.path → $answer', ({ grants, role, at, answer }) => {
    expect(mayGrant(grants, role, at)).toBe(answer);
  });

  it('never lets anyone give a role above their highest, anywhere (property)', () => {
    const nodes = [BUREAU, T1, T2, HOME, HOME2, COMMUNITY, COMPOUND];
    const role = fc.constantFrom(...ROLES);
    const node = fc.constantFrom(...nodes);
    fc.assert(fc.property(fc.array(fc.tuple(role, node), { minLength: 1, maxLength: 3 }), role, node, (held, r, at) => {
      const grants = held.map(([hr, hn]) => ({ role: hr, nodePath: hn.path }));
      if (mayGrant(grants, r, at) !== null) return;
      // A grant was allowed: some role held at or above the node manages users and is not lower.
      expect(grantableRoles(grants)).toContain(r);
      expect(held.some(([, hn]) => at.path.startsWith(hn.path))).toBe(true);
    }));
  });
});

describe('mayManage: an account whose every role the caller could give', () => {
  const town = as('town_officer', T1);
  it.each<{ what: string; target: { role: Role; node: GrantTarget }[]; answer: boolean }>([
    { what: 'a nurse at a home of the town', target: [{ role: 'site_staff', node: HOME }], answer: true },
    { what: 'a fellow town officer', target: [{ role: 'town_officer', node: T1 }], answer: true },
    { what: 'the administrator', target: [{ role: 'bureau_admin', node: BUREAU }], answer: false },
    { what: 'a nurse also staff in the other town', target: [{ role: 'site_staff', node: HOME }, { role: 'site_staff', node: HOME2 }], answer: false },
    { what: 'an account with no role', target: [], answer: false },
  ])('the town officer and $what → $answer', ({ target, answer }) => {
    expect(mayManage(town, target)).toBe(answer);
  });
});

describe('grantableRoles', () => {
  it('offers a site manager the roles of a site only', () => {
    expect(grantableRoles(as('site_manager', HOME))).toEqual(['site_manager', 'site_staff', 'grid_worker', 'volunteer']);
  });
  it('offers nothing to a role that does not manage users', () => {
    expect(grantableRoles(as('site_staff', HOME))).toEqual([]);
    expect(grantableRoles(as('bureau_officer', BUREAU))).toEqual([]);
  });
});

describe('passwordProblems', () => {
  const rules = { minLength: 10, minClasses: 3, history: 5 };
  it.each<{ password: string; username: string; problems: string[] }>([
    { password: 'Fangkong#2020', username: 'nurse1', problems: [] },
    { password: 'Aa1aaaaaaa', username: 'nurse1', problems: [] },
    { password: 'Aa1aaaaaa', username: 'nurse1', problems: ['length'] },
    { password: 'alllowercase1', username: 'nurse1', problems: ['classes'] },
    { password: 'short', username: 'nurse1', problems: ['length', 'classes'] },
    { password: 'Nurse1-Spring', username: 'nurse1', problems: ['not_username'] },
    { password: 'X1esrun#abc', username: 'NURSE', problems: ['not_username'] },
    { password: '防控Aa1防控防控防控', username: 'li', problems: [] },
    { password: '防控Aa1防控', username: 'li', problems: ['length'] },
  ])('"$password" for $username → $problems', ({ password, username, problems }) => {
    expect(passwordProblems(password, rules, username)).toEqual(problems);
  });

  it('follows the configured length and classes', () => {
    expect(passwordProblems('abcdefgh', { minLength: 8, minClasses: 1, history: 0 }, 'zz')).toEqual([]);
    expect(passwordProblems('Abcdefg1#', { minLength: 8, minClasses: 4, history: 0 }, 'zz')).toEqual([]);
    expect(passwordProblems('Abcdefgh1', { minLength: 8, minClasses: 4, history: 0 }, 'zz')).toEqual(['classes']);
  });
});
