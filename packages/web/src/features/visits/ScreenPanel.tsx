import { useRef, useState } from 'react';
import { CheckOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Input, Modal, Switch, Typography } from 'antd';
import type { InputRef } from 'antd';
import { HEALTH_CODES, ScreeningInput, screenVisitor, type HealthCode, type PolicyBody, type Visit } from '@fangkong/domain';
import { isApiError } from '../../api/client';
import { errorText, serverDetail } from '../../components/shared/errorText';
import { issueMessage } from '../../i18n/zodMessages';
import { useT } from '../../i18n/useT';
import { BandTag } from '../health/healthUi';
import { parseTemperature } from '../health/temperature';
import { useScreenVisit } from './useVisits';
import { refusalText } from './visitsUi';

type CodeSeen = HealthCode | 'none';

const CODE_BUTTON_COLORS: Record<CodeSeen, string> = { green: '#16a34a', yellow: '#d4a106', red: '#dc2626', none: '#722ed1' };

interface Props {
  visit: Visit;
  policy: PolicyBody | undefined;
  /** Admitted visitors inside now: the room limit counts them. */
  insideNow: number;
  onScreened: (visit: Visit) => void;
}

/**
 * What the guard measures and sees, a live preview of the policy's decision (the domain's
 * screenVisitor), and admit / refuse. The server decides; its answer is what counts.
 */
export function ScreenPanel({ visit, policy, insideNow, onScreened }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const screen = useScreenVisit();
  const [tempText, setTempText] = useState('');
  const [mask, setMask] = useState(true);
  const [code, setCode] = useState<CodeSeen>(visit.healthCodeDeclared ?? 'none');
  const [showErrors, setShowErrors] = useState(false);
  const [refusing, setRefusing] = useState(false);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const tempRef = useRef<InputRef>(null);

  const parsed = parseTemperature(tempText);
  const healthCode = code === 'none' ? null : code;
  const base = { temperature: parsed.kind === 'value' ? parsed.value : Number.NaN, mask, healthCode };
  const check = ScreeningInput.safeParse(base);
  const tempIssue = check.success ? undefined : check.error.issues.find((i) => i.path[0] === 'temperature');
  const tempError = parsed.kind === 'empty'
    ? t('gate.temperatureRequired')
    : parsed.kind === 'invalid' ? t('round.problem.format') : tempIssue ? issueMessage(tempIssue, t) : undefined;
  const preview = check.success && policy
    ? screenVisitor(
      { temperature: base.temperature, mask, healthCode, symptoms: visit.symptoms, riskAreaTravel: visit.riskAreaTravel, guardRefuses: false },
      policy,
      { inside: insideNow },
    )
    : undefined;

  const send = (refuseNote: string | undefined) => {
    setFailure(null);
    const input = { temperature: base.temperature, mask, healthCode, ...(refuseNote !== undefined ? { refuse: { note: refuseNote } } : {}) };
    screen.mutate({ id: visit.id, input }, {
      onSuccess: ({ visit: done }) => {
        setRefusing(false);
        onScreened(done);
      },
      onError: (e) => {
        if (isApiError(e) && e.code === 'conflict') {
          setRefusing(false);
          void message.error([t('gate.noLongerPending'), serverDetail(e)].filter(Boolean).join(' · '));
          return;
        }
        setFailure(e);
      },
    });
  };

  const requireTemperature = (): boolean => {
    if (tempError === undefined) return true;
    setShowErrors(true);
    tempRef.current?.focus();
    return false;
  };

  const admit = () => {
    if (requireTemperature()) send(undefined);
  };

  const openRefuse = () => {
    if (!requireTemperature()) return;
    setNote('');
    setNoteError(null);
    setRefusing(true);
  };

  const confirmRefuse = () => {
    const r = ScreeningInput.safeParse({ ...base, refuse: { note } });
    const issue = r.success ? undefined : r.error.issues.find((i) => i.path[0] === 'refuse');
    if (issue) {
      setNoteError(note.trim() === '' ? t('validation.required') : issueMessage(issue, t));
      return;
    }
    send(note.trim());
  };

  const codeButtons: CodeSeen[] = [...HEALTH_CODES, 'none'];

  return (
    <div className="fk-screen" data-testid="screen-panel">
      <Flex gap={16} wrap align="flex-start">
        <div>
          <Typography.Text strong>{t('gate.temperature')}</Typography.Text>
          <Flex gap={8} align="center" style={{ marginTop: 4 }}>
            <Input
              ref={tempRef}
              data-testid="screen-temp"
              aria-label={t('gate.temperatureFor', { name: visit.name })}
              inputMode="decimal"
              autoComplete="off"
              autoFocus
              placeholder={t('round.temperaturePlaceholder')}
              value={tempText}
              maxLength={5}
              suffix="℃"
              status={showErrors && tempError ? 'error' : undefined}
              style={{ width: 120 }}
              onChange={(e) => setTempText(e.target.value)}
              onPressEnter={admit}
            />
            {preview && <BandTag band={preview.band} />}
          </Flex>
          {showErrors && tempError && <Typography.Text type="danger" style={{ fontSize: 12, display: 'block' }}>{tempError}</Typography.Text>}
        </div>
        <div>
          <Typography.Text strong>{t('gate.mask')}</Typography.Text>
          <div style={{ marginTop: 8 }}>
            <Switch checked={mask} onChange={setMask} checkedChildren={t('gate.maskOn')} unCheckedChildren={t('gate.maskOff')} data-testid="screen-mask" />
          </div>
        </div>
        <div>
          <Typography.Text strong>{t('gate.codeSeen')}</Typography.Text>
          <Flex gap={6} wrap style={{ marginTop: 4 }} role="group" aria-label={t('gate.codeSeen')}>
            {codeButtons.map((c) => (
              <Button
                key={c}
                aria-pressed={code === c}
                type={code === c ? 'primary' : 'default'}
                style={code === c ? { background: CODE_BUTTON_COLORS[c], borderColor: CODE_BUTTON_COLORS[c] } : { borderColor: CODE_BUTTON_COLORS[c], color: CODE_BUTTON_COLORS[c] }}
                onClick={() => setCode(c)}
                data-testid={`screen-code-${c}`}
              >
                {c === 'none' ? t('gate.noCode') : t(`healthCode.${c}`)}
              </Button>
            ))}
          </Flex>
        </div>
      </Flex>
      <div style={{ marginTop: 12 }} data-testid="screen-preview" data-admit={preview ? String(preview.admit) : undefined}>
        {preview
          ? (
            <Alert
              type={preview.admit ? 'success' : 'error'}
              showIcon
              title={preview.admit ? t('gate.previewAdmit') : t('gate.previewRefuse', { reasons: refusalText(preview.reasons, t) })}
              description={t('gate.previewHint')}
            />
          )
          : <Typography.Text type="secondary">{policy ? t('gate.previewWaiting') : t('gate.previewNoPolicy')}</Typography.Text>}
      </div>
      {failure !== null && (
        <Alert type="error" showIcon style={{ marginTop: 12 }} title={errorText(failure, t)} description={serverDetail(failure)} />
      )}
      <Flex gap={8} wrap style={{ marginTop: 12 }}>
        <Button type="primary" size="large" icon={<CheckOutlined />} loading={screen.isPending && !refusing} onClick={admit} data-testid="screen-admit">
          {t('gate.admit')}
        </Button>
        <Button danger size="large" icon={<StopOutlined />} onClick={openRefuse} disabled={screen.isPending} data-testid="screen-refuse">
          {t('gate.refuse')}
        </Button>
      </Flex>
      <Modal
        open={refusing}
        title={t('gate.refuseTitle', { name: visit.name })}
        okText={t('gate.refuseConfirm')}
        okButtonProps={{ danger: true, loading: screen.isPending, ...{ 'data-testid': 'refuse-confirm' } }}
        onOk={confirmRefuse}
        onCancel={() => setRefusing(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('gate.refuseHint')}</Typography.Paragraph>
        <Input.TextArea
          data-testid="refuse-note"
          aria-label={t('gate.refuseNote')}
          placeholder={t('gate.refuseNotePlaceholder')}
          value={note}
          maxLength={200}
          showCount
          autoSize={{ minRows: 2, maxRows: 5 }}
          status={noteError ? 'error' : undefined}
          onChange={(e) => {
            setNote(e.target.value);
            setNoteError(null);
          }}
        />
        {noteError && <Typography.Text type="danger">{noteError}</Typography.Text>}
      </Modal>
    </div>
  );
}
