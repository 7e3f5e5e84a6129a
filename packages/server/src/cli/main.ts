import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { eq, or } from 'drizzle-orm';
import { NewPassword, Role, Username, passwordProblems } from '@fangkong/domain';
import { ConfigError, loadConfig, type Config } from '../config/config.js';
import { openDatabase, type Database } from '../db/engine.js';
import { migrateDatabase } from '../db/migrate.js';
import { DataDirInUseError } from '../db/lock.js';
import { orgNodes } from '../db/schema.js';
import { buildApp } from '../http/app.js';
import { ensureDefaultPolicies } from '../policy/service.js';
import { DEMO_PASSWORD, isEmpty, seedDemo, type DemoAccount } from '../demo/seed.js';
import { hashPassword } from '../auth/passwords.js';
import { findUserByUsername, insertRole, insertUser, type UserRow } from '../auth/repository.js';
import { audit } from '../audit/service.js';
import { AuthService, passwordRuleText } from '../auth/service.js';
import { addKeyToDataDir, keyringFromDataDir, keyringFromEnv, pruneDataDirKeys, type Keyring } from '../pii/keyring.js';
import { resealAll } from '../pii/rotate.js';
import { startJobs } from '../jobs.js';
import { channelSender } from '../notifications/senders.js';
import { deliveryJob } from '../notifications/index.js';
import { Clock } from '../core/clock.js';
import { AREAS, createDeps } from '../areas.js';
import { SCALES, seedSynthetic, type Scale, type SyntheticProgress } from '../synthetic/index.js';

const USAGE = `fangkong <command> [options]

  serve [--demo]          start the server (migrates first); --demo creates the demo city on an empty database
  migrate                 apply pending database migrations
  seed --demo             create the demo city and accounts on an empty database
  seed --synthetic [--scale small|city|province] [--seed N] [--days N] [--cities N]
                          generate a deterministic synthetic jurisdiction on an empty database: small (one home of
                          ~60 people, 30 days), city (8 towns, 60 care sites, ~20,000 people, 365 days), province
                          (20 such cities; --cities generates fewer); the same seed gives the same data
  create-user --username U --password P --role R --node <node id or exact name> [--display-name N]
                          the first administrator (or any account); the password must meet the password rules
  reset-password --username U
                          print a one-time password for U (to be changed at the next sign-in); ends U's sessions
  reset-two-factor --username U
                          turn U's two-factor sign-in off (a lost phone and codes); U enrols again where required
  disable-user --username U   disable an account and end its sessions
  worker                  deliver notifications only (e-mail, group robots, webhooks); run beside servers started
                          with NOTIFY_WORKER=false to deliver from separate processes (PostgreSQL only)
${AREAS.flatMap((a) => a.commands ?? []).map((c) => `  ${c.usage}\n`).join('')}  rotate-key              re-encrypt personal data with a new key (embedded: a new key in DATA_DIR;
                          PostgreSQL: put the new key first in PII_KEYS, keep the old one after it, then run this)

Environment: DATABASE_URL (PostgreSQL; embedded PGlite under DATA_DIR when unset), DATA_DIR, HOST, PORT, TIME_ZONE;
PASSWORD_MIN_LENGTH, PASSWORD_MIN_CLASSES, PASSWORD_HISTORY (password rules), TWO_FACTOR_ROLES (roles that must sign in
with two factors, comma-separated, or none).`;

/** Who the command line's changes are filed under in the audit log. */
const CLI_CTX = { requestId: 'cli', ip: 'localhost', userAgent: undefined, locale: 'en', caller: undefined } as const;
const CLI_ACTOR = { id: null, name: 'cli' };

async function open(config: Config): Promise<Database> {
  const database = config.databaseUrl
    ? await openDatabase({ kind: 'postgres', url: config.databaseUrl, poolSize: config.poolSize })
    : await openDatabase({ kind: 'pglite', dataDir: config.dataDir });
  await migrateDatabase(database);
  await ensureDefaultPolicies(database.db);
  return database;
}

function printDemoAccounts(accounts: DemoAccount[]): void {
  const width = Math.max(...accounts.map((a) => a.username.length));
  console.log('\n  DEMO ACCOUNTS (demo data only; do not use in production)');
  console.log(`  password for all: ${DEMO_PASSWORD}\n`);
  for (const a of accounts) console.log(`    ${a.username.padEnd(width)}  ${a.role.padEnd(14)}  ${a.node}`);
  console.log('');
}

async function seed(database: Database, ring: Keyring): Promise<void> {
  if (!(await isEmpty(database.db))) {
    console.log('The database already holds jurisdictions; no demo data was added.');
    return;
  }
  printDemoAccounts(await seedDemo(database.db, ring));
}

/** Progress of a long generation: a line per stage, redrawn in place on a terminal. */
function progressLines(): { report: SyntheticProgress; end: () => void } {
  const tty = process.stdout.isTTY;
  let stage: string | undefined;
  let started = 0;
  let drawn = 0;
  let last = { done: 0, total: 0 };
  const text = () => `  ${(stage ?? '').padEnd(22)} ${String(last.done).padStart(8)} / ${String(last.total).padEnd(8)} ${((performance.now() - started) / 1000).toFixed(1)} s`;
  const end = () => {
    if (stage === undefined) return;
    if (tty) process.stdout.write(`\r${text()}\x1b[K\n`);
    else console.log(text());
    stage = undefined;
  };
  const report: SyntheticProgress = (s, done, total) => {
    if (s !== stage) {
      end();
      stage = s;
      started = performance.now();
    }
    last = { done, total };
    if (tty && performance.now() - drawn > 200) {
      drawn = performance.now();
      process.stdout.write(`\r${text()}\x1b[K`);
    }
  };
  return { report, end };
}

function wholeNumber(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new Error(`--${name} takes a whole number, not "${v}"`);
  return Number(v);
}

async function seedSyntheticCity(database: Database, ring: Keyring, config: Config, args: Record<string, string | boolean | undefined>): Promise<void> {
  const scale = String(args.scale ?? 'small');
  if (!SCALES.includes(scale as Scale)) throw new Error(`--scale takes small, city or province, not "${scale}"`);
  const options = {
    scale: scale as Scale,
    seed: wholeNumber('seed', args.seed as string | undefined) ?? 1,
    days: wholeNumber('days', args.days as string | undefined),
    cities: wholeNumber('cities', args.cities as string | undefined),
    timeZone: config.timeZone,
  };
  console.log(`\n  Generating a synthetic ${options.scale} (seed ${options.seed}${options.days ? `, ${options.days} days` : ''}` +
    `${options.cities ? `, ${options.cities} cities` : ''}) into ${database.kind === 'pglite' ? `the embedded database in ${config.dataDir}` : 'PostgreSQL'}…\n`);
  const lines = progressLines();
  let result: Awaited<ReturnType<typeof seedSynthetic>>;
  try {
    result = await seedSynthetic(database, ring, options, lines.report);
  } finally {
    lines.end();
  }
  const rows: [string, number][] = [
    ['towns', result.towns], ['sites (incl. villages and communities)', result.sites], ['people', result.people], ['rooms', result.rooms],
    ['readings', result.readings], ['person-days (reading_days)', result.readingDays], ['alerts', result.alerts], ['visits', result.visits],
    ['test records', result.tests], ['supply ledger entries', result.ledgerEntries],
  ];
  console.log('');
  for (const [k, v] of rows) console.log(`    ${k.padEnd(40)} ${v.toLocaleString('en-US').padStart(12)}`);
  console.log(`    ${'seconds'.padEnd(40)} ${String(result.seconds).padStart(12)}`);
  printDemoAccounts(result.accounts);
}

/** Keys for personal data: PII_KEYS when set (production), else the key file in the data folder. */
function keyring(config: Config): Keyring {
  if (config.piiKeys) return keyringFromEnv(config.piiKeys);
  if (config.databaseUrl) {
    console.warn(`  warning: PII_KEYS is not set; personal data is sealed with the key file in ${config.dataDir}. ` +
      'Every instance must share that key: set PII_KEYS in production.');
  }
  return keyringFromDataDir(config.dataDir);
}

/**
 * The demo's accounts sign in with the printed password alone unless TWO_FACTOR_ROLES asks for two
 * factors: a visitor trying the app has no authenticator set up for it.
 */
function demoConfig(config: Config): Config {
  if (process.env.TWO_FACTOR_ROLES !== undefined) return config;
  console.log('  Two-factor sign-in is optional in the demo; set TWO_FACTOR_ROLES (e.g. bureau_admin,bureau_officer) to require it.');
  return { ...config, twoFactorRoles: [] };
}

async function serve(configured: Config, demo: boolean): Promise<void> {
  const config = demo ? demoConfig(configured) : configured;
  const database = await open(config);
  const ring = keyring(config);
  if (demo) await seed(database, ring);
  const app = await buildApp(config, database, ring);
  const stopJobs = startJobs(AREAS.flatMap((a) => a.jobs?.(app.services, app.deps) ?? []), app.log);
  const stop = (signal: string) => {
    console.log(`\n  ${signal}: stopping…`);
    // Open browser connections or a stuck query must not keep a stopping server alive.
    setTimeout(() => {
      console.error('  did not stop within 5 s; exiting anyway');
      process.exit(1);
    }, 5000).unref();
    void (async () => {
      await app.close();
      await stopJobs();
      await database.close();
      process.exit(0);
    })();
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  await app.listen({ host: config.host, port: config.port });
  const engine = database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL';
  console.log(`\n  Fangkong is running at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/  (database: ${engine})\n`);
}

/** A process that only delivers the outbox: several may run; a killed one loses nothing (leases). */
async function worker(config: Config): Promise<void> {
  if (!config.databaseUrl) throw new Error('a separate worker needs DATABASE_URL (the embedded database belongs to its server)');
  const database = await open(config);
  const log = pino({ level: config.logLevel });
  const stopDelivery = startJobs([deliveryJob(database.db, new Clock(config.timeZone), channelSender({ ...config.notify }), { leaseMs: config.notify.leaseMs }, 1_000)], log);
  console.log('  Fangkong notification worker running (PostgreSQL).');
  const stop = () => {
    void (async () => {
      await stopDelivery();
      await database.close();
      process.exit(0);
    })();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function createUser(config: Config, args: Record<string, string | boolean | undefined>): Promise<void> {
  const username = Username.parse(args.username);
  const password = NewPassword.parse(args.password);
  const [problem] = passwordProblems(password, config.passwordRules, username);
  if (problem) throw new Error(`the password breaks a rule: ${passwordRuleText(problem, config.passwordRules).en}`);
  const role = Role.parse(args.role);
  const nodeRef = String(args.node ?? '');
  const database = await open(config);
  try {
    const isUuid = /^[0-9a-f-]{36}$/i.test(nodeRef);
    const nodes = await database.db.select().from(orgNodes).where(isUuid ? eq(orgNodes.id, nodeRef) : or(eq(orgNodes.name, nodeRef)));
    if (nodes.length !== 1 || !nodes[0]) throw new Error(nodes.length === 0 ? `no node "${nodeRef}"` : `"${nodeRef}" names ${nodes.length} nodes; give the id`);
    if (await findUserByUsername(database.db, username)) throw new Error(`user "${username}" exists`);
    const node = nodes[0];
    const passwordHash = await hashPassword(password);
    await database.db.transaction(async (tx) => {
      const user = await insertUser(tx, { username, displayName: String(args['display-name'] ?? username), passwordHash });
      await insertRole(tx, user.id, role, node.id);
      await audit(tx, CLI_CTX, { action: 'accounts.create', outcome: 'ok', actor: CLI_ACTOR, targetType: 'user', targetId: user.id, nodePath: node.path, detail: { username, roles: [{ role, nodeId: node.id }] } });
    });
    console.log(`Created ${username} (${role} at ${node.name}).`);
  } finally {
    await database.close();
  }
}

/** Runs a command on one named account, with the auth service of an opened database. */
async function withUser(config: Config, username: string | boolean | undefined, run: (auth: AuthService, user: UserRow) => Promise<void>): Promise<void> {
  if (typeof username !== 'string' || username === '') throw new Error('--username is required');
  const database = await open(config);
  try {
    const user = await findUserByUsername(database.db, username);
    if (!user) throw new Error(`no user "${username}"`);
    await run(new AuthService({ db: database.db, config, clock: new Clock(config.timeZone), keyring: keyring(config) }), user);
  } finally {
    await database.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      demo: { type: 'boolean' },
      synthetic: { type: 'boolean' },
      scale: { type: 'string' },
      seed: { type: 'string' },
      days: { type: 'string' },
      cities: { type: 'string' },
      username: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      node: { type: 'string' },
      'display-name': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command] = positionals;
  if (!command || values.help) {
    console.log(USAGE);
    return;
  }
  const config = loadConfig();
  switch (command) {
    case 'serve':
      return serve(config, values.demo === true);
    case 'migrate': {
      const database = await open(config);
      await database.close();
      console.log('Migrations applied.');
      return;
    }
    case 'seed': {
      if (!values.demo && !values.synthetic) throw new Error('seed needs --demo or --synthetic (nothing is invented without it)');
      if (values.demo && values.synthetic) throw new Error('seed takes --demo or --synthetic, not both');
      const database = await open(config);
      try {
        if (values.synthetic) await seedSyntheticCity(database, keyring(config), config, values);
        else await seed(database, keyring(config));
      } finally {
        await database.close();
      }
      return;
    }
    case 'worker':
      return worker(config);
    case 'create-user':
      return createUser(config, values);
    case 'disable-user':
      return withUser(config, values.username, async (auth, user) => {
        await auth.setDisabled(user.id, true);
        console.log(`Disabled ${user.username}; their sessions have ended.`);
      });
    case 'reset-password':
      return withUser(config, values.username, async (auth, user) => {
        const password = await auth.resetPassword(CLI_CTX, user.id, CLI_ACTOR);
        console.log(`One-time password for ${user.username} (shown once; to be changed at the next sign-in; their sessions have ended):\n\n  ${password}\n`);
      });
    case 'reset-two-factor':
      return withUser(config, values.username, async (auth, user) => {
        await auth.resetTwoFactor(CLI_CTX, user.id, CLI_ACTOR);
        console.log(`Two-factor sign-in of ${user.username} is off; where a role requires it, they set it up again at their next sign-in.`);
      });
    case 'rotate-key': {
      const database = await open(config);
      try {
        const ring = config.piiKeys ? keyringFromEnv(config.piiKeys) : (keyringFromDataDir(config.dataDir), addKeyToDataDir(config.dataDir));
        const { rows, resealed, users, visits, funeral } = await resealAll(database.db, ring);
        if (!config.piiKeys) pruneDataDirKeys(config.dataDir);
        console.log(`Re-encrypted ${resealed} of ${rows} people, ${users} accounts, ${visits} visits and ${funeral} funeral records with key ${ring.currentId}.` +
          (config.piiKeys ? ' Older keys may now be removed from PII_KEYS.' : ' Older keys were removed from the key file.'));
      } finally {
        await database.close();
      }
      return;
    }
    default: {
      const areaCommand = AREAS.flatMap((a) => a.commands ?? []).find((c) => c.name === command);
      if (!areaCommand) throw new Error(`unknown command "${command}"\n\n${USAGE}`);
      const database = await open(config);
      try {
        await areaCommand.run(createDeps(config, database, keyring(config)));
      } finally {
        await database.close();
      }
      return;
    }
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataDirInUseError) console.error(err.message);
  else console.error(err instanceof Error ? `fangkong: ${err.message}` : err);
  process.exit(1);
});
