import { z } from 'zod';
import { SiteType } from './org.js';
import { Alert, AlertStatus, Placement, Reading, Room } from './monitoring.js';
import { EarlyStep } from './monitoring-policy.js';
import { Day, Limit, QueryFlag } from './contracts.js';

/** A site's round of readings on a day. */
export const RoundParams = z.strictObject({ id: z.uuid(), date: Day });

export const ReadingAnswer = z.object({ reading: Reading, alert: Alert.nullable() });
export type ReadingAnswer = z.infer<typeof ReadingAnswer>;
/** A batch's readings and the alerts they raised. */
export const ReadingsAnswer = z.object({ readings: z.array(Reading), alerts: z.array(Alert) });
export type ReadingsAnswer = z.infer<typeof ReadingsAnswer>;

export const PersonReadingsQuery = z.strictObject({ days: z.coerce.number().int().min(1).max(366).default(30) });
export type PersonReadingsQuery = z.input<typeof PersonReadingsQuery>;
export const PersonReadings = z.object({ readings: z.array(Reading) });
export type PersonReadings = z.infer<typeof PersonReadings>;

export const AlertListQuery = z.strictObject({ siteId: z.uuid().optional(), status: AlertStatus.optional(), limit: Limit(500, 100) });
export type AlertListQuery = z.input<typeof AlertListQuery>;
export const AlertList = z.object({ alerts: z.array(Alert) });
export type AlertList = z.infer<typeof AlertList>;
export const AlertCount = z.object({ open: z.number().int() });
export type AlertCount = z.infer<typeof AlertCount>;
export const AlertAnswer = z.object({ alert: Alert });
export type AlertAnswer = z.infer<typeof AlertAnswer>;
export const AlertStepParams = z.strictObject({ id: z.uuid(), step: EarlyStep });

export const RoomList = z.object({ rooms: z.array(Room) });
export type RoomList = z.infer<typeof RoomList>;
export const RoomAnswer = z.object({ room: Room });
export type RoomAnswer = z.infer<typeof RoomAnswer>;

export const PlacementListQuery = z.strictObject({ siteId: z.uuid().optional(), personId: z.uuid().optional(), active: QueryFlag.optional() });
export type PlacementListQuery = z.input<typeof PlacementListQuery>;
export const PlacementList = z.object({ placements: z.array(Placement) });
export type PlacementList = z.infer<typeof PlacementList>;
export const PlacementAnswer = z.object({ placement: Placement });
export type PlacementAnswer = z.infer<typeof PlacementAnswer>;

export const CoverageQuery = z.strictObject({ date: Day.default('today'), siteType: SiteType.optional(), townId: z.uuid().optional() });
export type CoverageQuery = z.input<typeof CoverageQuery>;
