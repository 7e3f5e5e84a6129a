import { z } from 'zod';
import { Incident, IncidentEvent, IncidentNotice } from './incidents.js';
import { IncidentAttachment } from './notifications.js';

export const IncidentStepParams = z.strictObject({ id: z.uuid(), stepId: z.uuid() });
export const IncidentAttachmentParams = z.strictObject({ id: z.uuid(), attachmentId: z.uuid() });

/** The receiving level's acknowledgement of a step, with an optional note. */
export const AcknowledgeStep = z.strictObject({ note: z.string().trim().max(300).optional() });
export type AcknowledgeStep = z.input<typeof AcknowledgeStep>;

export const IncidentList = z.object({ incidents: z.array(Incident), total: z.number().int() });
export type IncidentList = z.infer<typeof IncidentList>;
export const IncidentAnswer = z.object({ incident: Incident });
export type IncidentAnswer = z.infer<typeof IncidentAnswer>;
export const IncidentEvents = z.object({ events: z.array(IncidentEvent) });
export type IncidentEvents = z.infer<typeof IncidentEvents>;
export const IncidentNotices = z.object({ notices: z.array(IncidentNotice) });
export type IncidentNotices = z.infer<typeof IncidentNotices>;
export const IncidentAttachments = z.object({ attachments: z.array(IncidentAttachment) });
export type IncidentAttachments = z.infer<typeof IncidentAttachments>;
export const IncidentAttachmentAnswer = z.object({ attachment: IncidentAttachment });
export type IncidentAttachmentAnswer = z.infer<typeof IncidentAttachmentAnswer>;
