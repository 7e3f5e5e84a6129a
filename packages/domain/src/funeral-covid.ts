import { z } from 'zod';
import type { RiskLevel } from './org.js';
import { defineTexts, type Bilingual } from './texts.js';

/*
 * The handling of a COVID-19 deceased (requirements R9.3, the funeral plan's part 八, rules 1–13;
 * R9.4 for protective equipment): a chain of steps taken in order, none skipped, and actions the
 * plan forbids for such a deceased whatever the family asks. Suspected cases are handled as
 * confirmed (rule 12, 疑似从有), so both causes take the same path. Each refusal names its rule
 * and quotes it, so that the person refused reads the reason, not a code.
 */

/** Why a person died, as the funeral home is told: an ordinary death, or a COVID-19 one, confirmed or suspected. */
export const DEATH_CAUSES = ['ordinary', 'covid_confirmed', 'covid_suspected'] as const;
export const DeathCause = z.enum(DEATH_CAUSES);
export type DeathCause = z.infer<typeof DeathCause>;

/** Rule 12: a suspected case is handled as a confirmed one. */
export function isCovidDeath(cause: DeathCause): boolean {
  return cause !== 'ordinary';
}

/** The steps of a case, in the order the plan takes them, each with the rule that asks for it. */
export const COVID_CASE_STEPS = [
  /** Rule 1: told by the health department, the bureau notifies the funeral home to prepare. */
  'notified',
  /** Rule 2: the hospital's sanitary treatment and death certificate; the handover form says "cremate at once". */
  'handover',
  /** Rule 3: collected by the funeral home's dedicated staff and vehicle, on the designated route. */
  'collected',
  /** Rule 4: straight through the dedicated channel to the dedicated cremator; no storage, no viewing, the bag never opened. */
  'cremated',
  /** Rule 5: the ashes collected and the cremation certificate issued. */
  'certified',
  /** Rule 5: ashes and certificate to the family, or kept under the rules for unclaimed ashes. */
  'ashes_released',
  /** Rule 6: vehicle, tools, workshop and the body's areas disinfected by the CDC; waste made harmless. */
  'disinfected',
  /** Rule 7: registered, archived and reported to the civil affairs department. */
  'archived',
] as const;
export const CovidCaseStep = z.enum(COVID_CASE_STEPS);
export type CovidCaseStep = z.infer<typeof CovidCaseStep>;

export const COVID_STEP_RULE: Readonly<Record<CovidCaseStep, number>> = {
  notified: 1, handover: 2, collected: 3, cremated: 4, certified: 5, ashes_released: 5, disinfected: 6, archived: 7,
};

/** The next step a case awaits, or null once archived. Steps are recorded in order, so the count says where it stands. */
export function nextCovidStep(done: readonly CovidCaseStep[]): CovidCaseStep | null {
  return COVID_CASE_STEPS[done.length] ?? null;
}

/** What a step records, as far as the rules read it (who and when are the server's). */
export const CovidStepFacts = z.strictObject({
  /** handover: the hospital's sanitary treatment done, its death certificate, the form saying "cremate at once". */
  sanitaryTreatment: z.boolean().optional(),
  deathCertificate: z.boolean().optional(),
  cremateAtOnceOnForm: z.boolean().optional(),
  /** handover: the family refused to come or to release the body; then the hospital's signature is needed. */
  familyRefused: z.boolean().optional(),
  hospitalSigned: z.boolean().optional(),
  /** collected: the funeral home's own dedicated staff and vehicle (rule 3: nobody else may carry the body). */
  dedicatedStaffAndVehicle: z.boolean().optional(),
  /** collected, cremated: protective suit and goggles worn (R9.4, required in a mid- or high-risk area). */
  protectiveSuit: z.boolean().optional(),
  goggles: z.boolean().optional(),
  /** ashes_released: the family took them, or refused them (then the unclaimed-ashes rules apply). */
  ashesTo: z.enum(['family', 'unclaimed']).optional(),
});
export type CovidStepFacts = z.infer<typeof CovidStepFacts>;

export type CovidStepRefusal =
  | 'case_archived'
  | 'out_of_order'
  | 'handover_documents'
  | 'family_refusal_unsigned'
  | 'not_dedicated'
  | 'protective_equipment'
  | 'ashes_destination';

/** Whether the area is one where R9.4's suit and goggles are required. */
function protectiveEquipmentRequired(risk: RiskLevel): boolean {
  return risk === 'medium' || risk === 'high';
}

/**
 * Whether `step` may be recorded now on a case whose steps so far are `done`, with these facts, in
 * an area of `risk`: null when it may, else the first rule it breaks.
 */
export function checkCovidStep(done: readonly CovidCaseStep[], step: CovidCaseStep, facts: CovidStepFacts, risk: RiskLevel): CovidStepRefusal | null {
  const next = nextCovidStep(done);
  if (next === null) return 'case_archived';
  if (step !== next) return 'out_of_order';
  switch (step) {
    case 'handover':
      if (!facts.sanitaryTreatment || !facts.deathCertificate || !facts.cremateAtOnceOnForm) return 'handover_documents';
      if (facts.familyRefused && !facts.hospitalSigned) return 'family_refusal_unsigned';
      return null;
    case 'collected':
      if (!facts.dedicatedStaffAndVehicle) return 'not_dedicated';
      return protectiveEquipmentRequired(risk) && !(facts.protectiveSuit && facts.goggles) ? 'protective_equipment' : null;
    case 'cremated':
      return protectiveEquipmentRequired(risk) && !(facts.protectiveSuit && facts.goggles) ? 'protective_equipment' : null;
    case 'ashes_released':
      return facts.ashesTo ? null : 'ashes_destination';
    // Who and when, which the server records, is all these steps ask.
    case 'notified':
    case 'certified':
    case 'disinfected':
    case 'archived':
      return null;
  }
}

/**
 * What the plan forbids for a COVID-19 deceased (rules 4, 8, 9): refused by the server for such a
 * case whatever the family asks, and allowed for an ordinary death.
 */
export const COVID_FORBIDDEN_ACTIONS = [
  'mourning_event', 'farewell_ceremony', 'viewing', 'cold_storage', 'embalming', 'open_body_bag', 'burial', 'transfer_out', 'admit_from_other_county',
] as const;
export const CovidForbiddenAction = z.enum(COVID_FORBIDDEN_ACTIONS);
export type CovidForbiddenAction = z.infer<typeof CovidForbiddenAction>;

/** The rules a refusal quotes. */
export type CovidRule = 2 | 3 | 4 | 5 | 8 | 9;

export const COVID_FORBIDDEN_RULE: Readonly<Record<CovidForbiddenAction, CovidRule>> = {
  mourning_event: 9, farewell_ceremony: 9, viewing: 4, cold_storage: 4, embalming: 4, open_body_bag: 4, burial: 8, transfer_out: 8, admit_from_other_county: 8,
};

/** The rule an action breaks for a deceased of this cause, or null when it is allowed. */
export function forbiddenFor(cause: DeathCause, action: CovidForbiddenAction): CovidRule | null {
  return isCovidDeath(cause) ? COVID_FORBIDDEN_RULE[action] : null;
}

/** The plan's words for each rule a refusal names (晋政民〔2020〕87号, funeral plan part 八), with an English gist. */
export const COVID_RULE_TEXTS: Readonly<Record<CovidRule, Bilingual>> = {
  2: {
    'zh-CN': '第 2 条：殡仪馆凭医疗机构完成遗体卫生防疫处理及开具死亡证明后接运遗体，并取得医疗机构在遗体交接单中注明已进行卫生防疫处理和立即火化的意见；亲属拒不到场或拒不移送遗体的，劝说无效后由医疗机构签字',
    en: 'Rule 2: the body is collected only after the hospital\'s sanitary treatment and death certificate, with a handover form stating the treatment and "cremate at once"; if the family refuses, the hospital signs',
  },
  3: {
    'zh-CN': '第 3 条：遗体运送不得交由除殡仪馆以外的单位和个人承办，由殡仪馆专职人员、专用运尸车按指定路线转运',
    en: 'Rule 3: only the funeral home carries the body, with dedicated staff and vehicle on the designated route',
  },
  4: {
    'zh-CN': '第 4 条：遗体由专职人员直接送入专用火化炉火化，不得存放、探视，全程严禁打开密封遗体袋',
    en: 'Rule 4: straight to the dedicated cremator; no storage, no viewing, the sealed bag never opened',
  },
  5: {
    'zh-CN': '第 5 条：火化后出具火化证明，骨灰一并交亲属取走；家属拒绝取走的，按无人认领骨灰的规定处理',
    en: 'Rule 5: the cremation certificate and the ashes go to the family; refused ashes follow the rules for unclaimed ashes',
  },
  8: {
    'zh-CN': '第 8 条：遗体应当就近火化，不得采用埋葬或其它保存遗体方式，不得移运；本县（市、区）以外地区死亡的遗体不得进入本县（市、区）域',
    en: 'Rule 8: cremated where death occurred; no burial or other keeping, no moving; no body from another county may enter',
  },
  9: {
    'zh-CN': '第 9 条：不得举行遗体告别仪式和利用遗体进行其它形式的治丧活动',
    en: 'Rule 9: no farewell ceremony and no other mourning activity with the body',
  },
};

/** R9.4's words, for a step refused for want of protective equipment. */
export const PROTECTIVE_EQUIPMENT_TEXT: Bilingual = {
  'zh-CN': '中、高风险地区的遗体接运和火化人员须穿戴防护服和护目镜（R9.4）',
  en: 'In a mid- or high-risk area, body collection and cremation staff wear protective suits and goggles (R9.4)',
};

/** What a person reads when a step is refused: the rule's words, or what is wrong with the order. */
export const COVID_STEP_TEXTS = defineTexts({
  case_archived: { 'zh-CN': '该遗体处置已归档，不能再记录步骤', en: 'The case is archived; no further step can be recorded' },
  out_of_order: (next: string) => ({
    'zh-CN': `步骤须按顺序记录，不得跳过：下一步应为「${next}」`,
    en: `Steps are recorded in order, none skipped: the next is "${next}"`,
  }),
});

/** The text of a refusal of `step` (the rule it breaks, quoted), given the next step's name in the reader's terms. */
export function covidStepRefusalText(refusal: CovidStepRefusal, nextName: string): Bilingual {
  switch (refusal) {
    case 'case_archived': return COVID_STEP_TEXTS.case_archived;
    case 'out_of_order': return COVID_STEP_TEXTS.out_of_order(nextName);
    case 'handover_documents':
    case 'family_refusal_unsigned': return COVID_RULE_TEXTS[2];
    case 'not_dedicated': return COVID_RULE_TEXTS[3];
    case 'protective_equipment': return PROTECTIVE_EQUIPMENT_TEXT;
    case 'ashes_destination': return COVID_RULE_TEXTS[5];
  }
}
