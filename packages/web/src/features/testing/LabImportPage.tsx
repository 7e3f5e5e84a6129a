import { useState } from 'react';
import { ArrowLeftOutlined, FileExcelOutlined, InboxOutlined } from '@ant-design/icons';
import {
  Alert, App, Button, Card, Col, Empty, Flex, List, Progress, Radio, Result, Row, Space, Spin, Statistic, Steps, Switch, Table, Tag,
  Typography, Upload,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useNavigate } from 'react-router';
import type { ImportMatch, LabImport, LabImportRow } from '@fangkong/domain';
import { endpoints } from '../../api/endpoints';
import { isApiError } from '../../api/client';
import { errorText, serverDetail } from '../../components/shared/errorText';
import { PageHeader } from '../../components/shared/PageHeader';
import type { Translate } from '../../i18n/context';
import { fieldMessage } from '../../i18n/zodMessages';
import { useT } from '../../i18n/useT';
import { PersonPicker } from './PersonPicker';
import { ResultTag, testingFieldLabel, timeText } from './testingUi';
import { useDownload } from './useDownload';
import { useLabImportCommit, useLabImportPreview } from './useTesting';

/** The server's default limit (IMPORT_MAX_MB); checked here so that a large file is not sent in vain. */
const MAX_MB = 10;
const EXTENSIONS = ['.xlsx', '.csv'] as const;

type Step = 'file' | 'preview' | 'commit';
const STEPS: readonly Step[] = ['file', 'preview', 'commit'];

const MATCH_COLORS: Record<ImportMatch, string> = { id: 'green', name_phone: 'cyan', manual: 'blue', none: 'red' };
const ACTION_COLORS: Record<LabImportRow['action'], string | undefined> = { create: 'green', update: 'blue', unchanged: undefined, skip: 'orange' };

/** A person chosen by hand for a row that matched nobody. */
interface Chosen {
  personId: string;
  label: string | undefined;
}

/** Whether an error of a row is only that it matched nobody (a hand-picked person resolves it). */
const isMatchError = (e: { path: string; message: string }) => e.message === 'test.person_unmatched' || /(^|\.)person(Id)?$/.test(e.path);

/** A row that cannot be imported as it is: unmatched and not chosen by hand, or wrong in another way. */
function unresolvedRow(r: LabImportRow, matches: Readonly<Record<number, Chosen>>): boolean {
  return (r.match === 'none' && !matches[r.row]) || r.errors.some((e) => !isMatchError(e));
}

/** How many rows an import of the good rows only would record. */
function importableRows(preview: LabImport, matches: Readonly<Record<number, Chosen>>): number {
  // An unmatched row is "skip" in the preview; a person chosen for it makes it a record after all.
  return preview.rows.filter((r) => !unresolvedRow(r, matches) && (r.action !== 'skip' || (r.match === 'none' && matches[r.row] !== undefined))).length;
}

/** "row 7.person" (or "body.row 7.person") as "Row 7 · Person". */
function rowErrorLabel(path: string, t: Translate): string {
  const m = /(?:^|\.)row\s*(\d+)(?:\.(.+))?$/i.exec(path);
  if (!m) return testingFieldLabel(path, t);
  const row = t('import.rowLabel', { row: m[1] ?? '' });
  return m[2] ? `${row} · ${testingFieldLabel(m[2], t)}` : row;
}

function fileProblem(file: File, t: Translate): string | null {
  const name = file.name.toLowerCase();
  if (!EXTENSIONS.some((e) => name.endsWith(e))) return t('import.badType');
  if (file.size > MAX_MB * 1024 * 1024) return t('import.tooLarge', { mb: MAX_MB });
  return null;
}

function ServerFailure({ error, title }: { error: unknown; title: string }) {
  const t = useT();
  const fields = isApiError(error) ? error.fields : [];
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      data-testid="lab-import-error"
      description={(
        <Flex vertical gap={8}>
          <span>{[errorText(error, t), serverDetail(error)].filter(Boolean).join(' · ')}</span>
          {fields.length > 0 && (
            <List
              size="small"
              bordered
              style={{ maxHeight: 320, overflow: 'auto', background: '#fff' }}
              dataSource={[...fields]}
              renderItem={(f) => (
                <List.Item>
                  <Typography.Text strong>{rowErrorLabel(f.path, t)}</Typography.Text>
                  <Typography.Text type="danger" style={{ marginLeft: 8 }}>{fieldMessage(f.message)}</Typography.Text>
                </List.Item>
              )}
            />
          )}
        </Flex>
      )}
    />
  );
}

function PreviewView({ preview, matches, setMatch, onlyValid, setOnlyValid }: {
  preview: LabImport;
  matches: Readonly<Record<number, Chosen>>;
  setMatch: (row: number, chosen: Chosen | undefined) => void;
  onlyValid: boolean;
  setOnlyValid: (v: boolean) => void;
}) {
  const t = useT();
  const unresolved = (r: LabImportRow) => unresolvedRow(r, matches);
  const problems = preview.rows.filter(unresolved).length;
  const [onlyProblems, setOnlyProblems] = useState(problems > 0);
  const rows = onlyProblems ? preview.rows.filter(unresolved) : preview.rows;
  const handMatched = Object.keys(matches).length;
  const importable = importableRows(preview, matches);

  const columns: TableColumnsType<LabImportRow> = [
    { title: t('import.col.row'), dataIndex: 'row', width: 64, fixed: 'left' },
    { title: t('people.field.name'), dataIndex: 'name', width: 90, fixed: 'left', render: (_: unknown, r) => r.name ?? '' },
    {
      title: t('testing.import.col.match'),
      key: 'match',
      width: 260,
      render: (_: unknown, r) => {
        if (r.match !== 'none') {
          return (
            <Flex vertical gap={2}>
              <Tag color={MATCH_COLORS[r.match]} style={{ marginInlineEnd: 0, alignSelf: 'flex-start' }}>{t(`importMatch.${r.match}`)}</Tag>
              {r.personName && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{[r.personName, r.siteName].filter(Boolean).join(' · ')}</Typography.Text>}
            </Flex>
          );
        }
        const chosen = matches[r.row];
        return (
          <Flex vertical gap={4}>
            <Tag color={chosen ? MATCH_COLORS.manual : MATCH_COLORS.none} style={{ marginInlineEnd: 0, alignSelf: 'flex-start' }}>
              {t(`importMatch.${chosen ? 'manual' : 'none'}`)}
            </Tag>
            <PersonPicker
              value={chosen?.personId}
              knownLabel={chosen?.label}
              initialQuery={r.name ?? ''}
              onChange={(id, label) => setMatch(r.row, id ? { personId: id, label } : undefined)}
              placeholder={t('testing.import.choosePerson')}
              aria-label={t('testing.import.choosePersonFor', { row: r.row })}
              data-testid="lab-import-pick"
            />
          </Flex>
        );
      },
    },
    { title: t('people.field.idNumber'), dataIndex: 'idNumber', width: 180, render: (_: unknown, r) => <span style={{ fontFamily: 'monospace' }}>{r.idNumber ?? ''}</span> },
    { title: t('people.field.phone'), dataIndex: 'phone', width: 120, render: (_: unknown, r) => <span style={{ fontFamily: 'monospace' }}>{r.phone ?? ''}</span> },
    { title: t('testing.field.sampledAt'), dataIndex: 'sampledAt', width: 140, render: (_: unknown, r) => timeText(r.sampledAt, true) },
    { title: t('testing.field.result'), dataIndex: 'result', width: 80, render: (_: unknown, r) => (r.result ? <ResultTag result={r.result} /> : '') },
    { title: t('testing.field.resultAt'), dataIndex: 'resultAt', width: 140, render: (_: unknown, r) => timeText(r.resultAt, true) },
    { title: t('testing.field.sampleType'), dataIndex: 'sampleType', width: 90, render: (_: unknown, r) => (r.sampleType ? t(`sampleType.${r.sampleType}`) : '') },
    { title: t('testing.field.lab'), dataIndex: 'lab', width: 140, ellipsis: true, render: (_: unknown, r) => r.lab ?? '' },
    { title: t('testing.field.labRef'), dataIndex: 'labRef', width: 110, render: (_: unknown, r) => r.labRef ?? '' },
    { title: t('testing.field.collectionPoint'), dataIndex: 'collectionPoint', width: 130, ellipsis: true, render: (_: unknown, r) => r.collectionPoint ?? '' },
    {
      title: t('testing.import.col.action'),
      dataIndex: 'action',
      width: 100,
      render: (_: unknown, r) => <Tag color={ACTION_COLORS[r.action]} style={{ marginInlineEnd: 0 }}>{t(`importAction.${r.action}`)}</Tag>,
    },
    {
      title: t('import.col.errors'),
      key: 'errors',
      width: 260,
      render: (_: unknown, r) => (
        <Flex vertical gap={2}>
          {r.errors.filter((e) => !(isMatchError(e) && matches[r.row])).map((e, i) => (
            <Typography.Text key={i} type="danger">{t('common.labelValue', { label: testingFieldLabel(e.path, t), value: fieldMessage(e.message) })}</Typography.Text>
          ))}
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      {preview.duplicateOf && (
        <Alert
          type="warning"
          showIcon
          data-testid="lab-import-duplicate"
          title={t('testing.import.duplicate', { at: timeText(preview.duplicateOf.committedAt, true), by: preview.duplicateOf.by ?? t('audit.system') })}
          description={t('testing.import.duplicateHint')}
        />
      )}
      <Row gutter={[16, 16]} data-testid="lab-import-counts">
        <Col xs={12} sm={6}><Statistic title={t('import.total')} value={preview.total} /></Col>
        <Col xs={12} sm={6}><Statistic title={t('testing.import.matched')} value={preview.matched + handMatched} styles={{ content: { color: '#389e0d' } }} /></Col>
        <Col xs={12} sm={6}>
          <Statistic
            title={t('testing.import.unmatched')}
            value={Math.max(0, preview.unmatched - handMatched)}
            styles={{ content: { color: preview.unmatched - handMatched > 0 ? '#d46b08' : undefined } }}
          />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title={t('import.invalid')} value={preview.invalid} styles={{ content: { color: preview.invalid > 0 ? '#cf1322' : undefined } }} />
        </Col>
      </Row>
      {preview.total === 0
        ? <Empty description={t('import.emptyFile')} />
        : (
          <>
            <Space>
              <Switch checked={onlyProblems} onChange={setOnlyProblems} disabled={problems === 0} id="only-problems" />
              <label htmlFor="only-problems">{t('testing.import.onlyProblems', { count: problems })}</label>
            </Space>
            <Table<LabImportRow>
              rowKey="row"
              size="small"
              columns={columns}
              dataSource={rows}
              scroll={{ x: 1900 }}
              pagination={{ defaultPageSize: 20, showSizeChanger: true, hideOnSinglePage: true }}
              rowClassName={(r) => (unresolved(r) ? 'fk-row-error' : '')}
              data-testid="lab-import-rows"
            />
            <Radio.Group
              value={onlyValid}
              onChange={(e) => setOnlyValid(e.target.value === true)}
              options={[
                { value: true, label: t('testing.import.modeOnlyValid', { count: problems }) },
                { value: false, label: t('import.modeAll') },
              ]}
              style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
            />
            {!onlyValid && problems > 0 && <Alert type="warning" showIcon title={t('import.allWillFail', { count: problems })} />}
            {onlyValid && importable === 0 && <Alert type="warning" showIcon title={t('import.noValid')} />}
          </>
        )}
    </Flex>
  );
}

function TemplateButton() {
  const t = useT();
  const download = useDownload();
  return (
    <Button
      type="link"
      icon={<FileExcelOutlined />}
      loading={download.running}
      onClick={() => download.start(() => endpoints.downloadLabTemplate(`${t('testing.import.templateFileName')}.xlsx`))}
      data-testid="lab-import-template"
    >
      {t('people.template')}
    </Button>
  );
}

/** Imports a lab's result file in three steps: upload, check and match the preview, import. */
export function LabImportPage() {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [step, setStep] = useState<Step>('file');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState(0);
  const [preview, setPreview] = useState<LabImport | null>(null);
  const [matches, setMatches] = useState<Readonly<Record<number, Chosen>>>({});
  const [onlyValid, setOnlyValid] = useState(true);
  const [result, setResult] = useState<LabImport | null>(null);
  const previewCall = useLabImportPreview();
  const commitCall = useLabImportCommit();

  const restart = () => {
    setStep('file');
    setFile(null);
    setPreview(null);
    setMatches({});
    setResult(null);
    setProgress(0);
    previewCall.reset();
    commitCall.reset();
  };

  const runPreview = () => {
    if (!file) return void message.error(t('import.needFile'));
    setProgress(0);
    previewCall.mutate({ file, onProgress: setProgress }, {
      onSuccess: (p) => {
        setPreview(p);
        setMatches({});
        setOnlyValid(true);
        setStep('preview');
      },
    });
  };

  const runCommit = () => {
    if (!preview) return;
    setResult(null);
    setStep('commit');
    const chosen = Object.fromEntries(Object.entries(matches).map(([row, c]) => [row, c.personId]));
    commitCall.mutate({ id: preview.id, input: { matches: chosen, onlyValid } }, { onSuccess: setResult });
  };

  const setMatch = (row: number, chosen: Chosen | undefined) => setMatches((prev) => {
    const next = { ...prev };
    if (chosen) next[row] = chosen;
    else delete next[row];
    return next;
  });

  const summary = result?.summary;
  const uploading = previewCall.isPending;
  const percent = Math.round(progress * 100);

  return (
    <>
      <PageHeader
        title={t('testing.import.title')}
        extra={<Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/testing/records')}>{t('common.back')}</Button>}
      />
      <Card>
        <Steps
          current={STEPS.indexOf(step)}
          responsive
          style={{ marginBottom: 24 }}
          items={[{ title: t('import.step.file') }, { title: t('import.step.preview') }, { title: t('import.step.result') }]}
        />

        {step === 'file' && (
          <Flex vertical gap={16} style={{ maxWidth: 720 }}>
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('testing.import.intro')}</Typography.Paragraph>
            <div data-testid="lab-import-file">
              <Upload.Dragger
                accept={EXTENSIONS.join(',')}
                maxCount={1}
                multiple={false}
                disabled={uploading}
                fileList={file ? [{ uid: 'lab', name: file.name, size: file.size, status: uploading ? 'uploading' : 'done', percent }] : []}
                beforeUpload={(f) => {
                  const problem = fileProblem(f, t);
                  if (problem) {
                    void message.error(problem);
                    return Upload.LIST_IGNORE;
                  }
                  setFile(f);
                  previewCall.reset();
                  // Kept here and sent with the preview, not uploaded on its own.
                  return false;
                }}
                onRemove={() => {
                  setFile(null);
                  previewCall.reset();
                }}
              >
                <p className="ant-upload-drag-icon"><InboxOutlined /></p>
                <p className="ant-upload-text">{t('import.dragText')}</p>
                <p className="ant-upload-hint" style={{ padding: '0 12px' }}>{t('testing.import.dragHint', { mb: MAX_MB })}</p>
              </Upload.Dragger>
            </div>
            {uploading && (
              <Flex vertical gap={4} data-testid="lab-import-progress">
                <Progress percent={percent} status="active" />
                <Typography.Text type="secondary">{progress >= 1 ? t('testing.import.reading') : t('testing.import.uploading')}</Typography.Text>
              </Flex>
            )}
            <Flex align="center" gap={4} wrap>
              <Typography.Text type="secondary">{t('testing.import.templateHint')}</Typography.Text>
              <TemplateButton />
            </Flex>
            {previewCall.isError && <ServerFailure error={previewCall.error} title={t('import.previewFailed')} />}
            <Flex justify="flex-end">
              <Button type="primary" loading={uploading} onClick={runPreview} disabled={!file} data-testid="lab-import-preview">
                {t('import.preview')}
              </Button>
            </Flex>
          </Flex>
        )}

        {step === 'preview' && preview && (
          <Flex vertical gap={16}>
            <Typography.Text type="secondary">{preview.filename ?? file?.name ?? ''}</Typography.Text>
            <PreviewView preview={preview} matches={matches} setMatch={setMatch} onlyValid={onlyValid} setOnlyValid={setOnlyValid} />
            <Flex justify="space-between" wrap gap={8}>
              <Button onClick={() => setStep('file')}>{t('import.back')}</Button>
              <Button type="primary" onClick={runCommit} disabled={preview.total === 0 || (onlyValid && importableRows(preview, matches) === 0)} data-testid="lab-import-commit">
                {t('import.commit')}
              </Button>
            </Flex>
          </Flex>
        )}

        {step === 'commit' && (
          <div data-testid="lab-import-result">
            {commitCall.isPending && (
              <Flex vertical align="center" gap={16} style={{ padding: 48 }}>
                <Spin size="large" />
                <Typography.Text>{t('import.running')}</Typography.Text>
              </Flex>
            )}
            {result && (
              <Result
                status="success"
                title={t('import.doneTitle')}
                subTitle={summary
                  ? t('testing.import.done', { created: summary.created, updated: summary.updated, unchanged: summary.unchanged, skipped: summary.skipped })
                  : undefined}
                extra={[
                  <Button key="list" type="primary" onClick={() => void navigate('/testing/records')} data-testid="lab-import-view">
                    {t('testing.import.viewRecords')}
                  </Button>,
                  <Button key="again" onClick={restart}>{t('import.restart')}</Button>,
                ]}
              />
            )}
            {commitCall.isError && (
              <Flex vertical gap={16}>
                <ServerFailure error={commitCall.error} title={t('import.failed')} />
                <Flex justify="space-between" wrap gap={8}>
                  <Button onClick={() => setStep(preview ? 'preview' : 'file')}>{t('import.back')}</Button>
                  <Button onClick={restart}>{t('import.restart')}</Button>
                </Flex>
              </Flex>
            )}
          </div>
        )}
      </Card>
    </>
  );
}
