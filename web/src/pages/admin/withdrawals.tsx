import { useState } from 'react';
import { Money } from '../../components/money';
import { Empty, ErrorMessage, Loading } from '../../components/states';
import { formatTime } from '../../format';
import { useI18n } from '../../i18n';
import { AdminPage, MoreButton, StatusFilter, usePaged } from './common';
import { type Decision, DecisionDialog } from './decide';
import type { Withdrawal } from './types';

type Status = Withdrawal['status'];
const STATUSES: readonly Status[] = ['requested', 'approved', 'paid', 'rejected'];

/** 提现审核: requested -> approved -> paid, or rejected with a reason (the cash goes back). */
export default function AdminWithdrawalsPage() {
  const { t, lang } = useI18n();
  const [status, setStatus] = useState<Status | undefined>('requested');
  const list = usePaged<Withdrawal>('/api/admin/withdrawals', { status });
  const [decision, setDecision] = useState<Decision | undefined>(undefined);
  const [done, setDone] = useState<string | undefined>(undefined);
  const statusLabel = (s: Status) => t(`admin.wd.status.${s}`);
  const path = (w: Withdrawal, verb: string) => `/api/admin/withdrawals/${encodeURIComponent(w.id)}/${verb}`;
  const what = (w: Withdrawal) => (
    <p>
      {t('admin.wd.what', { id: w.id, account: w.accountId })}{' '}
      <strong>
        <Money fen={w.amountFen} />
      </strong>
      {w.destination ? (
        <span className="block">{t('admin.wd.destination', { to: w.destination })}</span>
      ) : null}
    </p>
  );

  return (
    <AdminPage title={t('page.adminWithdrawals')}>
      <StatusFilter
        statuses={STATUSES}
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
      {list.error ? <ErrorMessage error={list.error} onRetry={list.reload} /> : null}
      {list.loading && list.items.length === 0 ? <Loading /> : null}
      {!list.loading && !list.error && list.items.length === 0 ? <Empty>{t('admin.wd.none')}</Empty> : null}
      {list.items.length > 0 ? (
        <div className="admin-table-wrap">
          <table className="admin-table">
            <caption className="visually-hidden">{t('page.adminWithdrawals')}</caption>
            <thead>
              <tr>
                <th scope="col">ID</th>
                <th scope="col">{t('admin.wd.account')}</th>
                <th scope="col" className="num">
                  {t('admin.orders.amount')}
                </th>
                <th scope="col">{t('admin.orders.status')}</th>
                <th scope="col">{t('admin.wd.destinationCol')}</th>
                <th scope="col">{t('admin.orders.created')}</th>
                <th scope="col">{t('admin.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((w) => (
                <tr key={w.id}>
                  <td className="admin-mono">{w.id}</td>
                  <td className="admin-mono">{w.accountId}</td>
                  <td className="num">
                    <Money fen={w.amountFen} />
                  </td>
                  <td>
                    {statusLabel(w.status)}
                    {w.reason ? (
                      <span className="muted block">{t('admin.wd.reason', { reason: w.reason })}</span>
                    ) : null}
                    {w.reference ? (
                      <span className="muted block">
                        {t('admin.wd.reference', { reference: w.reference })}
                      </span>
                    ) : null}
                  </td>
                  <td>{w.destination || '—'}</td>
                  <td className="admin-nowrap">{formatTime(w.createdAt, lang)}</td>
                  <td>
                    <div className="row-actions">
                      {w.status === 'requested' ? (
                        <button
                          type="button"
                          className="button small"
                          onClick={() =>
                            setDecision({
                              path: path(w, 'approve'),
                              title: t('admin.wd.approveTitle'),
                              confirmLabel: t('admin.approve'),
                              text: what(w),
                            })
                          }
                        >
                          {t('admin.approve')}
                        </button>
                      ) : null}
                      {w.status === 'approved' ? (
                        <button
                          type="button"
                          className="button small"
                          onClick={() =>
                            setDecision({
                              path: path(w, 'pay'),
                              title: t('admin.wd.payTitle'),
                              confirmLabel: t('admin.wd.markPaid'),
                              text: what(w),
                              field: {
                                name: 'reference',
                                label: t('admin.wd.referenceLabel'),
                                required: true,
                                maxLength: 200,
                              },
                            })
                          }
                        >
                          {t('admin.wd.markPaid')}
                        </button>
                      ) : null}
                      {w.status === 'requested' || w.status === 'approved' ? (
                        <button
                          type="button"
                          className="button small secondary"
                          onClick={() =>
                            setDecision({
                              path: path(w, 'reject'),
                              title: t('admin.wd.rejectTitle'),
                              confirmLabel: t('admin.reject'),
                              danger: true,
                              text: what(w),
                              field: {
                                name: 'reason',
                                label: t('admin.reasonLabel'),
                                required: true,
                                maxLength: 500,
                                multiline: true,
                              },
                            })
                          }
                        >
                          {t('admin.reject')}
                        </button>
                      ) : null}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <MoreButton list={list} />
      <DecisionDialog<Withdrawal>
        decision={decision}
        onClose={() => setDecision(undefined)}
        onDone={(w) => {
          setDecision(undefined);
          setDone(t('admin.wd.done', { id: w.id, status: statusLabel(w.status) }));
          list.reload();
        }}
      />
    </AdminPage>
  );
}
