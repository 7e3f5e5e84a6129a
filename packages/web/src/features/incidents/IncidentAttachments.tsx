import { useState } from 'react';
import { DownloadOutlined, FilePdfOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Image, List, Progress, Skeleton, Typography, Upload } from 'antd';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, type IncidentAttachment } from '@fangkong/domain';
import { incidentsApi } from './api';
import { ErrorResult } from '../../components/shared/ErrorResult';
import { errorLine } from '../../components/shared/errorText';
import { useT } from '../../i18n/useT';
import { useCan } from '../auth/currentUser';
import { attachmentProblem, sizeText } from './incidentRules';
import { time } from './incidentsUi';
import { useIncidentAttachments, useUploadAttachment } from './useIncidents';

const ACCEPT = [...ATTACHMENT_TYPES, '.pdf', '.png', '.jpg', '.jpeg'].join(',');
const MAX_MB = ATTACHMENT_MAX_BYTES / (1024 * 1024);

function AttachmentRow({ incidentId, attachment: a }: { incidentId: string; attachment: IncidentAttachment }) {
  const t = useT();
  const url = incidentsApi.incidentAttachmentUrl(incidentId, a.id);
  const image = a.contentType !== 'application/pdf';
  return (
    <List.Item
      data-testid="attachment"
      data-type={a.contentType}
      actions={[
        <a key="download" href={url} download={a.fileName} data-testid="attachment-download">
          <DownloadOutlined /> {t('incidents.attachments.download')}
        </a>,
      ]}
    >
      <List.Item.Meta
        avatar={image
          ? <Image src={url} alt={a.fileName} width={56} height={56} style={{ objectFit: 'cover', borderRadius: 4 }} data-testid="attachment-thumb" />
          : <FilePdfOutlined style={{ fontSize: 40, color: '#cf1322' }} />}
        title={(
          <a href={url} target="_blank" rel="noopener noreferrer" style={{ wordBreak: 'break-all' }} data-testid="attachment-open">
            {a.fileName}
          </a>
        )}
        description={[sizeText(a.size), time(a.uploadedAt), a.uploadedBy].filter(Boolean).join(' · ')}
      />
    </List.Item>
  );
}

/** An incident's documents (reports, photos, scans): listed to open or save, and uploaded with progress. */
export function IncidentAttachments({ incidentId }: { incidentId: string }) {
  const t = useT();
  const { message } = App.useApp();
  const canAct = useCan('incidents.act');
  const attachments = useIncidentAttachments(incidentId);
  const upload = useUploadAttachment(incidentId);
  const [progress, setProgress] = useState(0);
  const [uploading, setUploading] = useState<string | null>(null);

  const send = (file: File) => {
    const problem = attachmentProblem(file);
    if (problem) {
      void message.error(problem === 'type'
        ? t('incidents.attachments.badType')
        : problem === 'size' ? t('incidents.attachments.tooLarge', { mb: MAX_MB }) : t('incidents.attachments.empty'));
      return;
    }
    setProgress(0);
    setUploading(file.name);
    upload.mutate({ file, onProgress: setProgress }, {
      onSuccess: ({ attachment }) => void message.success(t('incidents.attachments.uploaded', { name: attachment.fileName })),
      onSettled: () => setUploading(null),
    });
  };

  return (
    <Card
      title={t('incidents.attachments.title')}
      size="small"
      data-testid="incident-attachments"
      extra={canAct && (
        <Upload
          accept={ACCEPT}
          multiple={false}
          showUploadList={false}
          disabled={upload.isPending}
          beforeUpload={(f) => {
            send(f);
            // Sent here as the raw body, not by the Upload itself.
            return false;
          }}
        >
          <Button size="small" icon={<PaperClipOutlined />} loading={upload.isPending} data-testid="attachment-upload">
            {t('incidents.attachments.upload')}
          </Button>
        </Upload>
      )}
    >
      {canAct && <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('incidents.attachments.hint', { mb: MAX_MB })}</Typography.Paragraph>}
      {uploading !== null && (
        <Flex vertical gap={2} style={{ marginBottom: 12 }} data-testid="attachment-progress">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{uploading}</Typography.Text>
          <Progress percent={Math.round(progress * 100)} status="active" size="small" />
        </Flex>
      )}
      {upload.isError && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => upload.reset() }}
          style={{ marginBottom: 12 }}
          title={t('incidents.attachments.failed')}
          description={errorLine(upload.error, t)}
          data-testid="attachment-error"
        />
      )}
      {attachments.isPending
        ? <Skeleton active paragraph={{ rows: 2 }} />
        : attachments.isError
          ? <ErrorResult error={attachments.error} onRetry={() => void attachments.refetch()} />
          : attachments.data.length === 0
            ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('incidents.attachments.none')} />
            : (
              <Image.PreviewGroup>
                <List<IncidentAttachment>
                  size="small"
                  dataSource={attachments.data}
                  renderItem={(a) => <AttachmentRow incidentId={incidentId} attachment={a} />}
                />
              </Image.PreviewGroup>
            )}
    </Card>
  );
}
