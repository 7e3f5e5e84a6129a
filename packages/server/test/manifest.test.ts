import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin?: Record<string, string>; exports?: unknown; main?: string };

describe('the server package\'s manifest', () => {
  it('points only at files that exist', () => {
    const targets = [...Object.values(manifest.bin ?? {}), ...(manifest.main ? [manifest.main] : [])];
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) expect(existsSync(join(root, target)), target).toBe(true);
    expect(manifest.exports).toBeUndefined();
  });

  it('its fangkong command runs the CLI', () => {
    const bin = manifest.bin?.fangkong ?? '';
    const run = spawnSync(process.execPath, [join(root, bin), '--help'], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('fangkong <command>');
  });
});
