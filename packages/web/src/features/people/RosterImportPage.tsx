import { useState } from 'react';
import { ArrowLeftOutlined, InboxOutlined } from '@ant-design/icons';
import {
  Alert, App, Button, Card, Col, Empty, Flex, List, Radio, Result, Row, Select, Space, Spin, Statistic, Steps, Switch, Table, Tag,
  Typography, Upload,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import type { RosterCommitResult, RosterPreview, RosterPreviewRow } from '@fangkong/domain';
import { isApiError } from '../../api/client';
import { errorText, serverDetail } from '../../components/shared/errorText';
import { PageHeader } from '../../components/shared/PageHeader';
import type { Translate } from '../../i18n/context';
import { fieldMessage } from '../../i18n/zodMessages';
import { useT } from '../../i18n/useT';
import { TemplateButton } from './downloads';
import { fieldLabel } from './fieldLabels';
import { filterByLabel, siteOptions } from './peopleUi';
import { useRosterCommit, useRosterPreview, useVisibleSites } from './usePeople';

/** The server's default limit (IMPORT_MAX_MB); checked here so that a large file is not sent in vain. */
const MAX_MB = 10;
const EXTENSIONS = ['.xlsx', '.csv'] as const;

type Step = 'file' | 'preview' | 'commit';
const STEPS: readonly Step[] = ['file', 'preview', 'commit'];

/** "row 12.idNumber" (or "body.row 12.idNumber") as "Row 12 · ID number". */
export function rowErrorLabel(path: string, t: Translate): string {
  const m = /(?:^|\.)row\s*(\d+)(?:\.(.+))?$/i.exec(path);
  if (!m) return fieldLabel(path, t);
  const row = t('import.rowLabel', { row: m[1] ?? '' });
  return m[2] ? `${row} · ${fieldLabel(m[2], t)}` : row;
}

function ServerFailure({ error, title }: { error: unknown; title: string }) {
  const t = useT();
  const fields = isApiError(error) ? error.fields : [];
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      data-testid="import-error"
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

function fileProblem(file: File, t: Translate): string | null {
  const name = file.name.toLowerCase();
  if (!EXTENSIONS.some((e) => name.endsWith(e))) return t('import.badType');
  if (file.size > MAX_MB * 1024 * 1024) return t('import.tooLarge', { mb: MAX_MB });
  return null;
}

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
              <Space>
                <Switch checked={onlyErrors} onChange={setOnlyErrors} disabled={preview.invalid === 0} id="only-errors" />
                <label htmlFor="only-errors">{t('import.onlyErrors')}</label>
              </Space>
            </Flex>
            <Table<RosterPreviewRow>
              rowKey="row"
              size="small"
              columns={columns}
              dataSource={rows}
              scroll={{ x: 400 + mapped.length * 130 }}
              pagination={{ defaultPageSize: 20, showSizeChanger: true, hideOnSinglePage: true }}
              rowClassName={(r) => (r.errors.length > 0 ? 'fk-row-error' : '')}
              data-testid="import-rows"
            />
          </>
        )}
      {preview.total > 0 && (
        <Radio.Group
          value={onlyValid}
          onChange={(e) => setOnlyValid(e.target.value === true)}
          options={[
            { value: true, label: t('import.modeOnlyValid', { count: preview.invalid }) },
            { value: false, label: t('import.modeAll') },
          ]}
          style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
        />
      )}
      {!onlyValid && preview.invalid > 0 && <Alert type="warning" showIcon title={t('import.allWillFail', { count: preview.invalid })} />}
      {onlyValid && preview.total > 0 && preview.valid === 0 && <Alert type="warning" showIcon title={t('import.noValid')} />}
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
  const [step, setStep] = useState<Step>('file');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<RosterPreview | null>(null);
  const [onlyValid, setOnlyValid] = useState(true);
  const [result, setResult] = useState<RosterCommitResult | null>(null);
  const previewCall = useRosterPreview();
  const commitCall = useRosterCommit();

  const restart = () => {
    setStep('file');
    setFile(null);
    setPreview(null);
    setResult(null);
    previewCall.reset();
    commitCall.reset();
  };

  const runPreview = () => {
    if (!siteId) return void message.error(t('import.needSite'));
    if (!file) return void message.error(t('import.needFile'));
    previewCall.mutate({ siteId, file }, {
      onSuccess: (p) => {
        setPreview(p);
        setOnlyValid(true);
        setStep('preview');
      },
    });
  };

  const runCommit = () => {
    if (!siteId || !file) return;
    setResult(null);
    setStep('commit');
    commitCall.mutate({ siteId, file, onlyValid }, { onSuccess: setResult });
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
        <Steps
          current={STEPS.indexOf(step)}
          responsive
          style={{ marginBottom: 24 }}
          items={[{ title: t('import.step.file') }, { title: t('import.step.preview') }, { title: t('import.step.result') }]}
        />

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
            <div data-testid="roster-file">
              <Upload.Dragger
                accept={EXTENSIONS.join(',')}
                maxCount={1}
                multiple={false}
                fileList={file ? [{ uid: 'roster', name: file.name, size: file.size, status: 'done' }] : []}
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
                <p className="ant-upload-hint" style={{ padding: '0 12px' }}>{t('import.dragHint', { mb: MAX_MB })}</p>
              </Upload.Dragger>
            </div>
            <Flex align="center" gap={4} wrap>
              <Typography.Text type="secondary">{t('import.templateHint')}</Typography.Text>
              <TemplateButton type="link" />
            </Flex>
            {previewCall.isError && <ServerFailure error={previewCall.error} title={t('import.previewFailed')} />}
            <Flex justify="flex-end">
              <Button type="primary" loading={previewCall.isPending} onClick={runPreview} data-testid="import-preview">
                {t('import.preview')}
              </Button>
            </Flex>
          </Flex>
        )}

        {step === 'preview' && preview && (
          <Flex vertical gap={16}>
            {siteName && <Typography.Text type="secondary">{`${t('common.labelValue', { label: t('import.site'), value: siteName })} · ${file?.name ?? ''}`}</Typography.Text>}
            <PreviewView preview={preview} onlyValid={onlyValid} setOnlyValid={setOnlyValid} />
            <Flex justify="space-between" wrap gap={8}>
              <Button onClick={() => setStep('file')}>{t('import.back')}</Button>
              <Button
                type="primary"
                onClick={runCommit}
                disabled={preview.total === 0 || (onlyValid && preview.valid === 0)}
                data-testid="import-commit"
              >
                {t('import.commit')}
              </Button>
            </Flex>
          </Flex>
        )}

        {step === 'commit' && (
          <div data-testid="import-result">
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
                subTitle={t('import.doneText', { imported: result.imported, skipped: result.skipped })}
                extra={[
                  <Button key="list" type="primary" onClick={() => void navigate(listUrl)} data-testid="import-view-list">
                    {t('import.viewList')}
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
