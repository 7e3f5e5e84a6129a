import { useState, type ReactNode } from 'react';
import { App, Button } from 'antd';
import { errorText, serverDetail } from '../../components/shared/errorText';
import { useT } from '../../i18n/useT';

interface Props {
  icon: ReactNode;
  /** Fetches and saves the file; the name is made when the button is pressed. */
  job: () => Promise<void>;
  type?: 'default' | 'link';
  'data-testid': string;
  children: ReactNode;
}

/** A button for one download (an export, a template, a sign-in sheet): busy while it runs, reporting a failure. */
export function DownloadButton({ icon, job, type, 'data-testid': testId, children }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [running, setRunning] = useState(false);
  const start = () => {
    setRunning(true);
    job()
      .catch((e: unknown) => void message.error([t('people.downloadFailed'), errorText(e, t), serverDetail(e)].filter(Boolean).join(' · ')))
      .finally(() => setRunning(false));
  };
  return (
    <Button type={type} icon={icon} loading={running} onClick={start} data-testid={testId}>
      {children}
    </Button>
  );
}
