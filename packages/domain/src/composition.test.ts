import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_POLICIES, POLICY_SECTIONS, PolicyBody } from './policy.js';
import { PERMISSIONS, ROLE_PERMISSIONS } from './roles.js';
import FROZEN_DEFAULTS from './fixtures/default-policies.json';
import FROZEN_SCHEMA from './fixtures/policy-body.schema.json';
import FROZEN_PERMISSIONS from './fixtures/permissions.json';

/*
 * The policy and the permission tables are composed from each area's own declarations. These
 * fixtures were written from the central tables the composition replaced, so that composing
 * changes nothing: the same defaults per site type, the same schema (sections, settings, bounds
 * and strictness, in the same order) and the same permissions per role. JSON.stringify compares
 * key order too: a stored body follows the order of the defaults it was filled from.
 */

describe('the composed policy equals the central one it replaced', () => {
  it('has the same defaults for every site type, in the same order', () => {
    expect(DEFAULT_POLICIES).toStrictEqual(FROZEN_DEFAULTS);
    expect(JSON.stringify(DEFAULT_POLICIES)).toBe(JSON.stringify(FROZEN_DEFAULTS));
  });

  it('gives each section its own key (a second would silently replace the first)', () => {
    const keys = POLICY_SECTIONS.map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('has the same schema (the refinements are tested in policy.test.ts)', () => {
    const schema = z.toJSONSchema(PolicyBody);
    expect(schema).toStrictEqual(FROZEN_SCHEMA);
    expect(JSON.stringify(schema)).toBe(JSON.stringify(FROZEN_SCHEMA));
  });
});

describe('the composed permission tables equal the central ones they replaced', () => {
  it('lists the same permissions in the same order', () => {
    expect(PERMISSIONS).toStrictEqual(FROZEN_PERMISSIONS.PERMISSIONS);
  });

  it('declares each permission in one area only', () => {
    expect(new Set(PERMISSIONS).size).toBe(PERMISSIONS.length);
  });

  it('grants each role the same permissions in the same order', () => {
    expect(ROLE_PERMISSIONS).toStrictEqual(FROZEN_PERMISSIONS.ROLE_PERMISSIONS);
    expect(JSON.stringify(ROLE_PERMISSIONS)).toBe(JSON.stringify(FROZEN_PERMISSIONS.ROLE_PERMISSIONS));
  });
});
