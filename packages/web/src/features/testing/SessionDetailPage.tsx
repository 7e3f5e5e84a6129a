import { useCallback, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { ArrowLeftOutlined, CheckOutlined, DeleteOutlined, FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import {
  Alert, App, Button, Card, Checkbox, Col, DatePicker, Descriptions, Empty, Flex, Input, Popconfirm, Row, Statistic, Tag, Typography,
} from 'antd';
import type { InputRef, RefSelectProps } from 'antd';
import { type Dayjs } from 'dayjs';
import { useLocation, useNavigate, useParams } from 'react-router';
import { testTimeProblems, type Session, type SessionEntry, type SessionPerson, type TestResult } from '@fangkong/domain';
import type { SessionDetail } from '@fangkong/domain';
import { testingApi } from './api';
import { PageHeader } from '../../components/shared/PageHeader';
import { QueryState } from '../../components/shared/QueryState';
import {
  errorsByRow, RowMessages, RowPersonLink, SaveButton, SaveFailure, SavedAlert, SheetFooter, useLeaveWarning, useRowErrors, useRowFocus,
} from '../../components/shared/entrySheet';
import { errorLine } from '../../components/shared/errorText';
import { fieldMessage } from '../../i18n/zodMessages';
import { useT } from '../../i18n/useT';
import { useCan } from '../auth/currentUser';
import { DownloadButton } from './DownloadButton';
import { DueStatusTag, entryErrorText, listFieldIndex, ResultSelect, ResultTag, SAMPLE_TIME_PICKER, timeText } from './testingUi';
import { useRemoveSessionPerson, useSaveSessionEntries, useSession } from './useTesting';
import { formatAt, today as todayInZone } from '../../components/shared/time';

/** What was changed on a row and not saved yet. */
interface Change {
  attended?: boolean;
  result?: TestResult;
  labRef?: string;
}

interface RowState {
  person: SessionPerson;
  attended: boolean;
  result: TestResult;
  labRef: string;
  changed: boolean;
}

/** A row as shown: the saved values, overlaid with the unsaved changes; attended unless said otherwise. */
function rowState(person: SessionPerson, change: Change | undefined): RowState {
  return {
    person,
    attended: change?.attended ?? person.attended ?? true,
    result: change?.result ?? person.result ?? 'pending',
    labRef: change?.labRef ?? person.labRef ?? '',
    changed: change !== undefined,
  };
}

function Counts({ session }: { session: Session }) {
  const t = useT();
  const c = session.counts;
  const items = [
    { key: 'listed', title: t('testing.session.listed'), value: c.listed },
    { key: 'sampled', title: t('testing.session.sampled'), value: c.sampled, color: '#1677ff' },
    { key: 'absent', title: t('testing.session.absent'), value: c.absent, color: c.absent > 0 ? '#d48806' : undefined },
    { key: 'pending', title: t('testResult.pending'), value: c.pending },
    { key: 'negative', title: t('testResult.negative'), value: c.negative, color: '#389e0d' },
    { key: 'positive', title: t('testResult.positive'), value: c.positive, color: c.positive > 0 ? '#cf1322' : undefined },
    ...(c.invalid > 0 ? [{ key: 'invalid', title: t('testResult.invalid'), value: c.invalid, color: '#d46b08' }] : []),
  ];
  return (
    <Row gutter={[12, 12]} data-testid="session-counts">
      {items.map((i) => (
        <Col key={i.key} xs={8} sm={6} lg={3}>
          <Card size="small" style={{ height: '100%' }} data-count={i.key}>
            <Statistic title={i.title} value={i.value} styles={{ content: i.color ? { color: i.color } : undefined }} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function Info({ session }: { session: Session }) {
  const t = useT();
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, sm: 2, lg: 3 }}
      items={[
        { key: 'date', label: t('testing.field.date'), children: [session.date, session.startTime].filter(Boolean).join(' ') },
        { key: 'point', label: t('testing.field.collectionPoint'), children: session.collectionPoint },
        { key: 'town', label: t('testing.field.town'), children: session.townName },
        { key: 'lab', label: t('testing.field.lab'), children: session.lab ?? t('common.none') },
        { key: 'type', label: t('testing.field.sampleType'), children: t(`sampleType.${session.sampleType}`) },
        { key: 'selection', label: t('testing.session.selection'), children: t(`sessionSelection.${session.selection}`) },
        ...(session.note ? [{ key: 'note', label: t('testing.field.note'), children: session.note }] : []),
        { key: 'by', label: t('testing.col.createdBy'), children: `${session.createdBy ?? ''} ${timeText(session.createdAt, true)}`.trim() },
      ]}
    />
  );
}

/** The sign-in sheet as printed: only this leaves the printer (see styles.css). */
function PrintSheet({ session, people }: SessionDetail) {
  const t = useT();
  return createPortal(
    <div className="fk-print-only fk-print-sheet">
      <h2>{t('testing.print.title', { point: session.collectionPoint })}</h2>
      <p>
        {[
          t('common.labelValue', { label: t('testing.field.date'), value: [session.date, session.startTime].filter(Boolean).join(' ') }),
          t('common.labelValue', { label: t('testing.field.town'), value: session.townName }),
          session.lab ? t('common.labelValue', { label: t('testing.field.lab'), value: session.lab }) : undefined,
          t('common.labelValue', { label: t('testing.field.sampleType'), value: t(`sampleType.${session.sampleType}`) }),
        ].filter(Boolean).join('　')}
      </p>
      <table>
        <thead>
          <tr>
            <th style={{ width: '6%' }}>{t('testing.print.no')}</th>
            <th style={{ width: '20%' }}>{t('people.field.site')}</th>
            <th style={{ width: '12%' }}>{t('people.field.name')}</th>
            <th style={{ width: '14%' }}>{t('testing.col.kindPost')}</th>
            <th style={{ width: '14%' }}>{t('testing.field.labRef')}</th>
            <th style={{ width: '14%' }}>{t('testing.print.time')}</th>
            <th>{t('testing.print.signature')}</th>
          </tr>
        </thead>
        <tbody>
          {people.map((p, i) => (
            <tr key={p.personId}>
              <td>{i + 1}</td>
              <td>{p.siteName}</td>
              <td>{p.name}</td>
              <td>{p.post ?? t(`personKind.${p.kind}`)}</td>
              <td>{p.labRef ?? ''}</td>
              <td>{p.sampledAt ? formatAt(p.sampledAt, 'HH:mm') : ''}</td>
              <td />
            </tr>
          ))}
        </tbody>
      </table>
      <p className="fk-print-foot">{t('testing.print.footer', { count: people.length })}</p>
    </div>,
    document.body,
  );
}

interface SheetProps {
  detail: SessionDetail;
  canWrite: boolean;
  canOrganize: boolean;
}

/** The people of the session by site, with the results entry (attended, result, tube number) and its save footer. */
function SessionSheet({ detail, canWrite, canOrganize }: SheetProps) {
  const t = useT();
  const { message } = App.useApp();
  const { session, people } = detail;
  const save = useSaveSessionEntries(session.id);
  const remove = useRemoveSessionPerson(session.id);
  const [changes, setChanges] = useState<Readonly<Record<string, Change>>>({});
  const [sampledAt, setSampledAt] = useState<Dayjs | null>(null);
  const { errors, setErrors, clearRow } = useRowErrors();
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [today] = useState(todayInZone);
  const saveRef = useRef<HTMLButtonElement>(null);
  // Two fields a row are typed down the list: the result, and the tube number (a barcode scanner ends each with Enter).
  const selects = useRowFocus<RefSelectProps>(people.length, saveRef);
  const tubes = useRowFocus<InputRef>(people.length, saveRef);

  const rows = useMemo(() => people.map((p) => rowState(p, changes[p.personId])), [people, changes]);
  const index = useMemo(() => new Map(rows.map((r, i) => [r.person.personId, i])), [rows]);
  const bySite = useMemo(() => {
    const groups = session.sites.map((s) => ({ id: s.id, name: s.name, rows: rows.filter((r) => r.person.siteId === s.id) }));
    // People of a site no longer listed in the session (moved since) still show, under their own site.
    const known = new Set(session.sites.map((s) => s.id));
    for (const r of rows) {
      if (known.has(r.person.siteId)) continue;
      known.add(r.person.siteId);
      groups.push({ id: r.person.siteId, name: r.person.siteName, rows: rows.filter((x) => x.person.siteId === r.person.siteId) });
    }
    return groups.filter((g) => g.rows.length > 0);
  }, [session.sites, rows]);
  const changedCount = rows.filter((r) => r.changed).length;
  const fillable = rows.filter((r) => r.attended && r.result === 'pending').length;
  const timeProblem = sampledAt ? testTimeProblems({ sampledAt: sampledAt.format() }, new Date())[0] : undefined;

  // Typed values are lost when the page is left; the browser asks first.
  useLeaveWarning(changedCount > 0);

  const change = useCallback((personId: string, patch: Change) => {
    setChanges((prev) => ({ ...prev, [personId]: { ...prev[personId], ...patch } }));
    clearRow(personId);
    setSaved(false);
  }, [clearRow]);

  const allNegative = () => {
    setChanges((prev) => {
      const next = { ...prev };
      for (const r of rows) if (r.attended && r.result === 'pending') next[r.person.personId] = { ...prev[r.person.personId], result: 'negative' };
      return next;
    });
    setSaved(false);
    saveRef.current?.focus();
  };

  const submit = () => {
    if (timeProblem) {
      void message.error(fieldMessage('test.sample_future'));
      return;
    }
    const at = sampledAt ? sampledAt.second(0).millisecond(0).format() : undefined;
    const entries: SessionEntry[] = rows.map((r) => {
      const labRef = r.labRef.trim();
      // A sample already taken keeps its time; a new one takes the time given here, else the session's.
      const time = r.person.sampledAt ?? at;
      return {
        personId: r.person.personId,
        attended: r.attended,
        result: r.attended ? r.result : 'pending',
        ...(r.attended && labRef ? { labRef } : {}),
        ...(r.attended && time ? { sampledAt: time } : {}),
      };
    });
    const sent = entries.map((e) => e.personId);
    setFailure(null);
    setSaved(false);
    save.mutate({ entries }, {
      onSuccess: () => {
        setChanges({});
        setErrors({});
        setSaved(true);
      },
      onError: (e) => {
        const byPerson = errorsByRow(e, sent, (path) => listFieldIndex(path, 'entries'), (m, field) => entryErrorText(m, field, t));
        setErrors(byPerson);
        setFailure(e);
        const first = rows.findIndex((r) => r.person.personId in byPerson);
        if (first >= 0) selects.focus(first);
      },
    });
  };

  const onRemove = (p: SessionPerson) => {
    remove.mutate(p.personId, {
      onSuccess: () => void message.success(t('testing.session.removed', { name: p.name })),
      onError: (e) => void message.error(errorLine(e, t)),
    });
  };

  const badCount = Object.keys(errors).length;

  return (
    <>
      {session.date > today && canWrite && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('testing.session.notYet', { date: session.date })} />}
      {saved && (
        <SavedAlert
          title={t('testing.session.saved', { sampled: session.counts.sampled, absent: session.counts.absent })}
          warning={session.counts.positive > 0 ? t('testing.session.positiveSaved', { count: session.counts.positive }) : null}
          alertsTo="/alerts"
          onClose={() => setSaved(false)}
          data-testid="session-saved"
        />
      )}
      <SaveFailure failure={failure} refusedRows={badCount} networkHint={t('testing.session.networkRetry')} data-testid="session-error" />
      {canWrite && rows.length > 0 && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Flex gap={12} wrap align="center">
            <Typography.Text>{t('testing.session.sampledAtAll')}</Typography.Text>
            <DatePicker
              {...SAMPLE_TIME_PICKER}
              inputReadOnly
              value={sampledAt}
              placeholder={t('testing.session.sampledAtDefault')}
              status={timeProblem ? 'error' : undefined}
              onChange={(d) => setSampledAt(d)}
            />
            <Typography.Text type="secondary">{t('testing.keyboardHintSession')}</Typography.Text>
          </Flex>
        </Card>
      )}
      {rows.length === 0
        ? <Card><Empty description={t('testing.session.nobody')} /></Card>
        : (
          <Flex vertical gap={12}>
            {bySite.map((g) => (
              <div key={g.id} className="fk-round-list" data-testid="session-site" data-site-name={g.name}>
                <div className="fk-session-site">
                  <Typography.Text strong>{g.name}</Typography.Text>
                  <Typography.Text type="secondary">{t('people.total', { count: g.rows.length })}</Typography.Text>
                </div>
                {g.rows.map((r) => {
                  const i = index.get(r.person.personId) ?? 0;
                  const rowErrors = errors[r.person.personId];
                  const classes = [
                    'fk-round-row',
                    r.changed ? 'fk-round-pending' : '',
                    r.result === 'positive' && r.attended ? 'fk-round-fever' : '',
                    rowErrors ? 'fk-round-error' : '',
                    !r.attended ? 'fk-session-absent' : '',
                  ].filter(Boolean).join(' ');
                  return (
                    <div key={r.person.personId} className={classes} data-testid="session-row" data-person-name={r.person.name}>
                      <div className="fk-round-who">
                        <Flex gap={6} align="center" wrap>
                          <RowPersonLink personId={r.person.personId} name={r.person.name} />
                          <Typography.Text type="secondary">{r.person.post ?? t(`personKind.${r.person.kind}`)}</Typography.Text>
                          <DueStatusTag status={r.person.status} daysOverdue={r.person.daysOverdue} />
                          {r.person.testId && r.person.sampledAt && (
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('testing.session.sampledAtRow', { at: timeText(r.person.sampledAt) })}</Typography.Text>
                          )}
                        </Flex>
                        <RowMessages messages={rowErrors} />
                      </div>
                      <div className="fk-session-entry">
                        {canWrite
                          ? (
                            <>
                              <Checkbox
                                checked={r.attended}
                                onChange={(e) => change(r.person.personId, { attended: e.target.checked })}
                                disabled={save.isPending}
                                data-testid="session-attended"
                              >
                                {t('testing.session.attended')}
                              </Checkbox>
                              <ResultSelect
                                value={r.attended ? r.result : undefined}
                                onChange={(v) => change(r.person.personId, { result: v ?? 'pending' })}
                                allowEmpty={!r.attended}
                                emptyLabel={t('testing.session.absent')}
                                onMove={(back) => selects.move(i, back)}
                                selectRef={(el) => selects.register(i, el)}
                                disabled={!r.attended || save.isPending}
                                status={rowErrors ? 'error' : undefined}
                                aria-label={t('testing.resultFor', { name: r.person.name })}
                                data-testid="session-result"
                              />
                              <Input
                                ref={(el) => tubes.register(i, el)}
                                value={r.labRef}
                                onChange={(e) => change(r.person.personId, { labRef: e.target.value })}
                                onKeyDown={(e) => tubes.onKey(i, e)}
                                disabled={!r.attended || save.isPending}
                                placeholder={t('testing.field.labRef')}
                                aria-label={t('testing.tubeFor', { name: r.person.name })}
                                maxLength={50}
                                autoComplete="off"
                                enterKeyHint="next"
                                style={{ width: 116, fontFamily: 'monospace' }}
                                data-testid="session-tube"
                              />
                            </>
                          )
                          : (
                            <Flex gap={6} align="center" wrap>
                              {r.person.attended === false
                                ? <Tag style={{ marginInlineEnd: 0 }}>{t('testing.session.absent')}</Tag>
                                : r.person.result ? <ResultTag result={r.person.result} /> : <Tag style={{ marginInlineEnd: 0 }}>{t('testing.session.notEntered')}</Tag>}
                              {r.person.labRef && <Typography.Text style={{ fontFamily: 'monospace' }}>{r.person.labRef}</Typography.Text>}
                            </Flex>
                          )}
                        {canOrganize && (
                          <Popconfirm
                            title={t('testing.session.removeConfirm', { name: r.person.name })}
                            onConfirm={() => onRemove(r.person)}
                            okText={t('testing.session.remove')}
                            cancelText={t('common.cancel')}
                            disabled={r.person.testId !== null}
                          >
                            <Button
                              type="text"
                              size="small"
                              icon={<DeleteOutlined />}
                              disabled={r.person.testId !== null || remove.isPending}
                              aria-label={t('testing.session.removeFor', { name: r.person.name })}
                              title={r.person.testId !== null ? t('testing.session.cannotRemove') : t('testing.session.remove')}
                              data-testid="session-remove"
                            />
                          </Popconfirm>
                        )}
                      </div>
                    </div>
                  );
                })}
              </div>
            ))}
          </Flex>
        )}
      {canWrite && rows.length > 0 && (
        <SheetFooter
          stats={(
            <>
              <Statistic title={t('testing.session.attendedNow')} value={rows.filter((r) => r.attended).length} suffix={`/ ${rows.length}`} />
              <Statistic title={t('round.pending')} value={changedCount} styles={{ content: { color: changedCount > 0 ? '#1677ff' : undefined } }} />
            </>
          )}
        >
          <Flex gap={8} wrap>
            <Button icon={<CheckOutlined />} onClick={allNegative} disabled={fillable === 0 || save.isPending} data-testid="session-all-negative">
              {t('testing.session.allNegative', { count: fillable })}
            </Button>
            <SaveButton ref={saveRef} saving={save.isPending} onClick={submit} data-testid="session-save">
              {t('testing.session.save')}
            </SaveButton>
          </Flex>
        </SheetFooter>
      )}
    </>
  );
}

function SessionView({ detail }: { detail: SessionDetail }) {
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const canWrite = useCan('testing.write');
  const canOrganize = useCan('testing.organize');
  const { session } = detail;
  return (
    <>
      <PageHeader
        title={t('testing.session.title', { point: session.collectionPoint, date: session.date })}
        extra={(
          <>
            <DownloadButton
              icon={<FileExcelOutlined />}
              job={() => testingApi.exportSessionSheet(session.id, `${t('testing.print.fileName')}-${session.date}.xlsx`)}
              data-testid="session-export"
            >
              {t('testing.session.exportSheet')}
            </DownloadButton>
            <Button icon={<PrinterOutlined />} onClick={() => window.print()} disabled={detail.people.length === 0} data-testid="session-print">
              {t('testing.session.print')}
            </Button>
            <Button icon={<ArrowLeftOutlined />} onClick={() => void (location.key === 'default' ? navigate('/testing/sessions') : navigate(-1))}>
              {t('common.back')}
            </Button>
          </>
        )}
      />
      <Flex vertical gap={16}>
        <Info session={session} />
        <Counts session={session} />
        <SessionSheet detail={detail} canWrite={canWrite} canOrganize={canOrganize} />
      </Flex>
      <PrintSheet session={session} people={detail.people} />
    </>
  );
}

/** One sampling session: its list by site, the results entry, the sign-in sheet to export or print. */
export function SessionDetailPage() {
  const { id = '' } = useParams();
  const session = useSession(id);
  return <QueryState query={session}>{(detail) => <SessionView key={id} detail={detail} />}</QueryState>;
}
