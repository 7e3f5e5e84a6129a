import { useState } from 'react';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Flex, Row, Select, Statistic, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import type { RosterCommitResult, RosterPreview, RosterPreviewRow } from '@fangkong/domain';
import { PageHeader } from '../../components/shared/PageHeader';
import {
  IMPORT_MAX_MB, ImportCommitStep, ImportFileDragger, ImportFileFooter, ImportModeChoice, ImportPreviewFooter, ImportRowsTable,
  ImportSteps, OnlyProblemsSwitch, useImportFlow,
} from '../../components/shared/importWizard';
import { fieldMessage } from '../../i18n/zodMessages';
import { useT } from '../../i18n/useT';
import { TemplateButton } from './downloads';
import { fieldLabel } from './fieldLabels';
import { filterByLabel, siteOptions } from './peopleUi';
import { useRosterCommit, useRosterPreview, useVisibleSites } from './usePeople';

function PreviewView({ preview, onlyValid, setOnlyValid }: {
  preview: RosterPreview;
  onlyValid: boolean;
  setOnlyValid: (v: boolean) => void;
}) {
  const t = useT();
  const [onlyErrors, setOnlyErrors] = useState(preview.invalid > 0);
  const mapped = preview.columns.filter((c) => c.field !== null);
  const rows = onlyErrors ? preview.rows.filter((r) => r.errors.length > 0) : preview.rows;
  const value = (r: RosterPreviewRow, header: string, field: string) => r.values[field] ?? r.values[header] ?? '';
  const fieldHasError = (r: RosterPreviewRow, field: string) => r.errors.some((e) => e.path === field || e.path.endsWith(`.${field}`));

  const columns: TableColumnsType<RosterPreviewRow> = [
    { title: t('import.col.row'), dataIndex: 'row', width: 70, fixed: 'left' },
    {
      title: t('import.col.errors'),
      key: 'errors',
      width: 260,
      render: (_: unknown, r: RosterPreviewRow) => (
        <Flex vertical gap={2}>
          {r.errors.map((e, i) => (
            <Typography.Text key={i} type="danger">{t('common.labelValue', { label: fieldLabel(e.path, t), value: fieldMessage(e.message) })}</Typography.Text>
          ))}
        </Flex>
      ),
    },
    ...mapped.map((c) => ({
      key: c.header,
      title: c.field ? fieldLabel(c.field, t) : c.header,
      width: c.field === 'idNumber' ? 190 : 120,
      render: (_: unknown, r: RosterPreviewRow) => {
        const v = value(r, c.header, c.field ?? '');
        return c.field && fieldHasError(r, c.field)
          ? <Typography.Text type="danger" strong>{v || '—'}</Typography.Text>
          : v;
      },
    })),
  ];

  return (
    <Flex vertical gap={16}>
      <Row gutter={16}>
        <Col xs={8}><Statistic title={t('import.total')} value={preview.total} /></Col>
        <Col xs={8}><Statistic title={t('import.valid')} value={preview.valid} styles={{ content: { color: '#389e0d' } }} /></Col>
        <Col xs={8}>
          <Statistic title={t('import.invalid')} value={preview.invalid} styles={{ content: { color: preview.invalid > 0 ? '#cf1322' : undefined } }} />
        </Col>
      </Row>
      <div>
        <Typography.Title level={5}>{t('import.mapping')}</Typography.Title>
        <Flex gap={8} wrap data-testid="import-mapping">
          {preview.columns.map((c, i) => (c.field
            ? <Tag key={i} color="blue">{`${c.header} → ${fieldLabel(c.field, t)}`}</Tag>
            : (
              <Tag key={i} style={{ color: '#999', borderStyle: 'dashed' }}>
                {`${c.header || '—'} · ${t('import.unmapped')}`}
              </Tag>
            )))}
        </Flex>
      </div>
      {preview.total === 0
        ? <Empty description={t('import.emptyFile')} />
        : (
          <>
            <Flex justify="space-between" align="center" wrap gap={8}>
              <OnlyProblemsSwitch id="only-errors" checked={onlyErrors} onChange={setOnlyErrors} disabled={preview.invalid === 0} label={t('import.onlyErrors')} />
            </Flex>
            <ImportRowsTable<RosterPreviewRow>
              columns={columns}
              rows={rows}
              scrollX={400 + mapped.length * 130}
              isBad={(r) => r.errors.length > 0}
              data-testid="import-rows"
            />
          </>
        )}
      {/* An empty file has no invalid rows either: nothing to choose or warn about. */}
      {preview.total > 0 && (
        <ImportModeChoice
          onlyValid={onlyValid}
          setOnlyValid={setOnlyValid}
          onlyValidLabel={t('import.modeOnlyValid', { count: preview.invalid })}
          problems={preview.invalid}
          noneValid={preview.valid === 0}
        />
      )}
    </Flex>
  );
}

/** Import a roster in three steps: choose site and file, check the preview, import. */
export function RosterImportPage() {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const { sites, query: sitesQuery } = useVisibleSites();
  const siteParam = params.get('siteId') ?? undefined;
  const siteId = siteParam ?? (sites.length === 1 ? sites[0]?.id : undefined);
  const previewCall = useRosterPreview();
  const commitCall = useRosterCommit();
  const flow = useImportFlow<RosterPreview, RosterCommitResult>({ preview: previewCall, commit: commitCall });
  const { step, file, preview, onlyValid, result } = flow;

  const runPreview = () => {
    if (!siteId) return void message.error(t('import.needSite'));
    if (!file) return void message.error(t('import.needFile'));
    previewCall.mutate({ siteId, file }, { onSuccess: flow.previewed });
  };

  const runCommit = () => {
    if (!siteId || !file) return;
    flow.committing();
    commitCall.mutate({ siteId, file, onlyValid }, { onSuccess: flow.committed });
  };

  const listUrl = siteId ? `/people?siteId=${encodeURIComponent(siteId)}` : '/people';
  const siteName = sites.find((s) => s.id === siteId)?.name;

  return (
    <>
      <PageHeader
        title={t('import.title')}
        extra={<Button icon={<ArrowLeftOutlined />} onClick={() => void navigate(listUrl)}>{t('common.back')}</Button>}
      />
      <Card>
        <ImportSteps step={step} />

        {step === 'file' && (
          <Flex vertical gap={16} style={{ maxWidth: 720 }}>
            <div>
              <Typography.Text strong>{t('import.site')}</Typography.Text>
              <Select<string>
                showSearch={{ filterOption: filterByLabel }}
                placeholder={t('people.selectSite')}
                aria-label={t('import.site')}
                loading={sitesQuery.isPending}
                value={siteId}
                onChange={(v) => {
                  setParams({ siteId: v }, { replace: true });
                  previewCall.reset();
                }}
                options={siteOptions(sites)}
                style={{ width: '100%', marginTop: 4 }}
              />
            </div>
            <ImportFileDragger
              file={file}
              onFile={flow.chooseFile}
              hint={t('import.dragHint', { mb: IMPORT_MAX_MB })}
              data-testid="roster-file"
            />
            <ImportFileFooter
              templateHint={t('import.templateHint')}
              template={<TemplateButton type="link" />}
              preview={previewCall}
              fieldLabel={fieldLabel}
              errorTestId="import-error"
              onPreview={runPreview}
              previewTestId="import-preview"
            />
          </Flex>
        )}

        {step === 'preview' && preview && (
          <Flex vertical gap={16}>
            {siteName && <Typography.Text type="secondary">{`${t('common.labelValue', { label: t('import.site'), value: siteName })} · ${file?.name ?? ''}`}</Typography.Text>}
            <PreviewView preview={preview} onlyValid={onlyValid} setOnlyValid={flow.setOnlyValid} />
            <ImportPreviewFooter
              onBack={() => flow.setStep('file')}
              onCommit={runCommit}
              commitDisabled={preview.total === 0 || (onlyValid && preview.valid === 0)}
              commitTestId="import-commit"
            />
          </Flex>
        )}

        {step === 'commit' && (
          <ImportCommitStep
            commit={commitCall}
            done={result && {
              text: t('import.doneText', { imported: result.imported, skipped: result.skipped }),
              viewLabel: t('import.viewList'),
              onView: () => void navigate(listUrl),
              viewTestId: 'import-view-list',
            }}
            fieldLabel={fieldLabel}
            errorTestId="import-error"
            onBack={() => flow.setStep(preview ? 'preview' : 'file')}
            onRestart={flow.restart}
            data-testid="import-result"
          />
        )}
      </Card>
    </>
  );
}
