/*
 * The strings themselves live in the catalogues (catalogues.ts lists them); this file stays as the
 * place some modules still import the key type from.
 */
export type { MessageKey } from './catalogues';
