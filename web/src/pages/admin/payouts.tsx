import { useState } from 'react';
import { Money } from '../../components/money';
import { Empty, ErrorMessage, Loading } from '../../components/states';
import { formatTime } from '../../format';
import { useI18n } from '../../i18n';
import { AdminPage, MoreButton, StatusFilter, usePaged } from './common';
import { type Decision, DecisionDialog } from './decide';
import type { Payout } from './types';

type Status = Payout['status'];
const STATUSES: readonly Status[] = ['requested', 'paid', 'rejected'];

/** 商户结算: a merchant's payout requests, approved (paid to its bank) or rejected. */
export default function AdminPayoutsPage() {
  const { t, lang } = useI18n();
  const [status, setStatus] = useState<Status | undefined>('requested');
  const list = usePaged<Payout>('/api/admin/payouts', { status });
  const [decision, setDecision] = useState<Decision | undefined>(undefined);
  const [done, setDone] = useState<string | undefined>(undefined);
  const statusLabel = (s: Status) => t(`admin.po.status.${s}`);
  const path = (p: Payout, verb: string) => `/api/admin/payouts/${encodeURIComponent(p.id)}/${verb}`;
  const what = (p: Payout) => (
    <p>
      {t('admin.po.what', { id: p.id, merchant: p.merchantId })}{' '}
      <strong>
        <Money fen={p.amountFen} />
      </strong>
    </p>
  );

  return (
    <AdminPage title={t('page.adminPayouts')}>
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
      {!list.loading && !list.error && list.items.length === 0 ? <Empty>{t('admin.po.none')}</Empty> : null}
      {list.items.length > 0 ? (
        <div className="admin-table-wrap">
          <table className="admin-table">
            <caption className="visually-hidden">{t('page.adminPayouts')}</caption>
            <thead>
              <tr>
                <th scope="col">ID</th>
                <th scope="col">{t('admin.po.merchant')}</th>
                <th scope="col" className="num">
                  {t('admin.orders.amount')}
                </th>
                <th scope="col">{t('admin.orders.status')}</th>
                <th scope="col">{t('admin.po.requestedBy')}</th>
                <th scope="col">{t('admin.orders.created')}</th>
                <th scope="col">{t('admin.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((p) => (
                <tr key={p.id}>
                  <td className="admin-mono">{p.id}</td>
                  <td className="admin-mono">{p.merchantId}</td>
                  <td className="num">
                    <Money fen={p.amountFen} />
                  </td>
                  <td>
                    {statusLabel(p.status)}
                    {p.reason ? (
                      <span className="muted block">{t('admin.wd.reason', { reason: p.reason })}</span>
                    ) : null}
                    {p.reference ? (
                      <span className="muted block">
                        {t('admin.wd.reference', { reference: p.reference })}
                      </span>
                    ) : null}
                  </td>
                  <td className="admin-mono">{p.requestedBy}</td>
                  <td className="admin-nowrap">{formatTime(p.createdAt, lang)}</td>
                  <td>
                    {p.status === 'requested' ? (
                      <div className="row-actions">
                        <button
                          type="button"
                          className="button small"
                          onClick={() =>
                            setDecision({
                              path: path(p, 'approve'),
                              title: t('admin.po.approveTitle'),
                              confirmLabel: t('admin.approve'),
                              text: what(p),
                              field: {
                                name: 'reference',
                                label: t('admin.po.referenceLabel'),
                                required: false,
                                maxLength: 200,
                              },
                            })
                          }
                        >
                          {t('admin.approve')}
                        </button>
                        <button
                          type="button"
                          className="button small secondary"
                          onClick={() =>
                            setDecision({
                              path: path(p, 'reject'),
                              title: t('admin.po.rejectTitle'),
                              confirmLabel: t('admin.reject'),
                              danger: true,
                              text: what(p),
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
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <MoreButton list={list} />
      <DecisionDialog<Payout>
        decision={decision}
        onClose={() => setDecision(undefined)}
        onDone={(p) => {
          setDecision(undefined);
          setDone(t('admin.po.done', { id: p.id, status: statusLabel(p.status) }));
          list.reload();
        }}
      />
    </AdminPage>
  );
}
