import type { Clock } from '../core/clock.js';
import type { FastifyReply } from 'fastify';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A Content-Disposition that keeps a Chinese file name (RFC 6266) with an ASCII fallback for old clients. */
export function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Today (the local day of the clock) as YYYYMMDD, for file names. */
export function stamp(clock: Clock): string {
  return clock.today().replace(/-/g, '');
}

/** Sends a workbook as a download. */
export function sendXlsx(reply: FastifyReply, name: string, bytes: Buffer): FastifyReply {
  return reply.header('content-type', XLSX).header('content-disposition', attachment(name)).send(bytes);
}
