import { useState } from 'react';
import { ArrowLeftOutlined, FileExcelOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Flex, Progress, Row, Statistic, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useNavigate } from 'react-router';
import type { ImportMatch, LabImport, LabImportRow } from '@fangkong/domain';
import { testingApi } from './api';
import { PageHeader } from '../../components/shared/PageHeader';
import {
  IMPORT_MAX_MB, ImportCommitStep, ImportFileDragger, ImportFileFooter, ImportModeChoice, ImportPreviewFooter, ImportRowsTable,
  ImportSteps, OnlyProblemsSwitch, type ImportStep,
} from '../../components/shared/importWizard';
import { fieldMessage } from '../../i18n/zodMessages';
import { useT } from '../../i18n/useT';
import { DownloadButton } from './DownloadButton';
import { PersonPicker } from './PersonPicker';
import { ResultTag, testingFieldLabel, timeText } from './testingUi';
import { useLabImportCommit, useLabImportPreview } from './useTesting';

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
            <OnlyProblemsSwitch
              id="only-problems"
              checked={onlyProblems}
              onChange={setOnlyProblems}
              disabled={problems === 0}
              label={t('testing.import.onlyProblems', { count: problems })}
            />
            <ImportRowsTable<LabImportRow> columns={columns} rows={rows} scrollX={1900} isBad={unresolved} data-testid="lab-import-rows" />
            <ImportModeChoice
              onlyValid={onlyValid}
              setOnlyValid={setOnlyValid}
              onlyValidLabel={t('testing.import.modeOnlyValid', { count: problems })}
              problems={problems}
              noneValid={importable === 0}
            />
          </>
        )}
    </Flex>
  );
}

function TemplateButton() {
  const t = useT();
  return (
    <DownloadButton
      type="link"
      icon={<FileExcelOutlined />}
      job={() => testingApi.downloadLabTemplate(`${t('testing.import.templateFileName')}.xlsx`)}
      data-testid="lab-import-template"
    >
      {t('people.template')}
    </DownloadButton>
  );
}

/** Imports a lab's result file in three steps: upload, check and match the preview, import. */
export function LabImportPage() {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [step, setStep] = useState<ImportStep>('file');
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
        <ImportSteps step={step} />

        {step === 'file' && (
          <Flex vertical gap={16} style={{ maxWidth: 720 }}>
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('testing.import.intro')}</Typography.Paragraph>
            <ImportFileDragger
              file={file}
              onFile={(f) => {
                setFile(f);
                previewCall.reset();
              }}
              hint={t('testing.import.dragHint', { mb: IMPORT_MAX_MB })}
              uploading={uploading}
              percent={percent}
              data-testid="lab-import-file"
            />
            {uploading && (
              <Flex vertical gap={4} data-testid="lab-import-progress">
                <Progress percent={percent} status="active" />
                <Typography.Text type="secondary">{progress >= 1 ? t('testing.import.reading') : t('testing.import.uploading')}</Typography.Text>
              </Flex>
            )}
            <ImportFileFooter
              templateHint={t('testing.import.templateHint')}
              template={<TemplateButton />}
              preview={previewCall}
              fieldLabel={testingFieldLabel}
              errorTestId="lab-import-error"
              onPreview={runPreview}
              previewDisabled={!file}
              previewTestId="lab-import-preview"
            />
          </Flex>
        )}

        {step === 'preview' && preview && (
          <Flex vertical gap={16}>
            <Typography.Text type="secondary">{preview.filename ?? file?.name ?? ''}</Typography.Text>
            <PreviewView preview={preview} matches={matches} setMatch={setMatch} onlyValid={onlyValid} setOnlyValid={setOnlyValid} />
            <ImportPreviewFooter
              onBack={() => setStep('file')}
              onCommit={runCommit}
              commitDisabled={preview.total === 0 || (onlyValid && importableRows(preview, matches) === 0)}
              commitTestId="lab-import-commit"
            />
          </Flex>
        )}

        {step === 'commit' && (
          <ImportCommitStep
            commit={commitCall}
            done={result && {
              text: summary
                ? t('testing.import.done', { created: summary.created, updated: summary.updated, unchanged: summary.unchanged, skipped: summary.skipped })
                : undefined,
              viewLabel: t('testing.import.viewRecords'),
              onView: () => void navigate('/testing/records'),
              viewTestId: 'lab-import-view',
            }}
            fieldLabel={testingFieldLabel}
            errorTestId="lab-import-error"
            onBack={() => setStep(preview ? 'preview' : 'file')}
            onRestart={restart}
            data-testid="lab-import-result"
          />
        )}
      </Card>
    </>
  );
}
