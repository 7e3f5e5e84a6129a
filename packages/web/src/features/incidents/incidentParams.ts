import type { IncidentType } from '@fangkong/domain';
import { pageParams } from '../../components/shared/useUrlParams';
import { incidentTypeOf } from './incidentsUi';

export interface IncidentParams {
  siteId: string | undefined;
  townId: string | undefined;
  type: IncidentType | undefined;
  status: 'open' | 'closed' | undefined;
  late: boolean;
  page: number;
  pageSize: number;
}

/** The incident list's filters as the URL keeps them (the board and the home card link to them). */
export function readIncidentParams(params: URLSearchParams, sizes: readonly number[]): IncidentParams {
  const status = params.get('status');
  return {
    siteId: params.get('siteId') || undefined,
    townId: params.get('townId') || undefined,
    type: incidentTypeOf(params.get('type')),
    status: status === 'open' || status === 'closed' ? status : undefined,
    late: params.get('late') === 'true',
    ...pageParams(params, sizes),
  };
}
