import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  COVID_CASE_STEPS, COVID_FORBIDDEN_ACTIONS, COVID_RULE_TEXTS, DEATH_CAUSES, checkCovidStep, covidStepRefusalText, forbiddenFor, nextCovidStep,
  type CovidCaseStep, type CovidStepFacts, type CovidStepRefusal,
} from './funeral-covid.js';
import type { RiskLevel } from './org.js';

/** Facts that satisfy every step (documents, dedicated staff, full protection, the ashes' destination). */
const ALL_FACTS: CovidStepFacts = {
  sanitaryTreatment: true, deathCertificate: true, cremateAtOnceOnForm: true, dedicatedStaffAndVehicle: true,
  protectiveSuit: true, goggles: true, ashesTo: 'family',
};
const upTo = (step: CovidCaseStep) => COVID_CASE_STEPS.slice(0, COVID_CASE_STEPS.indexOf(step));

describe('the chain of a COVID-19 deceased: every transition', () => {
  // Every (steps done, step asked) pair: only the next one may be recorded, and nothing after the archive.
  const pairs = COVID_CASE_STEPS.flatMap((_, doneCount) => COVID_CASE_STEPS.map((step) => ({ doneCount, step })));
  it.each([...pairs, ...COVID_CASE_STEPS.map((step) => ({ doneCount: COVID_CASE_STEPS.length, step }))])(
    'after $doneCount steps, $step', ({ doneCount, step }) => {
      const done = COVID_CASE_STEPS.slice(0, doneCount);
      const expected: CovidStepRefusal | null = doneCount === COVID_CASE_STEPS.length ? 'case_archived'
        : COVID_CASE_STEPS[doneCount] === step ? null : 'out_of_order';
      expect(checkCovidStep(done, step, ALL_FACTS, 'low')).toBe(expected);
    },
  );

  it('walks from notice to archive in eight steps, then awaits nothing', () => {
    const done: CovidCaseStep[] = [];
    for (const step of COVID_CASE_STEPS) {
      expect(nextCovidStep(done)).toBe(step);
      expect(checkCovidStep(done, step, ALL_FACTS, 'high')).toBeNull();
      done.push(step);
    }
    expect(nextCovidStep(done)).toBeNull();
  });
});

describe('what each step asks', () => {
  it.each<{ step: CovidCaseStep; facts: CovidStepFacts; risk: RiskLevel; refusal: CovidStepRefusal | null; why: string }>([
    { step: 'handover', facts: { ...ALL_FACTS, deathCertificate: false }, risk: 'low', refusal: 'handover_documents', why: 'no death certificate (rule 2)' },
    { step: 'handover', facts: { ...ALL_FACTS, sanitaryTreatment: false }, risk: 'low', refusal: 'handover_documents', why: 'no sanitary treatment (rule 2)' },
    { step: 'handover', facts: { ...ALL_FACTS, cremateAtOnceOnForm: false }, risk: 'low', refusal: 'handover_documents', why: 'the form lacks "cremate at once" (rule 2)' },
    { step: 'handover', facts: { ...ALL_FACTS, familyRefused: true }, risk: 'low', refusal: 'family_refusal_unsigned', why: 'family refused, hospital has not signed' },
    { step: 'handover', facts: { ...ALL_FACTS, familyRefused: true, hospitalSigned: true }, risk: 'low', refusal: null, why: 'family refused, hospital signed' },
    { step: 'collected', facts: { ...ALL_FACTS, dedicatedStaffAndVehicle: false }, risk: 'low', refusal: 'not_dedicated', why: 'someone else carries the body (rule 3)' },
    { step: 'collected', facts: { ...ALL_FACTS, goggles: false }, risk: 'medium', refusal: 'protective_equipment', why: 'no goggles in a mid-risk area (R9.4)' },
    { step: 'collected', facts: { ...ALL_FACTS, protectiveSuit: false }, risk: 'high', refusal: 'protective_equipment', why: 'no suit in a high-risk area (R9.4)' },
    { step: 'collected', facts: { ...ALL_FACTS, protectiveSuit: false, goggles: false }, risk: 'low', refusal: null, why: 'a low-risk area does not require them' },
    { step: 'cremated', facts: { ...ALL_FACTS, goggles: false }, risk: 'high', refusal: 'protective_equipment', why: 'cremation staff too (R9.4)' },
    { step: 'ashes_released', facts: { ...ALL_FACTS, ashesTo: undefined }, risk: 'low', refusal: 'ashes_destination', why: 'to the family or unclaimed (rule 5)' },
    { step: 'ashes_released', facts: { ...ALL_FACTS, ashesTo: 'unclaimed' }, risk: 'low', refusal: null, why: 'the family refused the ashes (rule 5)' },
  ])('$step: $why → $refusal', ({ step, facts, risk, refusal }) => {
    expect(checkCovidStep(upTo(step), step, facts, risk)).toBe(refusal);
  });

  it('every refusal reads as a rule or an order, in both languages', () => {
    const refusals: CovidStepRefusal[] = ['case_archived', 'out_of_order', 'handover_documents', 'family_refusal_unsigned', 'not_dedicated', 'protective_equipment', 'ashes_destination'];
    for (const r of refusals) {
      const text = covidStepRefusalText(r, '接运');
      expect(text['zh-CN']).toMatch(/\p{Script=Han}/u);
      expect(text.en).toMatch(/^[A-Z]/);
    }
    expect(covidStepRefusalText('out_of_order', '接运')['zh-CN']).toContain('接运');
    expect(covidStepRefusalText('not_dedicated', '')['zh-CN']).toContain('第 3 条');
  });
});

describe('what is forbidden for a COVID-19 deceased, and allowed for another', () => {
  it.each(COVID_FORBIDDEN_ACTIONS.flatMap((action) => DEATH_CAUSES.map((cause) => ({ action, cause }))))('$action for $cause', ({ action, cause }) => {
    const rule = forbiddenFor(cause, action);
    if (cause === 'ordinary') expect(rule).toBeNull();
    else expect(COVID_RULE_TEXTS[rule ?? 2]).toBeDefined();
  });

  it('treats a suspected case as a confirmed one (rule 12), for every action', () => {
    fc.assert(fc.property(fc.constantFrom(...COVID_FORBIDDEN_ACTIONS), (action) => {
      expect(forbiddenFor('covid_suspected', action)).toBe(forbiddenFor('covid_confirmed', action));
    }));
  });

  it('names the rule the plan gives for a ceremony, a viewing and a burial', () => {
    expect(forbiddenFor('covid_confirmed', 'farewell_ceremony')).toBe(9);
    expect(forbiddenFor('covid_confirmed', 'mourning_event')).toBe(9);
    expect(forbiddenFor('covid_confirmed', 'viewing')).toBe(4);
    expect(forbiddenFor('covid_confirmed', 'burial')).toBe(8);
    expect(COVID_RULE_TEXTS[9]['zh-CN']).toContain('不得举行遗体告别仪式');
  });
});
