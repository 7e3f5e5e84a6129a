import { useState } from 'react';
import { ArrowLeftOutlined, FileExcelOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Flex, Row, Statistic, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useNavigate } from 'react-router';
import type { RiskImportPreview, RiskImportResult, RiskImportRow } from '@fangkong/domain';
import { errorText, serverDetail } from '../../components/shared/errorText';
import {
  IMPORT_MAX_MB, ImportCommitStep, ImportFileDragger, ImportFileFooter, ImportModeChoice, ImportPreviewFooter, ImportRowsTable,
  ImportSteps, OnlyProblemsSwitch, useImportFlow,
} from '../../components/shared/importWizard';
import { PageHeader } from '../../components/shared/PageHeader';
import { fieldMessage } from '../../i18n/zodMessages';
import { useT } from '../../i18n/useT';
import { riskApi } from './api';
import { fieldLabel } from './riskUi';
import { useRiskImportCommit, useRiskImportPreview } from './useRiskAreas';

const SHOWN = ['regionName', 'level', 'effectiveFrom', 'effectiveTo', 'note'] as const;
const ACTION_COLORS = { create: 'green', existing: 'blue', skip: 'red' } as const;

function TemplateButton() {
  const t = useT();
  const { message } = App.useApp();
  const [running, setRunning] = useState(false);
  const start = () => {
    setRunning(true);
    riskApi.downloadTemplate(`${t('riskAreas.templateFileName')}.xlsx`)
      .catch((e: unknown) => void message.error([t('riskAreas.downloadFailed'), errorText(e, t), serverDetail(e)].filter(Boolean).join(' · ')))
      .finally(() => setRunning(false));
  };
  return <Button type="link" icon={<FileExcelOutlined />} loading={running} onClick={start} data-testid="risk-template">{t('riskAreas.template')}</Button>;
}

function PreviewView({ preview, onlyValid, setOnlyValid }: { preview: RiskImportPreview; onlyValid: boolean; setOnlyValid: (v: boolean) => void }) {
  const t = useT();
  const [onlyErrors, setOnlyErrors] = useState(preview.invalid > 0);
  const rows = onlyErrors ? preview.rows.filter((r) => r.errors.length > 0) : preview.rows;
  const hasError = (r: RiskImportRow, field: string) => r.errors.some((e) => e.path.endsWith(`.${field}`));
  const columns: TableColumnsType<RiskImportRow> = [
    { title: t('import.col.row'), dataIndex: 'row', width: 70, fixed: 'left' },
    {
      title: t('riskImport.col.action'),
      key: 'action',
      width: 110,
      render: (_: unknown, r) => <Tag color={ACTION_COLORS[r.action]} title={r.action === 'existing' ? t('riskImport.existing') : undefined}>{t(`riskImport.action.${r.action}`)}</Tag>,
    },
    {
      title: t('import.col.errors'),
      key: 'errors',
      width: 260,
      render: (_: unknown, r) => (
        <Flex vertical gap={2}>
          {r.errors.map((e, i) => (
            <Typography.Text key={i} type="danger">{t('common.labelValue', { label: fieldLabel(e.path, t), value: fieldMessage(e.message) })}</Typography.Text>
          ))}
          {r.action === 'existing' && <Typography.Text type="secondary">{t('riskImport.existing')}</Typography.Text>}
        </Flex>
      ),
    },
    ...SHOWN.map((f) => ({
      key: f,
      title: fieldLabel(f, t),
      width: f === 'note' ? 200 : 120,
      render: (_: unknown, r: RiskImportRow) => {
        const v = r.values[f] ?? '';
        return hasError(r, f) ? <Typography.Text type="danger" strong>{v || '—'}</Typography.Text> : v;
      },
    })),
    {
      title: t('riskAreas.col.node'),
      key: 'node',
      width: 140,
      render: (_: unknown, r: RiskImportRow) => (r.errors.length > 0 ? '' : r.nodeName ?? <Typography.Text type="secondary">{t('riskAreas.elsewhere')}</Typography.Text>),
    },
  ];
  return (
    <Flex vertical gap={16}>
      <Row gutter={16}>
        <Col xs={6}><Statistic title={t('import.total')} value={preview.total} /></Col>
        <Col xs={6}><Statistic title={t('import.valid')} value={preview.valid} styles={{ content: { color: '#389e0d' } }} /></Col>
        <Col xs={6}><Statistic title={t('riskImport.existingCount')} value={preview.existing} /></Col>
        <Col xs={6}><Statistic title={t('import.invalid')} value={preview.invalid} styles={{ content: { color: preview.invalid > 0 ? '#cf1322' : undefined } }} /></Col>
      </Row>
      {preview.total === 0
        ? <Empty description={t('import.emptyFile')} />
        : (
          <>
            <OnlyProblemsSwitch id="risk-only-errors" checked={onlyErrors} onChange={setOnlyErrors} disabled={preview.invalid === 0} label={t('import.onlyErrors')} />
            <ImportRowsTable<RiskImportRow> columns={columns} rows={rows} scrollX={1200} isBad={(r) => r.errors.length > 0} data-testid="risk-import-rows" />
            <ImportModeChoice
              onlyValid={onlyValid}
              setOnlyValid={setOnlyValid}
              onlyValidLabel={t('riskImport.modeOnlyValid', { count: preview.invalid })}
              problems={preview.invalid}
              noneValid={preview.valid === 0}
            />
          </>
        )}
    </Flex>
  );
}

/** `/risk-areas/import`: a sheet of areas in three steps: the file, its preview with every row's problems, the import. */
export function RiskImportPage() {
  const t = useT();
  const navigate = useNavigate();
  const previewCall = useRiskImportPreview();
  const commitCall = useRiskImportCommit();
  const flow = useImportFlow<RiskImportPreview, RiskImportResult>({ preview: previewCall, commit: commitCall });
  const { step, file, preview, onlyValid, result } = flow;

  const runPreview = () => {
    if (file) previewCall.mutate(file, { onSuccess: flow.previewed });
  };
  const runCommit = () => {
    if (!file) return;
    flow.committing();
    commitCall.mutate({ file, onlyValid }, { onSuccess: flow.committed });
  };

  return (
    <>
      <PageHeader
        title={t('riskImport.title')}
        extra={<Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/risk-areas')}>{t('common.back')}</Button>}
      />
      <Card>
        <ImportSteps step={step} />
        {step === 'file' && (
          <Flex vertical gap={16} style={{ maxWidth: 720 }}>
            <ImportFileDragger
              file={file}
              onFile={flow.chooseFile}
              hint={t('riskImport.dragHint', { mb: IMPORT_MAX_MB })}
              data-testid="risk-import-file"
            />
            <ImportFileFooter
              templateHint={t('riskImport.templateHint')}
              template={<TemplateButton />}
              preview={previewCall}
              fieldLabel={fieldLabel}
              errorTestId="risk-import-error"
              onPreview={runPreview}
              previewDisabled={!file}
              previewTestId="risk-import-preview"
            />
          </Flex>
        )}
        {step === 'preview' && preview && (
          <Flex vertical gap={16}>
            <Typography.Text type="secondary">{file?.name ?? ''}</Typography.Text>
            <PreviewView preview={preview} onlyValid={onlyValid} setOnlyValid={flow.setOnlyValid} />
            <ImportPreviewFooter
              onBack={() => flow.setStep('file')}
              onCommit={runCommit}
              commitDisabled={preview.total === 0 || (onlyValid && preview.valid === 0)}
              commitTestId="risk-import-commit"
            />
          </Flex>
        )}
        {step === 'commit' && (
          <ImportCommitStep
            commit={commitCall}
            done={result && {
              text: t('riskImport.doneText', { imported: result.imported, existing: result.existing, skipped: result.skipped }),
              viewLabel: t('riskImport.viewList'),
              onView: () => void navigate('/risk-areas'),
              viewTestId: 'risk-import-view',
            }}
            fieldLabel={fieldLabel}
            errorTestId="risk-import-error"
            onBack={() => flow.setStep(preview ? 'preview' : 'file')}
            onRestart={flow.restart}
            data-testid="risk-import-result"
          />
        )}
      </Card>
    </>
  );
}
