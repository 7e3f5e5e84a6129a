import { AreaService } from '../core/service-base.js';
import type { Job } from '../core/area.js';

/** Skeleton: filled in by the work on issue 18. */
export class RegisterService extends AreaService {
  /** The area's scheduled work of this part. */
  jobs(): Job[] {
    return [];
  }
}
