import { describe, expect, it } from 'vitest';
import { detailLines, type DetailWords } from './auditDetail';

const words: DetailWords = {
  key: (k) => ({ added: '授予', removed: '撤销', reason: '原因', fields: '修改' } as Record<string, string>)[k],
  role: (r) => ({ site_staff: '场所工作人员', site_manager: '场所负责人' } as Record<string, string>)[r] ?? r,
  node: (id) => (id === 'n1' ? '城关敬老院' : undefined),
  code: (v) => ({ person_left: '人员离开机构', displayName: '姓名' } as Record<string, string>)[v],
};

describe('an audit entry\'s detail in words', () => {
  it('names the roles added and removed, with their nodes', () => {
    expect(detailLines({ added: [{ role: 'site_staff', nodeId: 'n1' }], removed: [{ role: 'site_manager', nodeId: 'n2' }] }, words)).toEqual([
      { key: 'added', label: '授予', value: '场所工作人员 · 城关敬老院' },
      // A node the reader cannot see keeps its id.
      { key: 'removed', label: '撤销', value: '场所负责人 · n2' },
    ]);
  });

  it('names a reason and the fields changed; the rest stays as recorded', () => {
    expect(detailLines({ reason: 'person_left', fields: ['displayName', 'phone'], count: 3, empty: [] }, words)).toEqual([
      { key: 'reason', label: '原因', value: '人员离开机构' },
      { key: 'fields', label: '修改', value: '姓名, phone' },
      { key: 'count', label: 'count', value: '3' },
      { key: 'empty', label: 'empty', value: '—' },
    ]);
  });

  it('writes other records as key: value', () => {
    expect(detailLines({ from: { level: 'high', note: null } }, words)).toEqual([{ key: 'from', label: 'from', value: 'level: high; note: —' }]);
  });
});
