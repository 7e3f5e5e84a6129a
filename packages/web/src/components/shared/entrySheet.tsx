import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { SaveOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Typography } from 'antd';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { useT } from '../../i18n/useT';
import { errorText, serverDetail } from './errorText';

// The pieces of the entry sheets (the daily round, a batch of tests, a sampling session): one row a
// person, typed by keyboard from row to row, saved as one batch that the server takes or refuses whole.

/** While there are unsaved values, leaving the page makes the browser ask first. */
export function useLeaveWarning(unsaved: boolean): void {
  useEffect(() => {
    if (!unsaved) return undefined;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);
}

type RowErrors = Readonly<Record<string, readonly string[]>>;

/**
 * The server's errors by row key, from the last refused save; `clearRow` drops a row's errors once
 * it is changed (the same map when it had none, so that nothing renders again).
 */
export function useRowErrors() {
  const [errors, setErrors] = useState<RowErrors>({});
  const clearRow = useCallback((key: string) => {
    setErrors((prev) => {
      if (!(key in prev)) return prev;
      const next = { ...prev };
      delete next[key];
      return next;
    });
  }, []);
  return { errors, setErrors, clearRow };
}

/** Where an error's path points in the list sent: the row's index, and the field when named. */
export type ListFieldIndex = (path: string) => { index: number; field: string | undefined } | undefined;

/**
 * A refused save's field errors by row key. `sent` holds the rows' keys in the order sent, `locate`
 * reads an error's path, `text` words an error; errors that name no row sent are left out.
 */
export function errorsByRow(
  error: unknown,
  sent: readonly string[],
  locate: ListFieldIndex,
  text: (message: string, field: string | undefined) => string,
): Record<string, string[]> {
  const byRow: Record<string, string[]> = {};
  if (!isApiError(error)) return byRow;
  for (const f of error.fields) {
    const at = locate(f.path);
    const key = at ? sent[at.index] : undefined;
    if (!at || !key) continue;
    (byRow[key] ??= []).push(text(f.message, at.field));
  }
  return byRow;
}

/** Enter or ↓ goes down a row, Shift+Enter or ↑ up: whether a key goes back, undefined when it does not move. */
export function rowMoveBack(e: { key: string; shiftKey: boolean }): boolean | undefined {
  if (e.key === 'ArrowUp') return true;
  if (e.key === 'ArrowDown') return false;
  if (e.key === 'Enter') return e.shiftKey;
  return undefined;
}

interface Focusable {
  focus: () => void;
}

const focusOnly = (el: Focusable) => el.focus();

/**
 * The focus along one field of each row: `register` keeps a row's field, `move` goes up or down a
 * row (down from the last row is the save button), `onKey` does that for the keys of rowMoveBack.
 * `reveal` focuses a field (and may scroll it into view); it must not change between renders.
 */
export function useRowFocus<T extends Focusable>(count: number, saveRef: RefObject<HTMLButtonElement | null>, reveal: (el: T) => void = focusOnly) {
  const fields = useRef<(T | null)[]>([]);

  const register = useCallback((index: number, el: T | null) => {
    fields.current[index] = el;
  }, []);

  const focus = useCallback((index: number) => {
    const el = fields.current[index];
    if (el) reveal(el);
  }, [reveal]);

  const move = useCallback((index: number, back: boolean) => {
    const target = back ? index - 1 : index + 1;
    if (target < 0) return;
    if (target >= count) saveRef.current?.focus();
    else focus(target);
  }, [count, focus, saveRef]);

  const onKey = useCallback((index: number, e: KeyboardEvent<HTMLElement>) => {
    const back = rowMoveBack(e);
    if (back === undefined) return;
    e.preventDefault();
    move(index, back);
  }, [move]);

  return { register, focus, move, onKey };
}

/** The person a row is for: a link that Tab skips (Tab and Enter are for the row's fields). */
export function RowPersonLink({ personId, name }: { personId: string; name: string }) {
  return <Link to={`/people/${personId}`} tabIndex={-1} style={{ fontWeight: 600, color: 'inherit' }}>{name}</Link>;
}

/** What the server said about one row of a refused save. */
export function RowMessages({ messages }: { messages: readonly string[] | undefined }) {
  return <>{messages?.map((m) => <Typography.Text key={m} type="danger" style={{ fontSize: 12, display: 'block' }}>{m}</Typography.Text>)}</>;
}

interface SavedProps {
  title: string;
  /** What the save raised (alerts opened, positives): a warning with the way to the alerts; null for none. */
  warning: string | null;
  alertsTo: string;
  alertsLinkTestId?: string;
  onClose: () => void;
  'data-testid': string;
}

/**
 * The outcome of a save, until closed. It shows above the sheet, which on a phone is far above the
 * save button the user pressed at the bottom: it is brought into view when it appears.
 */
export function SavedAlert({ title, warning, alertsTo, alertsLinkTestId, onClose, 'data-testid': testId }: SavedProps) {
  const t = useT();
  const shown = useRef<HTMLDivElement>(null);
  useEffect(() => {
    shown.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [title, warning]);
  return (
    <div ref={shown} style={{ scrollMarginTop: 8 }}>
      <Alert
        type={warning !== null ? 'warning' : 'success'}
        showIcon
        closable={{ onClose }}
        style={{ marginBottom: 12 }}
        data-testid={testId}
        title={title}
        description={warning !== null && (
          <span>
            {warning}{' '}
            <Link to={alertsTo} data-testid={alertsLinkTestId}>{t('round.viewAlerts')}</Link>
          </span>
        )}
      />
    </div>
  );
}

interface FailureProps {
  failure: unknown;
  /** How many rows the server refused (nothing was saved then). */
  refusedRows: number;
  /** Said instead when the network failed (the values are kept: saving again is safe). */
  networkHint?: string;
  'data-testid': string;
}

/** Why the last save failed: rows refused, or the error. */
export function SaveFailure({ failure, refusedRows, networkHint, 'data-testid': testId }: FailureProps) {
  const t = useT();
  if (failure === null) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid={testId}
      title={refusedRows > 0 ? t('round.rowsRefused', { count: refusedRows }) : errorText(failure, t)}
      description={
        networkHint !== undefined && isApiError(failure) && failure.code === 'network'
          ? networkHint
          : refusedRows > 0 ? t('round.nothingSaved') : serverDetail(failure)
      }
    />
  );
}

/** The footer that stays at the bottom of the screen: counts on the left, actions on the right. */
export function SheetFooter({ stats, children, 'data-testid': testId }: { stats: ReactNode; children?: ReactNode; 'data-testid'?: string }) {
  return (
    <div className="fk-round-footer" data-testid={testId}>
      <Flex gap={16} wrap align="center" justify="space-between">
        <Flex gap={20} wrap>{stats}</Flex>
        {children}
      </Flex>
    </div>
  );
}

interface SaveProps {
  /** Where the focus goes after the last row. */
  ref: RefObject<HTMLButtonElement | null>;
  saving: boolean;
  disabled?: boolean;
  onClick: () => void;
  'data-testid': string;
  children: ReactNode;
}

/** The sheet's save button. */
export function SaveButton({ ref, saving, disabled, onClick, 'data-testid': testId, children }: SaveProps) {
  return (
    <Button ref={ref} type="primary" icon={<SaveOutlined />} loading={saving} disabled={disabled} onClick={onClick} data-testid={testId}>
      {children}
    </Button>
  );
}
