import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * Personal data at rest. Each master key (32 random bytes) has an id; from it HKDF derives an
 * AES-256-GCM key for the values and an HMAC key for the look-up hash (a blind index), so that
 * "is this ID number registered?" is answered without decrypting anything. A stored value
 * names the key that sealed it, so a rotation can re-encrypt row by row.
 */

interface DerivedKey {
  enc: Buffer;
  mac: Buffer;
}

export class KeyringError extends Error {}

export class Keyring {
  private readonly derived = new Map<string, DerivedKey>();

  constructor(readonly currentId: string, masters: ReadonlyMap<string, Buffer>) {
    for (const [id, master] of masters) {
      if (master.length !== 32) throw new KeyringError(`PII key "${id}" must be 32 bytes (base64 of 32 random bytes)`);
      if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) throw new KeyringError(`PII key id "${id}" must be letters, digits, - or _`);
      this.derived.set(id, {
        enc: Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'fangkong-pii-enc', 32)),
        mac: Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'fangkong-pii-index', 32)),
      });
    }
    if (!this.derived.has(currentId)) throw new KeyringError(`the current PII key "${currentId}" is not in the keyring`);
  }

  private key(id: string): DerivedKey {
    const k = this.derived.get(id);
    if (!k) throw new KeyringError(`no PII key "${id}" in the keyring: was a key removed before its rows were re-encrypted?`);
    return k;
  }

  /** `v1.<key id>.<base64 of iv | tag | ciphertext>` */
  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key(this.currentId).enc, iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `v1.${this.currentId}.${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64')}`;
  }

  open(sealed: string): string {
    const [version, keyId, data] = sealed.split('.');
    if (version !== 'v1' || !keyId || !data) throw new KeyringError('not a sealed value');
    const raw = Buffer.from(data, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key(keyId).enc, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  /** Whether a sealed value was sealed with an older key. */
  isStale(sealed: string): boolean {
    return !sealed.startsWith(`v1.${this.currentId}.`);
  }

  /** The blind index of a value under the current key. */
  hash(plain: string): string {
    return createHmac('sha256', this.key(this.currentId).mac).update(plain).digest('base64url');
  }
}

/** `PII_KEYS="id1:base64,id0:base64"`: the first is current, the others only decrypt. */
export function keyringFromEnv(value: string): Keyring {
  const entries = value.split(',').map((s) => s.trim()).filter(Boolean).map((entry) => {
    const [id, b64] = entry.split(':');
    if (!id || !b64) throw new KeyringError('PII_KEYS must look like "id:base64key[,id:base64key…]"');
    return [id, Buffer.from(b64, 'base64')] as const;
  });
  const first = entries[0];
  if (!first) throw new KeyringError('PII_KEYS is empty');
  return new Keyring(first[0], new Map(entries));
}

interface KeyFile {
  current: string;
  keys: Record<string, string>;
}

export const KEY_FILE = 'pii-keys.json';

export function newKeyId(): string {
  return `k${new Date().toISOString().slice(0, 10).replace(/-/g, '')}${randomBytes(3).toString('hex')}`;
}

function writeKeyFile(path: string, file: KeyFile): void {
  // Written aside and renamed, so that a crash never leaves half a keyring.
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, JSON.stringify(file, null, 2), { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

function readKeyFile(path: string): KeyFile {
  const file = JSON.parse(readFileSync(path, 'utf8')) as KeyFile;
  if (typeof file.current !== 'string' || typeof file.keys !== 'object') throw new KeyringError(`${path} is not a keyring`);
  return file;
}

function fromFile(file: KeyFile): Keyring {
  return new Keyring(file.current, new Map(Object.entries(file.keys).map(([id, b64]) => [id, Buffer.from(b64, 'base64')])));
}

/** The embedded mode's keyring: created once in the data folder, readable by its owner only. */
export function keyringFromDataDir(dataDir: string): Keyring {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, KEY_FILE);
  if (!existsSync(path)) {
    const id = newKeyId();
    writeKeyFile(path, { current: id, keys: { [id]: randomBytes(32).toString('base64') } });
  }
  return fromFile(readKeyFile(path));
}

/** Adds a new current key to the data folder's keyring; the old ones stay until re-encryption is done. */
export function addKeyToDataDir(dataDir: string): Keyring {
  const path = join(dataDir, KEY_FILE);
  const file = readKeyFile(path);
  const id = newKeyId();
  writeKeyFile(path, { current: id, keys: { ...file.keys, [id]: randomBytes(32).toString('base64') } });
  return fromFile(readKeyFile(path));
}

/** Drops every key but the current one (after a completed re-encryption). */
export function pruneDataDirKeys(dataDir: string): void {
  const path = join(dataDir, KEY_FILE);
  const file = readKeyFile(path);
  const current = file.keys[file.current];
  if (!current) throw new KeyringError('the current key is missing');
  writeKeyFile(path, { current: file.current, keys: { [file.current]: current } });
}
