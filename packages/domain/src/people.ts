import { z } from 'zod';
import { Text } from './input.js';
import { IsoDate, Uuid, type SiteType } from './org.js';
import { PHONE_PATTERN, checkIdNumber, idNumberFacts, normalizePhone } from './id-number.js';
import { definePermissions } from './access.js';
import { defineTexts } from './texts.js';
import { mapColumns, normalizeHeader } from './columns.js';

export const PEOPLE_PERMISSIONS = definePermissions({
  'people.read': ['bureau_officer', 'town_officer', 'site_manager', 'site_staff', 'grid_worker', 'inspector'],
  'people.write': ['town_officer', 'site_manager', 'site_staff', 'grid_worker'],
  'people.reveal': ['site_manager'],
});

/** Who a person is at a site (requirements §0, issue "people registry"). */
export const PERSON_KINDS = ['resident', 'child', 'client', 'staff', 'community_resident'] as const;
export const PersonKind = z.enum(PERSON_KINDS);
export type PersonKind = z.infer<typeof PersonKind>;

/**
 * The kinds of people each type of site registers (R2.1: residents, children or clients, and the
 * staff); the first is the one a roster row without a kind gets. A community registers its
 * residents where they live (a grid cell and a household), not as inmates of an institution.
 */
export const PERSON_KINDS_BY_SITE_TYPE: Readonly<Record<SiteType, readonly [PersonKind, ...PersonKind[]]>> = {
  elderly_care: ['resident', 'staff'],
  child_welfare: ['child', 'staff'],
  rescue_station: ['client', 'staff'],
  community: ['community_resident', 'staff'],
  funeral: ['staff'],
};

export function kindAllowedAt(kind: PersonKind, siteType: SiteType): boolean {
  return PERSON_KINDS_BY_SITE_TYPE[siteType].includes(kind);
}

/** People who live in the community (a grid cell, a household) rather than in a site's rooms. */
export function livesInCommunity(kind: PersonKind): boolean {
  return kind === 'community_resident';
}

export const PERSON_STATUSES = ['present', 'on_leave', 'left'] as const;
export const PersonStatus = z.enum(PERSON_STATUSES);
export type PersonStatus = z.infer<typeof PersonStatus>;

export const SEXES = ['male', 'female'] as const;
export const Sex = z.enum(SEXES);
export type Sex = z.infer<typeof Sex>;

/** The calendar day now, in UTC; only used to bound birth dates, where a day's slack is harmless. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** An ID number, checked and normalised (X upper-case, 15 digits converted to 18). */
export const IdNumber = z.string().trim().transform((raw, ctx) => {
  const r = checkIdNumber(raw, today());
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: `id_number.${r.issue}` });
    return z.NEVER;
  }
  return r.value;
});

export const Phone = z.string().trim().transform((raw, ctx) => {
  const p = normalizePhone(raw);
  if (!PHONE_PATTERN.test(p)) {
    ctx.addIssue({ code: 'custom', message: 'phone.invalid' });
    return z.NEVER;
  }
  return p;
});

const Name = Text(50).min(1, 'field.required');

const personFields = {
  name: Name,
  kind: PersonKind,
  sex: Sex.nullable().optional(),
  birthDate: IsoDate.nullable().optional(),
  idNumber: IdNumber.nullable().optional(),
  /** True when the identity is not known (e.g. a rescue-station client); flagged everywhere. */
  idUnknown: z.boolean().optional(),
  phone: Phone.nullable().optional(),
  post: Text(50).nullable().optional(),
  room: Text(20).nullable().optional(),
  bed: Text(20).nullable().optional(),
  status: PersonStatus.optional(),
  joinedOn: IsoDate.nullable().optional(),
  leftOn: IsoDate.nullable().optional(),
  emergencyContactName: Text(50).nullable().optional(),
  emergencyContactPhone: Phone.nullable().optional(),
  notes: Text(500, { multiline: true }).nullable().optional(),
};

type DateRange = { joinedOn?: string | null; leftOn?: string | null };
const leftAfterJoined = (v: DateRange) => !v.joinedOn || !v.leftOn || v.leftOn >= v.joinedOn;

export const CreatePerson = z
  .strictObject({
    siteId: Uuid,
    gridNodeId: Uuid.nullable().optional(),
    /** A new arrival: in intake (test and observation) until joined (R4.2). */
    newIntake: z.boolean().optional(),
    ...personFields,
  })
  .refine((v) => !(v.idNumber && v.idUnknown), { message: 'id_number.both', path: ['idUnknown'] })
  .refine((v) => v.idNumber || v.idUnknown, { message: 'id_number.required', path: ['idNumber'] })
  .refine(leftAfterJoined, { message: 'people.left_before_joined', path: ['leftOn'] });
export type CreatePerson = z.input<typeof CreatePerson>;
export type CreatePersonParsed = z.output<typeof CreatePerson>;

/** A change; `siteId` moves the person to another site (kept in their history). */
export const UpdatePerson = z
  .strictObject({ siteId: Uuid.optional(), gridNodeId: Uuid.nullable().optional(), moveReason: Text(200, { multiline: true }).optional(), ...personFields })
  .partial()
  .refine((v) => !(v.idNumber && v.idUnknown), { message: 'id_number.both', path: ['idUnknown'] })
  .refine(leftAfterJoined, { message: 'people.left_before_joined', path: ['leftOn'] });
export type UpdatePerson = z.input<typeof UpdatePerson>;
export type UpdatePersonParsed = z.output<typeof UpdatePerson>;

/** A person as every answer shows them: ID number and phones masked. */
export const Person = z.object({
  id: Uuid,
  siteId: Uuid,
  siteName: z.string(),
  gridNodeId: Uuid.nullable(),
  kind: PersonKind,
  name: z.string(),
  sex: Sex.nullable(),
  birthDate: IsoDate.nullable(),
  idNumber: z.string().nullable(),
  idUnknown: z.boolean(),
  phone: z.string().nullable(),
  post: z.string().nullable(),
  room: z.string().nullable(),
  bed: z.string().nullable(),
  status: PersonStatus,
  joinedOn: IsoDate.nullable(),
  leftOn: IsoDate.nullable(),
  /** In intake since this day (a negative test and observation before joining, R4.2); null once joined. */
  intakeSince: IsoDate.nullable(),
  emergencyContactName: z.string().nullable(),
  emergencyContactPhone: z.string().nullable(),
  notes: z.string().nullable(),
  /** What was entered disagrees with what the ID number says. */
  flags: z.object({ sexMismatch: z.boolean(), birthDateMismatch: z.boolean() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Person = z.infer<typeof Person>;

export const PersonMove = z.object({
  at: z.string(),
  fromSiteName: z.string().nullable(),
  toSiteName: z.string(),
  by: z.string().nullable(),
  reason: z.string().nullable(),
});
export type PersonMove = z.infer<typeof PersonMove>;

export const RevealedPerson = z.object({
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  emergencyContactPhone: z.string().nullable(),
});
export type RevealedPerson = z.infer<typeof RevealedPerson>;

export const PeopleQuery = z.strictObject({
  siteId: Uuid.optional(),
  q: Text(50).optional(),
  kind: PersonKind.optional(),
  status: PersonStatus.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type PeopleQuery = z.infer<typeof PeopleQuery>;

/** Sex and birth date as the ID number states them, against what was entered. */
export function idMismatches(
  idNumber: string | null | undefined,
  entered: { sex?: Sex | null; birthDate?: string | null },
): { sexMismatch: boolean; birthDateMismatch: boolean } {
  if (!idNumber || idNumber.length !== 18) return { sexMismatch: false, birthDateMismatch: false };
  const { sex, birthDate: birth } = idNumberFacts(idNumber);
  return {
    sexMismatch: !!entered.sex && entered.sex !== sex,
    birthDateMismatch: !!entered.birthDate && entered.birthDate !== birth,
  };
}

/*
 * Roster columns: the Chinese and English headers a spreadsheet may use for each field, and
 * the words it may use for kinds, sexes and statuses. Matching ignores case, spaces and "*".
 */
export const ROSTER_FIELDS = [
  'name', 'sex', 'birthDate', 'idNumber', 'phone', 'kind', 'post', 'room', 'bed', 'status', 'joinedOn',
  'emergencyContactName', 'emergencyContactPhone', 'notes',
] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];

export const ROSTER_HEADERS: Readonly<Record<RosterField, readonly string[]>> = {
  name: ['姓名', 'name', '名字'],
  sex: ['性别', 'sex', 'gender'],
  birthDate: ['出生日期', '出生年月日', 'birth date', 'birthdate', 'date of birth'],
  idNumber: ['身份证号', '身份证号码', '公民身份号码', '证件号码', 'id number', 'id', 'id no'],
  phone: ['手机号', '手机号码', '手机', '联系电话', '电话', 'phone', 'mobile'],
  kind: ['类别', '人员类别', '人员类型', 'kind', 'type'],
  post: ['岗位', '职务', '职位', 'post', 'position'],
  room: ['房间', '房间号', '房号', 'room'],
  bed: ['床位', '床号', 'bed'],
  status: ['状态', '在院状态', 'status'],
  joinedOn: ['入住日期', '入职日期', '入院日期', '入站日期', '登记日期', 'joined on', 'joined', 'start date'],
  emergencyContactName: ['紧急联系人', 'emergency contact'],
  emergencyContactPhone: ['紧急联系电话', '紧急联系人电话', 'emergency phone', 'emergency contact phone'],
  notes: ['备注', 'notes', 'note', 'remarks'],
};

/** The template's header row, in Chinese (the first header of each field). */
export const ROSTER_TEMPLATE_HEADERS: readonly string[] = ROSTER_FIELDS.map((f) => ROSTER_HEADERS[f][0] ?? f);

export const KIND_WORDS: Readonly<Record<string, PersonKind>> = {
  老人: 'resident', 住养老人: 'resident', 入住老人: 'resident', 院民: 'resident', resident: 'resident',
  儿童: 'child', 孤儿: 'child', child: 'child',
  受助人员: 'client', 求助人员: 'client', client: 'client',
  工作人员: 'staff', 员工: 'staff', 职工: 'staff', staff: 'staff',
  居民: 'community_resident', 社区居民: 'community_resident', community_resident: 'community_resident',
};
export const SEX_WORDS: Readonly<Record<string, Sex>> = { 男: 'male', 女: 'female', male: 'male', female: 'female', m: 'male', f: 'female' };
export const STATUS_WORDS: Readonly<Record<string, PersonStatus>> = {
  在院: 'present', 在岗: 'present', 在站: 'present', 在册: 'present', present: 'present',
  请假: 'on_leave', 外出: 'on_leave', on_leave: 'on_leave', 'on leave': 'on_leave',
  离开: 'left', 离院: 'left', 离职: 'left', 已离开: 'left', left: 'left',
};

export { normalizeHeader };

/** Which field each header names (null when none). A field is taken by its first column only. */
export function mapRosterHeaders(headers: readonly string[]): (RosterField | null)[] {
  return mapColumns(ROSTER_FIELDS, ROSTER_HEADERS, headers);
}

/** One row of a roster as the preview shows it: values as read (ID and phones masked) and what is wrong. */
export const RosterPreviewRow = z.object({
  /** The spreadsheet's row number (the header is row 1). */
  row: z.number().int(),
  values: z.record(z.string(), z.string().nullable()),
  errors: z.array(z.object({ path: z.string(), message: z.string() })),
});
export type RosterPreviewRow = z.infer<typeof RosterPreviewRow>;

export const RosterPreview = z.object({
  columns: z.array(z.object({ header: z.string(), field: z.enum(ROSTER_FIELDS).nullable() })),
  rows: z.array(RosterPreviewRow),
  total: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
});
export type RosterPreview = z.infer<typeof RosterPreview>;

export const RosterCommitResult = z.object({ imported: z.number().int(), skipped: z.number().int() });
export type RosterCommitResult = z.infer<typeof RosterCommitResult>;

/*
 * The one-registration rule without an ID oracle (§15 PIPL "access limited to the user's
 * jurisdiction"; issue 15 item 7). A number active inside the caller's jurisdiction is named with
 * its site, as the caller can see it anyway. One active outside it gets the neutral answer below:
 * it names no site, no town and no person. Each such conflict is audited and counted against the
 * account's budget; once the budget is spent, the account's ID registrations and checks are
 * refused until the window has passed, and the bureau is told once.
 */

/** The answer for a number registered outside the caller's jurisdiction: where, it does not say. */
export const ID_NOT_REGISTRABLE = {
  'zh-CN': '该身份证号无法在此登记。如此人已在其他机构登记在册，请联系乡镇（街道）社会事务办或市民政局办理转移',
  en: 'this ID number cannot be registered here; if the person is registered at another site, ask the town office or the bureau to transfer them',
} as const;

/** The answer once an account's budget is spent. */
export const ID_CHECKS_PAUSED = {
  'zh-CN': '您的账号近期多次提交无法在此登记的身份证号，身份证号登记与核验已暂停，并已报告市民政局。请稍后再试，或联系市民政局',
  en: 'your account recently submitted too many ID numbers that cannot be registered here; registering and checking ID numbers is paused for it and the bureau has been told. Try again later, or contact the bureau',
} as const;

/** Distinct records outside its jurisdiction an account may run into, per rolling hour and day. */
export interface IdProbeBudget {
  perHour: number;
  perDay: number;
}
export const DEFAULT_ID_PROBE_BUDGET: IdProbeBudget = { perHour: 5, perDay: 20 };

/** Distinct records counted in each window. */
export interface IdProbeCount {
  hour: number;
  day: number;
}

/** Spent: nothing more about ID numbers is answered to the account. */
export function idProbeSpent(used: IdProbeCount, budget: IdProbeBudget): boolean {
  return used.hour >= budget.perHour || used.day >= budget.perDay;
}

/**
 * What to do with the new conflicts of one request: answer them (they fit in what is left), or
 * withhold every answer of the request (a roster holding more than is left). `stops` when this
 * request spends the budget: the moment the bureau is told, once per burst.
 */
export function idProbeVerdict(used: IdProbeCount, fresh: IdProbeCount, budget: IdProbeBudget): { answer: boolean; stops: boolean } {
  const after = { hour: used.hour + fresh.hour, day: used.day + fresh.day };
  return {
    answer: !idProbeSpent(used, budget) && after.hour <= budget.perHour && after.day <= budget.perDay,
    stops: !idProbeSpent(used, budget) && idProbeSpent(after, budget),
  };
}

/** This area's messages that its schemas give as codes (composed into FIELD_MESSAGES). */
export const PEOPLE_FIELD_TEXTS = defineTexts({
  'id_number.required': { 'zh-CN': '请填写身份证号，或勾选“身份不明”', en: 'give the ID number, or mark the identity as unknown' },
  'id_number.both': { 'zh-CN': '已填写身份证号时不能勾选“身份不明”', en: 'an ID number was given, so the identity is not unknown' },
  'id_number.duplicate_in_file': { 'zh-CN': '该身份证号在文件中重复出现', en: 'this ID number appears more than once in the file' },
  'phone.invalid': { 'zh-CN': '手机号应为 11 位（1 开头），座机需带区号', en: 'a mobile number has 11 digits starting with 1; a landline needs its area code' },
  'kind.unknown': { 'zh-CN': '无法识别的人员类别', en: 'unknown kind of person' },
  'kind.not_at_site': { 'zh-CN': '该类别的人员不能登记在此类机构', en: 'this kind of person is not registered at this type of site' },
  'sex.unknown': { 'zh-CN': '性别应为“男”或“女”', en: 'sex should be male or female' },
  'status.unknown': { 'zh-CN': '无法识别的状态', en: 'unknown status' },
  'consent.required': { 'zh-CN': '请阅读并同意个人信息使用说明', en: 'please read and accept how your personal data is used' },
  'people.left_before_joined': { 'zh-CN': '不能早于入住/入职日期', en: 'must not be before joinedOn' },
});
