/*
 * The visitor page's strings live in features/visitor/messages.ts; this file stays as the place the
 * visitor page still imports their key type from.
 */
export type { VisitorMessageKey } from '../features/visitor/messages';
