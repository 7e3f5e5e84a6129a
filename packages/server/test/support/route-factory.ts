import type { Permission } from '@fangkong/domain';
import type { Client } from './client.js';
import type { TreeNode } from './tree.js';

/*
 * The shape of the authorization test's table (test/authorization.test.ts): how a record is made
 * for each route that names one, in a town, and what the route needs.
 */

/** Where a record is made: a town, a site of it, and that town's officer (the owner of what belongs to a user). */
export interface Place { town: TreeNode; site: TreeNode; officer: Client & { id: string } }

/** A request naming a record: the path's parameters, and a JSON body or a file. */
export interface Made {
  params: Record<string, string>;
  body?: object;
  file?: { bytes: Buffer; type: string; name: string };
  /** What was made, as the API answered it: its names and ids must not reach a refused caller. */
  records: unknown[];
}

export interface Factory {
  /** The permission the route needs where the record lies. */
  permission: Permission;
  /** The permission under which a role sees the record at all, when it is not `permission`. */
  sees?: Permission;
  /** A record of a user (a lab import, a message), which its owner alone sees, wherever the caller is bound. */
  owned?: true;
  /** A record of the whole city (the catalogue): no town to be outside of. */
  cityWide?: true;
  /** A record of the town rather than of the site it was made for (a sampling session). */
  ofTown?: true;
  make(at: Place): Promise<Made>;
  /** The same request with its parent in the caller's town and its sub-record in town2 (a sub-record is found through its parent). */
  mixed?: (own: Made, foreign: Made) => Made;
  /** Who shows that the request is valid, with a 2xx: the bureau admin, or the town's officer where it is theirs alone. */
  control?: 'officer';
  /** The control's answer when the route refuses every request by design (a forbidden action's 409): not a 2xx. */
  controlStatus?: number;
}

