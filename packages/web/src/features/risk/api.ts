import type { z } from 'zod';
import type {
  CreateRiskArea, RiskAreaAnswer, RiskAreaList, RiskAreaListQuery, RiskImportPreview, RiskImportQuery, RiskImportResult, UpdateRiskArea,
} from '@fangkong/domain';
import { api, download } from '../../api/client';

/** The list's filters: where the areas stand today, and their level. */
export type RiskAreaFilter = Omit<z.input<typeof RiskAreaListQuery>, 'on'>;

const areaPath = (id: string) => `/api/org/risk-areas/${encodeURIComponent(id)}`;

export const riskApi = {
  areas: (filter: RiskAreaFilter, signal?: AbortSignal) => api<RiskAreaList>('/api/org/risk-areas', { signal, query: { ...filter } }),
  createArea: (input: CreateRiskArea) => api<RiskAreaAnswer>('/api/org/risk-areas', { method: 'POST', body: input }),
  updateArea: (id: string, patch: UpdateRiskArea) => api<RiskAreaAnswer>(areaPath(id), { method: 'PATCH', body: patch }),
  preview: (file: File) =>
    api<RiskImportPreview>('/api/org/risk-areas/import', {
      method: 'POST', raw: file, query: { mode: 'preview', filename: file.name } satisfies RiskImportQuery,
    }),
  commit: (file: File, onlyValid: boolean) =>
    api<RiskImportResult>('/api/org/risk-areas/import', {
      method: 'POST', raw: file, query: { mode: 'commit', onlyValid: onlyValid ? 'true' : 'false', filename: file.name } satisfies RiskImportQuery,
    }),
  /** Saves the import template; `fallbackName` when the server names no file. */
  downloadTemplate: (fallbackName: string) => download('/api/org/risk-areas/import/template', fallbackName),
  /** Saves the list with its filters as .xlsx. */
  exportAreas: (filter: RiskAreaFilter, fallbackName: string) => download('/api/org/risk-areas/export', fallbackName, { ...filter }),
};

export const riskKeys = {
  /**
   * Under the organisation's prefix: a change to an area changes the level its nodes show, so one
   * invalidation of ['org'] refreshes both.
   */
  all: ['org'] as const,
  areas: (filter: RiskAreaFilter) => ['org', 'risk-areas', filter] as const,
};
