import type { App } from '../core/area.js';

/** Skeleton: filled in by the work on issue 18. */
export function caseRoutes(_app: App): void {}
