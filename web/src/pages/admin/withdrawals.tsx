import { Money } from '../../components/money';
import { useI18n } from '../../i18n';
import { DecideButton, DecideListPage, decisionPath, reasonField } from './decide-list';
import type { Withdrawal } from './types';

const ENDPOINT = '/api/admin/withdrawals';
const STATUSES: readonly Withdrawal['status'][] = ['requested', 'approved', 'paid', 'rejected'];

/** 提现审核: requested -> approved -> paid, or rejected with a reason (the cash goes back). */
export default function AdminWithdrawalsPage() {
  const { t } = useI18n();
  const statusLabel = (s: Withdrawal['status']) => t(`admin.wd.status.${s}`);
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
    <DecideListPage<Withdrawal>
      title={t('page.adminWithdrawals')}
      endpoint={ENDPOINT}
      statuses={STATUSES}
      statusLabel={statusLabel}
      none={t('admin.wd.none')}
      whoHeader={t('admin.wd.account')}
      who={(w) => w.accountId}
      extraHeader={t('admin.wd.destinationCol')}
      extraCell={(w) => <td>{w.destination || '—'}</td>}
      doneText={(w) => t('admin.wd.done', { id: w.id, status: statusLabel(w.status) })}
      actions={(w, decide) => (
        <div className="row-actions">
          {w.status === 'requested' ? (
            <DecideButton
              label={t('admin.approve')}
              onClick={() =>
                decide({
                  path: decisionPath(ENDPOINT, w.id, 'approve'),
                  title: t('admin.wd.approveTitle'),
                  confirmLabel: t('admin.approve'),
                  text: what(w),
                })
              }
            />
          ) : null}
          {w.status === 'approved' ? (
            <DecideButton
              label={t('admin.wd.markPaid')}
              onClick={() =>
                decide({
                  path: decisionPath(ENDPOINT, w.id, 'pay'),
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
            />
          ) : null}
          {w.status === 'requested' || w.status === 'approved' ? (
            <DecideButton
              label={t('admin.reject')}
              secondary
              onClick={() =>
                decide({
                  path: decisionPath(ENDPOINT, w.id, 'reject'),
                  title: t('admin.wd.rejectTitle'),
                  confirmLabel: t('admin.reject'),
                  danger: true,
                  text: what(w),
                  field: reasonField(t('admin.reasonLabel')),
                })
              }
            />
          ) : null}
        </div>
      )}
    />
  );
}
