import { useState, type ReactNode } from 'react';
import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, List, Radio, Result, Space, Spin, Steps, Switch, Table, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { isApiError } from '../../api/client';
import type { Translate } from '../../i18n/context';
import { fieldMessage } from '../../i18n/zodMessages';
import { useT } from '../../i18n/useT';
import { errorLine } from './errorText';

// The pieces of the import wizards (a site's roster, a lab's result file): upload, check the
// preview, import. Each wizard keeps its own state, columns and texts; these are the steps' frame.

/** The server's default limit (IMPORT_MAX_MB); checked here so that a large file is not sent in vain. */
export const IMPORT_MAX_MB = 10;
const EXTENSIONS = ['.xlsx', '.csv'] as const;

export type ImportStep = 'file' | 'preview' | 'commit';
const STEPS: readonly ImportStep[] = ['file', 'preview', 'commit'];

/**
 * The state of a preview-then-commit wizard: the step, the file, the preview, the import mode and
 * the result, with the moves between them. The page makes the calls; `previewed` and `committed`
 * are their onSuccess, `committing` goes before the commit call.
 */
export function useImportFlow<P, R>(calls: { preview: { reset: () => void }; commit: { reset: () => void } }) {
  const [step, setStep] = useState<ImportStep>('file');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<P | null>(null);
  const [onlyValid, setOnlyValid] = useState(true);
  const [result, setResult] = useState<R | null>(null);
  return {
    step, setStep, file, preview, onlyValid, setOnlyValid, result,
    /** A file chosen or removed: an earlier preview's failure no longer applies. */
    chooseFile: (f: File | null) => {
      setFile(f);
      calls.preview.reset();
    },
    previewed: (p: P) => {
      setPreview(p);
      setOnlyValid(true);
      setStep('preview');
    },
    committing: () => {
      setResult(null);
      setStep('commit');
    },
    committed: (r: R) => setResult(r),
    restart: () => {
      setStep('file');
      setFile(null);
      setPreview(null);
      setResult(null);
      calls.preview.reset();
      calls.commit.reset();
    },
  };
}

/** The label of an imported row's field named by an error path. */
export type FieldLabel = (path: string, t: Translate) => string;

/** The state of a preview or import call, as a mutation has it. */
interface CallState {
  isPending: boolean;
  isError: boolean;
  error: unknown;
}

function fileProblem(file: File, t: Translate): string | null {
  const name = file.name.toLowerCase();
  if (!EXTENSIONS.some((e) => name.endsWith(e))) return t('import.badType');
  if (file.size > IMPORT_MAX_MB * 1024 * 1024) return t('import.tooLarge', { mb: IMPORT_MAX_MB });
  return null;
}

/** "row 12.idNumber" (or "body.row 12.idNumber") as "Row 12 · ID number". */
function rowErrorLabel(path: string, t: Translate, fieldLabel: FieldLabel): string {
  const m = /(?:^|\.)row\s*(\d+)(?:\.(.+))?$/i.exec(path);
  if (!m) return fieldLabel(path, t);
  const row = t('import.rowLabel', { row: m[1] ?? '' });
  return m[2] ? `${row} · ${fieldLabel(m[2], t)}` : row;
}

interface FailureProps {
  error: unknown;
  title: string;
  fieldLabel: FieldLabel;
  'data-testid': string;
}

/** A refused preview or import: the error, and the server's errors listed by row. */
function ImportFailure({ error, title, fieldLabel, 'data-testid': testId }: FailureProps) {
  const t = useT();
  const fields = isApiError(error) ? error.fields : [];
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      data-testid={testId}
      description={(
        <Flex vertical gap={8}>
          <span>{errorLine(error, t)}</span>
          {fields.length > 0 && (
            <List
              size="small"
              bordered
              style={{ maxHeight: 320, overflow: 'auto', background: '#fff' }}
              dataSource={[...fields]}
              renderItem={(f) => (
                <List.Item>
                  <Typography.Text strong>{rowErrorLabel(f.path, t, fieldLabel)}</Typography.Text>
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

/** Where the wizard stands: file, preview, result. */
export function ImportSteps({ step }: { step: ImportStep }) {
  const t = useT();
  return (
    <Steps
      current={STEPS.indexOf(step)}
      responsive
      style={{ marginBottom: 24 }}
      items={[{ title: t('import.step.file') }, { title: t('import.step.preview') }, { title: t('import.step.result') }]}
    />
  );
}

interface DraggerProps {
  file: File | null;
  /** A file chosen (checked for type and size) or removed. */
  onFile: (file: File | null) => void;
  hint: string;
  /** Sending the file with its preview: the choice is locked and shows the progress. */
  uploading?: boolean;
  percent?: number;
  'data-testid': string;
}

/** The one file to import, dropped or chosen. */
export function ImportFileDragger({ file, onFile, hint, uploading, percent, 'data-testid': testId }: DraggerProps) {
  const t = useT();
  const { message } = App.useApp();
  return (
    <div data-testid={testId}>
      <Upload.Dragger
        accept={EXTENSIONS.join(',')}
        maxCount={1}
        multiple={false}
        disabled={uploading}
        fileList={file ? [{ uid: 'import-file', name: file.name, size: file.size, status: uploading ? 'uploading' : 'done', percent }] : []}
        beforeUpload={(f) => {
          const problem = fileProblem(f, t);
          if (problem) {
            void message.error(problem);
            return Upload.LIST_IGNORE;
          }
          onFile(f);
          // Kept here and sent with the preview, not uploaded on its own.
          return false;
        }}
        onRemove={() => onFile(null)}
      >
        <p className="ant-upload-drag-icon"><InboxOutlined /></p>
        <p className="ant-upload-text">{t('import.dragText')}</p>
        <p className="ant-upload-hint" style={{ padding: '0 12px' }}>{hint}</p>
      </Upload.Dragger>
    </div>
  );
}

interface FileFooterProps {
  templateHint: string;
  template: ReactNode;
  preview: CallState;
  fieldLabel: FieldLabel;
  errorTestId: string;
  onPreview: () => void;
  previewDisabled?: boolean;
  previewTestId: string;
}

/** The end of the file step: where the template is, a refused preview, and the preview button. */
export function ImportFileFooter({
  templateHint, template, preview, fieldLabel, errorTestId, onPreview, previewDisabled, previewTestId,
}: FileFooterProps) {
  const t = useT();
  return (
    <>
      <Flex align="center" gap={4} wrap>
        <Typography.Text type="secondary">{templateHint}</Typography.Text>
        {template}
      </Flex>
      {preview.isError && <ImportFailure error={preview.error} title={t('import.previewFailed')} fieldLabel={fieldLabel} data-testid={errorTestId} />}
      <Flex justify="flex-end">
        <Button type="primary" loading={preview.isPending} onClick={onPreview} disabled={previewDisabled} data-testid={previewTestId}>
          {t('import.preview')}
        </Button>
      </Flex>
    </>
  );
}

interface RowsTableProps<T> {
  columns: TableColumnsType<T>;
  rows: T[];
  scrollX: number;
  /** A row that cannot be imported as it is: marked red. */
  isBad: (row: T) => boolean;
  'data-testid': string;
}

/** The rows of the preview, by file row number. */
export function ImportRowsTable<T extends { row: number }>({ columns, rows, scrollX, isBad, 'data-testid': testId }: RowsTableProps<T>) {
  return (
    <Table<T>
      rowKey="row"
      size="small"
      columns={columns}
      dataSource={rows}
      scroll={{ x: scrollX }}
      pagination={{ defaultPageSize: 20, showSizeChanger: true, hideOnSinglePage: true }}
      rowClassName={(r) => (isBad(r) ? 'fk-row-error' : '')}
      data-testid={testId}
    />
  );
}

/** A switch with its label, to show only the rows with problems. */
export function OnlyProblemsSwitch({ id, checked, onChange, disabled, label }: {
  id: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled: boolean;
  label: string;
}) {
  return (
    <Space>
      <Switch checked={checked} onChange={onChange} disabled={disabled} id={id} />
      <label htmlFor={id}>{label}</label>
    </Space>
  );
}

interface ModeProps {
  onlyValid: boolean;
  setOnlyValid: (v: boolean) => void;
  onlyValidLabel: string;
  /** Rows that cannot be imported as they are. */
  problems: number;
  /** Nothing would be imported with only the good rows. */
  noneValid: boolean;
}

/** Whether to import the good rows only or all (all fails on any bad row), with what each choice would do. */
export function ImportModeChoice({ onlyValid, setOnlyValid, onlyValidLabel, problems, noneValid }: ModeProps) {
  const t = useT();
  return (
    <>
      <Radio.Group
        value={onlyValid}
        onChange={(e) => setOnlyValid(e.target.value === true)}
        options={[
          { value: true, label: onlyValidLabel },
          { value: false, label: t('import.modeAll') },
        ]}
        style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
      />
      {!onlyValid && problems > 0 && <Alert type="warning" showIcon title={t('import.allWillFail', { count: problems })} />}
      {onlyValid && noneValid && <Alert type="warning" showIcon title={t('import.noValid')} />}
    </>
  );
}

interface PreviewFooterProps {
  onBack: () => void;
  onCommit: () => void;
  commitDisabled: boolean;
  commitTestId: string;
}

/** Back to the file, or on to the import. */
export function ImportPreviewFooter({ onBack, onCommit, commitDisabled, commitTestId }: PreviewFooterProps) {
  const t = useT();
  return (
    <Flex justify="space-between" wrap gap={8}>
      <Button onClick={onBack}>{t('import.back')}</Button>
      <Button type="primary" onClick={onCommit} disabled={commitDisabled} data-testid={commitTestId}>
        {t('import.commit')}
      </Button>
    </Flex>
  );
}

interface CommitStepProps {
  commit: CallState;
  /** What the import did, once it is done. */
  done: {
    text: string | undefined;
    viewLabel: string;
    onView: () => void;
    viewTestId: string;
  } | null;
  fieldLabel: FieldLabel;
  errorTestId: string;
  onBack: () => void;
  onRestart: () => void;
  'data-testid': string;
}

/** The last step: the import running, its result, or its refusal with the way back. */
export function ImportCommitStep({ commit, done, fieldLabel, errorTestId, onBack, onRestart, 'data-testid': testId }: CommitStepProps) {
  const t = useT();
  return (
    <div data-testid={testId}>
      {commit.isPending && (
        <Flex vertical align="center" gap={16} style={{ padding: 48 }}>
          <Spin size="large" />
          <Typography.Text>{t('import.running')}</Typography.Text>
        </Flex>
      )}
      {done && (
        <Result
          status="success"
          title={t('import.doneTitle')}
          subTitle={done.text}
          extra={[
            <Button key="list" type="primary" onClick={done.onView} data-testid={done.viewTestId}>
              {done.viewLabel}
            </Button>,
            <Button key="again" onClick={onRestart}>{t('import.restart')}</Button>,
          ]}
        />
      )}
      {commit.isError && (
        <Flex vertical gap={16}>
          <ImportFailure error={commit.error} title={t('import.failed')} fieldLabel={fieldLabel} data-testid={errorTestId} />
          <Flex justify="space-between" wrap gap={8}>
            <Button onClick={onBack}>{t('import.back')}</Button>
            <Button onClick={onRestart}>{t('import.restart')}</Button>
          </Flex>
        </Flex>
      )}
    </div>
  );
}
