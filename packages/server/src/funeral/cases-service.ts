import { AreaService } from '../core/service-base.js';
import type { Deps } from '../core/deps.js';
import type { IncidentsService } from '../incidents/service.js';

/** Skeleton: filled in by the work on issue 18. */
export class CasesService extends AreaService {
  constructor(deps: Deps, protected readonly incidents: IncidentsService) {
    super(deps);
  }
}
