import accounts from '../features/accounts/messages';
import audit from '../features/audit/messages';
import auth from '../features/auth/messages';
import funeral from '../features/funeral/messages';
import health from '../features/health/messages';
import isolation from '../features/health/isolation.messages';
import home from '../features/home/messages';
import incidents from '../features/incidents/messages';
import notifications from '../features/notifications/messages';
import org from '../features/org/messages';
import people from '../features/people/messages';
import policies from '../features/policies/messages';
import profile from '../features/profile/messages';
import risk from '../features/risk/messages';
import sites from '../features/sites/messages';
import supplies from '../features/supplies/messages';
import testing from '../features/testing/messages';
import visitor from '../features/visitor/messages';
import visits from '../features/visits/messages';
import common from './common.messages';
import type { Catalogue, KeyOf } from './defineMessages';
import shared from './shared.messages';

/** The keys that two or more of the catalogues define, from the first to the last. */
type Duplicated<Cs extends readonly Catalogue[], Seen extends string = never> = Cs extends readonly [
  infer First extends Catalogue,
  ...infer Rest extends readonly Catalogue[],
]
  ? Extract<KeyOf<First>, Seen> | Duplicated<Rest, Seen | KeyOf<First>>
  : never;

/**
 * Takes the list as it is, unless a key is in two catalogues: one key would then have two texts and the
 * later one would silently win, so tsc refuses the list and names the key (as `duplicatedKey`).
 */
function distinct<const Cs extends readonly Catalogue[]>(
  catalogues: Cs & ([Duplicated<Cs>] extends [never] ? unknown : { duplicatedKey: Duplicated<Cs> }),
): Cs {
  return catalogues;
}

/** Every catalogue of the app: a feature adds its own here, and `t()` knows its keys. */
export const CATALOGUES = distinct([
  common,
  shared,
  auth,
  home,
  org,
  sites,
  risk,
  people,
  policies,
  audit,
  profile,
  health,
  isolation,
  visits,
  visitor,
  testing,
  supplies,
  funeral,
  notifications,
  incidents,
  accounts,
]);

/** Every key of every catalogue. */
export type MessageKey = KeyOf<(typeof CATALOGUES)[number]>;
