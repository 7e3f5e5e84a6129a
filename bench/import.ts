/*
 * Roster import at the size the issue names: 10,000 rows from one .xlsx, through the HTTP API
 * (parse, validate, encrypt, check duplicates, insert in one transaction), against a raw
 * multi-row INSERT of the same rows into the same table in the same run. Issue target: under 5 s.
 */
import ExcelJS from 'exceljs';
import { ROSTER_TEMPLATE_HEADERS } from '@fangkong/domain';
import { syntheticId as id, type BenchEnv } from './setup.js';
import { RssSampler, round, timed, type Figure } from './lib.js';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈';
const GIVEN = '秀英桂兰玉兰凤英建国建华志强明华丽娟德明福生金花淑珍海燕永福国庆振华春梅秋菊文杰';

export async function rosterXlsx(n: number, offset: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  ws.addRow([...ROSTER_TEMPLATE_HEADERS]);
  for (let i = 0; i < n; i++) {
    const k = i + offset;
    const name = `${SURNAMES[k % SURNAMES.length]}${GIVEN[(k * 7) % GIVEN.length]}${GIVEN[(k * 13) % GIVEN.length]}`;
    ws.addRow([name, '', '', id(k), `138${String(k).padStart(8, '0')}`, k % 10 === 0 ? '工作人员' : '老人', '', `${100 + (k % 300)}`, '', '在院', '2023-01-01', '', '', '']);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function rosterImport(env: BenchEnv, o: { rows: number }): Promise<Figure[]> {
  const { app, database, keyring, site, site2, cookie } = env;
  const ROWS = o.rows;
  const file = await rosterXlsx(ROWS, 2_000_000);
  const rss = new RssSampler().start();
  const call = (mode: string) => app.inject({
    method: 'POST', url: `/api/people/import?siteId=${site}&mode=${mode}&onlyValid=false&filename=roster.xlsx`,
    headers: { cookie, 'content-type': 'application/octet-stream' }, payload: file,
  });
  const [preview, previewMs] = await timed(() => call('preview'));
  const [commit, commitMs] = await timed(() => call('commit'));
  const peakMb = rss.stop();
  if (preview.statusCode !== 200 || commit.statusCode !== 200) throw new Error(`import failed: ${preview.statusCode} ${commit.body.slice(0, 500)}`);

  // Baseline: the same number of rows, already sealed, in 500-row multi-row INSERTs, one transaction.
  const [, rawMs] = await timed(async () => {
    const client = await database.pool.connect();
    try {
      await client.query('begin');
      for (let i = 0; i < ROWS; i += 500) {
        const values: unknown[] = [];
        const tuples: string[] = [];
        for (let j = i; j < Math.min(ROWS, i + 500); j++) {
          const n = values.length;
          const v = id(j + 3_000_000);
          values.push(site2, env.path(site2), 'resident', `姓名${j}`, 'xm', keyring.seal(v), keyring.hash(v), v.slice(-4), keyring.seal('13800000000'));
          tuples.push(`($${n + 1},$${n + 2},$${n + 3},$${n + 4},$${n + 5},$${n + 6},$${n + 7},$${n + 8},$${n + 9})`);
        }
        await client.query(`insert into people (site_id, org_path, kind, name, name_initials, id_enc, id_hash, id_last4, phone_enc) values ${tuples.join(',')}`, values);
      }
      await client.query('commit');
    } finally {
      client.release();
    }
  });
  return [
    { key: 'import.preview', label: `${ROWS}-row roster (.xlsx, ${round(file.length / 1024)} KB): preview`, value: round(previewMs / 1000, 2), unit: 's' },
    { key: 'import.commit', label: 'commit (parse, check, seal, de-duplicate, insert)', value: round(commitMs / 1000, 2), unit: 's', target: { op: '<', value: 5 } },
    { key: 'import.raw', label: 'raw INSERT of as many pre-sealed rows', value: round(rawMs / 1000, 2), unit: 's' },
    // The server's own memory is measured in a process of its own (server.ts); this one also holds the client and other databases.
    { key: 'import.rss', label: 'bench process RSS at peak during the import (client, server and databases together)', value: peakMb, unit: 'MB' },
  ];
}
