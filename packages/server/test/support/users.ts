import type { Role } from '@fangkong/domain';
import type { Database } from '../../src/db/engine.js';
import type { App } from '../../src/http/app.js';
import { hashPassword } from '../../src/auth/passwords.js';
import { insertRole, insertUser } from '../../src/auth/repository.js';
import type { TreeNode } from './tree.js';

export const PASSWORD = 'Test#Pass2020';

let hashed: Promise<string> | undefined;

/** A user with the test password and the given role bindings; answers the user's id. */
export async function createUser(database: Database, username: string, grants: [Role, TreeNode][]): Promise<string> {
  hashed ??= hashPassword(PASSWORD);
  const user = await insertUser(database.db, { username, displayName: username, passwordHash: await hashed });
  for (const [role, node] of grants) await insertRole(database.db, user.id, role, node.id);
  return user.id;
}

/** Signs in and returns the session cookie header. */
export async function login(app: App, username: string, password = PASSWORD): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'fk_session');
  if (!cookie) throw new Error('no session cookie');
  return `fk_session=${cookie.value}`;
}
