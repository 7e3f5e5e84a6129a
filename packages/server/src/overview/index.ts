import { defineArea } from '../core/area.js';
import { dropOldChanges } from './repository.js';

/** The stored per-site summaries behind the city overviews. */
export const overviewArea = defineArea({
  name: 'overview',
  jobs: (_services, deps) => [{
    name: 'overview change purge',
    everyMs: 6 * 3_600_000,
    firstAfterMs: 5_000,
    run: () => dropOldChanges(deps.db),
  }],
});
