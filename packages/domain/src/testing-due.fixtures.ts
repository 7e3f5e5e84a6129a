import fc from 'fast-check';
import { DEFAULT_POLICIES, type PolicyBody } from './policy.js';
import type { DueState } from './testing-due.js';

/*
 * What the tests of the due-date rules share (testing-due.test.ts, testing-due-properties.test.ts):
 * the elderly-care testing policy, days as YYYY-MM-DD computed without the code under test, and
 * the states of a person nobody asks to be tested.
 */

export const TESTING: PolicyBody['testing'] = DEFAULT_POLICIES.elderly_care.testing;
export const DAY_MS = 24 * 60 * 60 * 1000;

/** A day as YYYY-MM-DD, computed without the code under test. */
export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
/** Days 2023-06-01 … 2025-06-30 (two leap-year boundaries' worth). */
export const arbDay = fc.integer({ min: 0, max: 760 }).map((n) => dayOf(Date.UTC(2023, 5, 1) + n * DAY_MS));
export const NOT_REQUIRED: DueState = { status: 'not_required', reason: null, dueOn: null, daysOverdue: 0, tested: false, intervalDays: null };
export const ON_LEAVE: DueState = { ...NOT_REQUIRED, status: 'on_leave' };
