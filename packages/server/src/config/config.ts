import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_ID_PROBE_BUDGET, DEFAULT_PASSWORD_RULES, Role, isValidTimeZone, type IdProbeBudget, type PasswordRules } from '@fangkong/domain';

const Bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
/** A comma-separated list of host names or addresses (`*.example.cn` for subdomains), lower-cased. */
const HostList = z.string().transform((v) => v.split(',').map((h) => h.trim().toLowerCase()).filter((h) => h !== ''))
  .refine((hosts) => hosts.every((h) => /^(\*\.)?[a-z0-9.-]+$|^\[?[0-9a-f:.]+\]?$/.test(h)), 'host names or addresses only, without scheme, port or path');
const Int = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);

/**
 * Configuration is read from the environment once, at start-up, and checked here; a wrong value
 * stops the process with a message naming the variable. Defaults work for the embedded mode.
 */
const Env = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: Int(3000, 0, 65535),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://').optional(),
  DATABASE_POOL_SIZE: Int(10, 1, 200),
  TIME_ZONE: z.string().default('Asia/Shanghai').refine(isValidTimeZone, 'not a known IANA time zone'),
  SESSION_IDLE_MINUTES: Int(30, 1, 24 * 60),
  SESSION_ABSOLUTE_HOURS: Int(12, 1, 24 * 30),
  LOGIN_MAX_FAILURES: Int(5, 1, 100),
  LOGIN_LOCK_MINUTES: Int(30, 1, 24 * 60),
  LOGIN_RATE_PER_MINUTE: Int(20, 1, 10_000),
  COOKIE_SECURE: Bool.default(false),
  TRUST_PROXY: Bool.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST: z.string().optional(),
  /** `id:base64,id:base64`: keys for personal data; the first seals, all open. Unset: a key file in DATA_DIR. */
  PII_KEYS: z.string().optional(),
  IMPORT_MAX_MB: Int(10, 1, 200),
  /** Requests to the public registration page per client address per minute. */
  PUBLIC_RATE_PER_MINUTE: Int(30, 1, 100_000),
  /** Registrations per site link per minute (a busy gate in the morning). */
  PUBLIC_SITE_RATE_PER_MINUTE: Int(120, 1, 100_000),
  /** `smtp://user:pass@host:587` or `smtps://…`: the mail server for e-mail notifications. Unset: e-mails wait, then dead-letter. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
  MAIL_FROM: z.string().default('Fangkong <noreply@localhost>'),
  /** The address users reach the app at, for links in e-mails and chat messages (e.g. https://fk.example.gov.cn). */
  PUBLIC_URL: z.url().optional(),
  /** Hosts that robot and webhook rules may post to; they must resolve to public addresses. */
  NOTIFY_WEBHOOK_HOSTS: HostList.default(['qyapi.weixin.qq.com', 'oapi.dingtalk.com']),
  /** Hosts that may be or resolve to loopback or private addresses (an intranet SMS gateway). None by default. */
  NOTIFY_WEBHOOK_INTERNAL_HOSTS: HostList.default([]),
  /** Seconds a webhook or mail server may take before the attempt counts as failed. */
  NOTIFY_TIMEOUT_SECONDS: Int(10, 1, 300),
  /** How long a delivering worker holds a message before another may take it (a killed worker's messages come back after this). */
  NOTIFY_LEASE_SECONDS: Int(60, 1, 3600),
  /** Let the bureau admin move the server's clock (browser tests and demonstrations only; never in production). */
  FANGKONG_CLOCK_CONTROL: Bool.default(false),
  /** false: this server writes notifications but leaves their delivery to `fangkong worker` processes. */
  NOTIFY_WORKER: Bool.default(true),
  /** Distinct people registered outside its jurisdiction an account may run into per hour / per day before its ID checks stop. */
  ID_PROBE_PER_HOUR: Int(DEFAULT_ID_PROBE_BUDGET.perHour, 1, 10_000),
  ID_PROBE_PER_DAY: Int(DEFAULT_ID_PROBE_BUDGET.perDay, 1, 100_000),
  /** Password rules (等保 asks each deployment to set its own): least length, classes of four, recent ones refused. */
  PASSWORD_MIN_LENGTH: Int(DEFAULT_PASSWORD_RULES.minLength, 8, 64),
  PASSWORD_MIN_CLASSES: Int(DEFAULT_PASSWORD_RULES.minClasses, 1, 4),
  PASSWORD_HISTORY: Int(DEFAULT_PASSWORD_RULES.history, 0, 24),
  /** Roles that must sign in with two factors, comma-separated (`none` for nobody); any other user may turn it on. */
  TWO_FACTOR_ROLES: z.string().default('bureau_admin,bureau_officer').transform((v) => (v.trim() === 'none' ? [] : v.split(',').map((r) => r.trim()).filter((r) => r !== '')))
    .pipe(z.array(Role)),
});

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  poolSize: number;
  timeZone: string;
  session: { idleMs: number; absoluteMs: number };
  login: { maxFailures: number; lockMs: number; ratePerMinute: number };
  cookieSecure: boolean;
  trustProxy: boolean;
  logLevel: string;
  webDist: string;
  piiKeys: string | undefined;
  importMaxBytes: number;
  publicRate: { perAddress: number; perSite: number };
  notify: {
    smtpUrl: string | undefined; mailFrom: string; publicUrl: string | undefined; timeoutMs: number; leaseMs: number;
    webhookHosts: string[]; webhookInternalHosts: string[];
  };
  clockControl: boolean;
  noDelivery: boolean;
  idProbe: IdProbeBudget;
  passwordRules: PasswordRules;
  /** Roles whose holders must sign in with two factors. */
  twoFactorRoles: readonly Role[];
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable counts as unset (`DATABASE_URL= npm start` means the embedded database).
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = Env.safeParse(set);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    host: e.HOST,
    port: e.PORT,
    dataDir: resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    poolSize: e.DATABASE_POOL_SIZE,
    timeZone: e.TIME_ZONE,
    session: { idleMs: e.SESSION_IDLE_MINUTES * 60_000, absoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000 },
    login: { maxFailures: e.LOGIN_MAX_FAILURES, lockMs: e.LOGIN_LOCK_MINUTES * 60_000, ratePerMinute: e.LOGIN_RATE_PER_MINUTE },
    cookieSecure: e.COOKIE_SECURE,
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    webDist: resolve(e.WEB_DIST ?? new URL('../../../web/dist', import.meta.url).pathname),
    piiKeys: e.PII_KEYS,
    importMaxBytes: e.IMPORT_MAX_MB * 1024 * 1024,
    publicRate: { perAddress: e.PUBLIC_RATE_PER_MINUTE, perSite: e.PUBLIC_SITE_RATE_PER_MINUTE },
    notify: { smtpUrl: e.SMTP_URL, mailFrom: e.MAIL_FROM, publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''), timeoutMs: e.NOTIFY_TIMEOUT_SECONDS * 1000, leaseMs: e.NOTIFY_LEASE_SECONDS * 1000,
      webhookHosts: e.NOTIFY_WEBHOOK_HOSTS, webhookInternalHosts: e.NOTIFY_WEBHOOK_INTERNAL_HOSTS,
    },
    clockControl: e.FANGKONG_CLOCK_CONTROL,
    noDelivery: !e.NOTIFY_WORKER,
    idProbe: { perHour: e.ID_PROBE_PER_HOUR, perDay: e.ID_PROBE_PER_DAY },
    passwordRules: { minLength: e.PASSWORD_MIN_LENGTH, minClasses: e.PASSWORD_MIN_CLASSES, history: e.PASSWORD_HISTORY },
    twoFactorRoles: e.TWO_FACTOR_ROLES,
  };
}
