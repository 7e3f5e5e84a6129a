import { useState } from 'react';
import { App } from 'antd';
import { errorText, serverDetail } from '../../components/shared/errorText';
import { useT } from '../../i18n/useT';

/** Runs one download at a time (an export, a template, a sign-in sheet), reporting a failure. */
export function useDownload() {
  const t = useT();
  const { message } = App.useApp();
  const [running, setRunning] = useState(false);
  const start = (job: () => Promise<void>) => {
    setRunning(true);
    job()
      .catch((e: unknown) => void message.error([t('people.downloadFailed'), errorText(e, t), serverDetail(e)].filter(Boolean).join(' · ')))
      .finally(() => setRunning(false));
  };
  return { running, start };
}
