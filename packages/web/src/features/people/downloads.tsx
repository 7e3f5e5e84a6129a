import { useState } from 'react';
import { FileExcelOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { peopleApi, type PeopleFilter } from './api';
import { errorText, serverDetail } from '../../components/shared/errorText';
import { useT } from '../../i18n/useT';
import { formatAt } from '../../components/shared/time';

type Download = 'export' | 'exportRevealed' | 'template';

/** Saves the export or the template, reporting failures; tells which download is running. */
export function useDownloads(filter: PeopleFilter) {
  const t = useT();
  const { message } = App.useApp();
  const [running, setRunning] = useState<Download | null>(null);
  const start = (what: Download) => {
    setRunning(what);
    const day = formatAt(new Date(), 'YYYYMMDD');
    const job = what === 'template'
      ? peopleApi.downloadRosterTemplate(`${t('people.templateFileName')}.xlsx`)
      : peopleApi.exportPeople(filter, what === 'exportRevealed', `${t('people.exportFileName')}-${day}.xlsx`);
    job.catch((e: unknown) => {
      void message.error([t('people.downloadFailed'), errorText(e, t), serverDetail(e)].filter(Boolean).join(' · '));
    }).finally(() => setRunning(null));
  };
  return { running, start };
}

/** The button that downloads the roster template (also used by the import wizard). */
export function TemplateButton({ type = 'default' }: { type?: 'default' | 'link' }) {
  const t = useT();
  const { running, start } = useDownloads({});
  return (
    <Button type={type} icon={<FileExcelOutlined />} loading={running === 'template'} onClick={() => start('template')}>
      {t('people.template')}
    </Button>
  );
}
