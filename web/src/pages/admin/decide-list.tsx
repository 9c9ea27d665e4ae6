import { type ReactNode, useState } from 'react';
import { Money } from '../../components/money';
import { Empty } from '../../components/states';
import { formatTime } from '../../format';
import { useI18n } from '../../i18n';
import { AdminPage, MoreButton, StatusFilter, usePaged } from './common';
import { type Decision, DecisionDialog } from './decide';
import { AdminTable, PagedStates } from './table';

/** What the withdrawal and payout lists have in common. */
export interface DecidedRequest {
  readonly id: string;
  readonly amountFen: string;
  readonly status: string;
  readonly reason: string;
  readonly reference: string | null;
  readonly createdAt: string;
}

interface DecideListProps<T extends DecidedRequest> {
  readonly title: string;
  /** The list's GET path; a decision is a POST to `<endpoint>/<id>/<verb>`. */
  readonly endpoint: string;
  /** The filter's chips; the first is the one shown first. */
  readonly statuses: readonly T['status'][];
  statusLabel(status: T['status']): string;
  readonly none: string;
  /** The column after the id: who asked (the account or the merchant). */
  readonly whoHeader: string;
  who(item: T): string;
  /** The column after the status, its whole cell. */
  readonly extraHeader: string;
  extraCell(item: T): ReactNode;
  /** The actions cell's content; `decide` opens the decision dialog. */
  actions(item: T, decide: (decision: Decision) => void): ReactNode;
  doneText(item: T): string;
}

/** The POST path of a decision on one request. */
export function decisionPath(endpoint: string, id: string, verb: string): string {
  return `${endpoint}/${encodeURIComponent(id)}/${verb}`;
}

/** A button in a row's actions that opens a decision. */
export function DecideButton({
  label,
  secondary = false,
  onClick,
}: {
  label: string;
  secondary?: boolean;
  onClick(): void;
}) {
  return (
    <button type="button" className={secondary ? 'button small secondary' : 'button small'} onClick={onClick}>
      {label}
    </button>
  );
}

/**
 * A list of requests to decide (withdrawals, payouts): filtered by status, paged, each open one with
 * its decisions, confirmed in a dialog and the list reloaded after.
 */
export function DecideListPage<T extends DecidedRequest>(props: DecideListProps<T>) {
  const { t, lang } = useI18n();
  const { statusLabel } = props;
  const [status, setStatus] = useState<T['status'] | undefined>(props.statuses[0]);
  const list = usePaged<T>(props.endpoint, { status });
  const [decision, setDecision] = useState<Decision | undefined>(undefined);
  const [done, setDone] = useState<string | undefined>(undefined);

  return (
    <AdminPage title={props.title}>
      <StatusFilter
        statuses={props.statuses}
        value={status}
        onChange={setStatus}
        label={statusLabel}
        all={t('admin.all')}
      />
      {done ? (
        <p className="notice" role="status">
          {done}
        </p>
      ) : null}
      <PagedStates list={list} empty={<Empty>{props.none}</Empty>} />
      {list.items.length > 0 ? (
        <AdminTable
          caption={props.title}
          columns={[
            'ID',
            props.whoHeader,
            { label: t('admin.orders.amount'), num: true },
            t('admin.orders.status'),
            props.extraHeader,
            t('admin.orders.created'),
            t('admin.actions'),
          ]}
        >
          {list.items.map((item) => (
            <tr key={item.id}>
              <td className="admin-mono">{item.id}</td>
              <td className="admin-mono">{props.who(item)}</td>
              <td className="num">
                <Money fen={item.amountFen} />
              </td>
              <td>
                {statusLabel(item.status)}
                {item.reason ? (
                  <span className="muted block">{t('admin.wd.reason', { reason: item.reason })}</span>
                ) : null}
                {item.reference ? (
                  <span className="muted block">
                    {t('admin.wd.reference', { reference: item.reference })}
                  </span>
                ) : null}
              </td>
              {props.extraCell(item)}
              <td className="admin-nowrap">{formatTime(item.createdAt, lang)}</td>
              <td>{props.actions(item, setDecision)}</td>
            </tr>
          ))}
        </AdminTable>
      ) : null}
      <MoreButton list={list} />
      <DecisionDialog<T>
        decision={decision}
        onClose={() => setDecision(undefined)}
        onDone={(item) => {
          setDecision(undefined);
          setDone(props.doneText(item));
          list.reload();
        }}
      />
    </AdminPage>
  );
}

/** The reason a rejection asks for. */
export function reasonField(label: string): NonNullable<Decision['field']> {
  return { name: 'reason', label, required: true, maxLength: 500, multiline: true };
}
