import { useMemo } from 'react';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Empty, Flex, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { addDays, HALL_DAYS_MAX, type Disinfection, type HallDay, type HallDays } from '@fangkong/domain';
import { ErrorResult } from '../../components/shared/ErrorResult';
import { PageHeader } from '../../components/shared/PageHeader';
import { PrintOnly } from '../../components/shared/PrintOnly';
import { afterToday, nowInZone, today } from '../../components/shared/time';
import { useUrlFilters } from '../../components/shared/useUrlParams';
import { useT } from '../../i18n/useT';
import { at, disinfectionColumns, FuneralSitePicker, useFuneralSite } from './funeralUi';
import { usePrintSheet } from './RegisterLinkCard';
import { useDisinfections, useHallDays } from './useFuneral';
import './funeral.css';

type T = ReturnType<typeof useT>;

/** The days of the register as rows (newest first), each with its halls' cells by hall id. */
interface DayRow {
  day: string;
  cells: Map<string, HallDay>;
}

function gridOf(r: HallDays): { halls: { id: string; name: string }[]; rows: DayRow[] } {
  const halls = new Map<string, string>();
  const rows = new Map<string, DayRow>();
  for (const d of r.days) {
    halls.set(d.hallId, d.hallName);
    let row = rows.get(d.day);
    if (!row) rows.set(d.day, (row = { day: d.day, cells: new Map() }));
    row.cells.set(d.hallId, d);
  }
  const byName = [...halls].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  return { halls: byName, rows: [...rows.values()] };
}

/** A cell's words: "2/2", "1/2 short" (or "due" today), "—" not in use; finals after. */
function cellText(d: HallDay, t: T): string {
  const routine = !d.inUse ? '—'
    : `${d.routine}/${d.required}${d.state === 'missed' ? ` ${t('funeral.hallDays.short')}` : d.state === 'due' ? ` ${t('funeral.disinfection.due')}` : ''}`;
  return d.finals > 0 ? `${routine} · ${t('funeral.hallDays.finals', { count: d.finals })}` : routine;
}

const CELL_COLOR = { ok: 'green', due: 'gold', missed: 'red', not_in_use: undefined } as const;

function DayCell({ d }: { d: HallDay | undefined }) {
  const t = useT();
  if (!d) return null;
  return (
    <Flex gap={4} wrap align="center" data-testid="hall-day" data-day={d.day} data-hall-name={d.hallName} data-state={d.state}>
      {d.inUse
        ? (
          <Tag color={CELL_COLOR[d.state]} className="fk-num" style={{ marginInlineEnd: 0 }}>
            {d.routine}/{d.required}
            {d.state === 'missed' && ` ${t('funeral.hallDays.short')}`}
            {d.state === 'due' && ` ${t('funeral.disinfection.due')}`}
          </Tag>
        )
        : <Typography.Text type="secondary" title={t('funeral.hallDays.notInUse')} aria-label={t('funeral.hallDays.notInUse')}>—</Typography.Text>}
      {d.finals > 0 && <Tag color="purple" style={{ marginInlineEnd: 0 }} data-testid="hall-day-final">{t('funeral.hallDays.finals', { count: d.finals })}</Tag>}
    </Flex>
  );
}

function Summary({ r }: { r: HallDays }) {
  const t = useT();
  return (
    <Flex vertical gap={2} data-testid="hall-days-summary" data-missed={r.missed}>
      <Typography.Text strong type={r.missed > 0 ? 'danger' : 'success'}>
        {r.missed > 0 ? t('funeral.hallDays.missed', { count: r.missed }) : t('funeral.hallDays.noneMissed')}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('funeral.hallDays.rule', { required: r.required })} · {t('funeral.hallDays.legend')}</Typography.Text>
    </Flex>
  );
}

function DaysGrid({ r }: { r: HallDays }) {
  const t = useT();
  const { halls, rows } = useMemo(() => gridOf(r), [r]);
  const now = today();
  const columns: TableColumnsType<DayRow> = [
    {
      title: t('funeral.hallDays.day'), dataIndex: 'day', width: 110, fixed: 'left',
      render: (_: unknown, row) => <span className="fk-num" style={row.day === now ? { fontWeight: 600 } : undefined}>{row.day}</span>,
    },
    ...halls.map((h) => ({ title: h.name, key: h.id, width: 150, render: (_: unknown, row: DayRow) => <DayCell d={row.cells.get(h.id)} /> })),
  ];
  return (
    <Table<DayRow>
      rowKey="day"
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 110 + 150 * halls.length }}
      locale={{ emptyText: <Empty description={halls.length === 0 && r.days.length === 0 ? t('funeral.hallDays.noDays') : t('funeral.halls.none')} /> }}
      data-testid="hall-days-grid"
    />
  );
}

/** The register on paper for an inspection: the day-by-hall table, the summary, then every disinfection. */
function RegisterSheet({ r, list, printedAt }: { r: HallDays; list: readonly Disinfection[]; printedAt: string }) {
  const t = useT();
  const { halls, rows } = gridOf(r);
  return (
    <>
      <h2>{t('funeral.hallDays.sheetTitle', { site: r.siteName })}</h2>
      <p>
        {t('funeral.hallDays.sheetPeriod', { from: r.from, to: r.to })} · {r.missed > 0 ? t('funeral.hallDays.missed', { count: r.missed }) : t('funeral.hallDays.noneMissed')}
        <br />
        {t('funeral.hallDays.rule', { required: r.required })} · {t('funeral.hallDays.legend')}
      </p>
      <table>
        <thead><tr><th>{t('funeral.hallDays.day')}</th>{halls.map((h) => <th key={h.id}>{h.name}</th>)}</tr></thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.day}>
              <td>{row.day}</td>
              {halls.map((h) => {
                const d = row.cells.get(h.id);
                return <td key={h.id} style={d?.state === 'missed' ? { fontWeight: 700 } : undefined}>{d ? cellText(d, t) : ''}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="fk-print-section">{t('funeral.hallDays.list', { count: list.length })}</h3>
      <table>
        <thead>
          <tr>
            <th>{t('funeral.disinfection.at')}</th><th>{t('funeral.field.hall')}</th><th>{t('funeral.disinfection.kind')}</th>
            <th>{t('funeral.disinfection.agent')}</th><th>{t('funeral.disinfection.place')}</th><th>{t('funeral.disinfection.by')}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((d) => (
            <tr key={d.id}>
              <td>{at(d.at)}</td><td>{d.hallName}</td><td>{t(`funeral.disinfectionKind.${d.kind}`)}</td><td>{d.agent}</td><td>{d.place}</td><td>{d.byName}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="fk-print-foot">{t('funeral.register.printedAt', { at: printedAt })}</p>
    </>
  );
}

/** The period of the URL, else the last 7 days to today. */
function usePeriod() {
  const { params, update } = useUrlFilters();
  const to = params.get('to') || today();
  const from = params.get('from') || addDays(to, -6);
  return { from, to, set: (f: string | undefined, t: string | undefined) => update({ from: f, to: t }) };
}

/** `/funeral/disinfections`: the halls' disinfection register (消杀记录) of a site over a period, for the site and an inspection (R8.2). */
export function FuneralDisinfectionRegisterPage() {
  const t = useT();
  const site = useFuneralSite();
  const period = usePeriod();
  const query = site.siteId ? { siteId: site.siteId, from: period.from, to: period.to } : undefined;
  const register = useHallDays(query);
  const list = useDisinfections(query);
  const { sheet, print } = usePrintSheet();
  const r = register.data && register.data.siteId === site.siteId ? register.data : undefined;
  const q = site.siteId ? `?siteId=${encodeURIComponent(site.siteId)}` : '';
  const rows = list.data ?? [];

  return (
    <>
      <PageHeader
        title={t('funeral.hallDays.title')}
        extra={(
          <>
            <Button
              icon={<PrinterOutlined />}
              disabled={!r || !list.data}
              onClick={() => r && print(<PrintOnly><RegisterSheet r={r} list={rows} printedAt={nowInZone().format('YYYY-MM-DD HH:mm')} /></PrintOnly>)}
              data-testid="print-hall-days"
            >
              {t('funeral.hallDays.print')}
            </Button>
            <Link to={`/funeral${q}`}><Button icon={<ArrowLeftOutlined />}>{t('nav.funeralToday')}</Button></Link>
          </>
        )}
      >
        <Flex gap={12} wrap align="center" style={{ marginTop: 12 }}>
          <FuneralSitePicker state={site} />
          <DatePicker.RangePicker
            value={[dayjs(period.from), dayjs(period.to)]}
            aria-label={t('funeral.hallDays.period')}
            allowClear={false}
            inputReadOnly
            // The register has nothing to say of days to come, and answers two months at most.
            disabledDate={(d, info) => afterToday(d) || (info.from !== undefined && Math.abs(d.diff(info.from, 'day')) >= HALL_DAYS_MAX)}
            onChange={(v) => period.set(v?.[0]?.format('YYYY-MM-DD'), v?.[1]?.format('YYYY-MM-DD'))}
            data-testid="hall-days-period"
          />
        </Flex>
      </PageHeader>
      {site.siteId === undefined
        ? <Card><Empty description={site.sites.length === 0 && !site.loading ? t('funeral.noSites') : t('round.chooseSite')} /></Card>
        : register.isError && !r
          ? <ErrorResult error={register.error} onRetry={() => void register.refetch()} />
          : !r ? <Card loading /> : (
            <Flex vertical gap={16}>
              <Card size="small" title={t('funeral.hallDays.grid')}>
                <Flex vertical gap={12}>
                  <Summary r={r} />
                  <DaysGrid r={r} />
                </Flex>
              </Card>
              <Card size="small" title={t('funeral.hallDays.list', { count: rows.length })}>
                {list.isError ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} /> : (
                  <Table<Disinfection>
                    rowKey="id"
                    size="small"
                    loading={list.isPending}
                    columns={disinfectionColumns(t, { withHall: true })}
                    dataSource={rows}
                    pagination={{ defaultPageSize: 50, hideOnSinglePage: true }}
                    scroll={{ x: 770 }}
                    locale={{ emptyText: <Empty description={t('funeral.hallDays.noDisinfections')} /> }}
                    onRow={() => ({ 'data-testid': 'hall-days-disinfection' }) as React.HTMLAttributes<HTMLElement>}
                  />
                )}
              </Card>
            </Flex>
          )}
      {sheet}
    </>
  );
}
