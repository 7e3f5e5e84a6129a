import { z } from 'zod';
import { Alert } from './monitoring.js';
import { IsoDate, SiteType } from './org.js';
import { DueEntry, Session, SessionPerson, TestQuery, TestRecord } from './testing.js';

export const TestList = z.object({ tests: z.array(TestRecord), total: z.number().int() });
export type TestList = z.infer<typeof TestList>;
export const TestAnswer = z.object({ test: TestRecord, alert: Alert.nullable() });
export type TestAnswer = z.infer<typeof TestAnswer>;
/** A batch's records and the alerts they raised. */
export const TestsAnswer = z.object({ tests: z.array(TestRecord), alerts: z.array(Alert) });
export type TestsAnswer = z.infer<typeof TestsAnswer>;

/** The records' filters without paging. */
export const TestExportQuery = TestQuery.omit({ limit: true, offset: true });
export type TestExportQuery = z.input<typeof TestExportQuery>;

export const DueList = z.object({ entries: z.array(DueEntry), total: z.number().int(), day: IsoDate });
export type DueList = z.infer<typeof DueList>;

export const ComplianceQuery = z.strictObject({ on: IsoDate.optional(), siteType: SiteType.optional(), townId: z.uuid().optional() });
export type ComplianceQuery = z.input<typeof ComplianceQuery>;

export const SessionListQuery = z.strictObject({ townId: z.uuid().optional(), from: IsoDate.optional(), to: IsoDate.optional() });
export type SessionListQuery = z.input<typeof SessionListQuery>;
export const SessionList = z.object({ sessions: z.array(Session) });
export type SessionList = z.infer<typeof SessionList>;
/** A sampling session with its list of people, by site then name. */
export const SessionDetail = z.object({ session: Session, people: z.array(SessionPerson) });
export type SessionDetail = z.infer<typeof SessionDetail>;
export const SessionPersonParams = z.strictObject({ id: z.uuid(), personId: z.uuid() });

export const LabImportQuery = z.strictObject({ filename: z.string().max(255).default('results.xlsx') });
export type LabImportQuery = z.input<typeof LabImportQuery>;
