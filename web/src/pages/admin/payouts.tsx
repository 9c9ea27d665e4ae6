import { Money } from '../../components/money';
import { useI18n } from '../../i18n';
import { DecideButton, DecideListPage, decisionPath, reasonField } from './decide-list';
import type { Payout } from './types';

const ENDPOINT = '/api/admin/payouts';
const STATUSES: readonly Payout['status'][] = ['requested', 'paid', 'rejected'];

/** 商户结算: a merchant's payout requests, approved (paid to its bank) or rejected. */
export default function AdminPayoutsPage() {
  const { t } = useI18n();
  const statusLabel = (s: Payout['status']) => t(`admin.po.status.${s}`);
  const what = (p: Payout) => (
    <p>
      {t('admin.po.what', { id: p.id, merchant: p.merchantId })}{' '}
      <strong>
        <Money fen={p.amountFen} />
      </strong>
    </p>
  );

  return (
    <DecideListPage<Payout>
      title={t('page.adminPayouts')}
      endpoint={ENDPOINT}
      statuses={STATUSES}
      statusLabel={statusLabel}
      none={t('admin.po.none')}
      whoHeader={t('admin.po.merchant')}
      who={(p) => p.merchantId}
      extraHeader={t('admin.po.requestedBy')}
      extraCell={(p) => <td className="admin-mono">{p.requestedBy}</td>}
      doneText={(p) => t('admin.po.done', { id: p.id, status: statusLabel(p.status) })}
      actions={(p, decide) =>
        p.status === 'requested' ? (
          <div className="row-actions">
            <DecideButton
              label={t('admin.approve')}
              onClick={() =>
                decide({
                  path: decisionPath(ENDPOINT, p.id, 'approve'),
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
            />
            <DecideButton
              label={t('admin.reject')}
              secondary
              onClick={() =>
                decide({
                  path: decisionPath(ENDPOINT, p.id, 'reject'),
                  title: t('admin.po.rejectTitle'),
                  confirmLabel: t('admin.reject'),
                  danger: true,
                  text: what(p),
                  field: reasonField(t('admin.reasonLabel')),
                })
              }
            />
          </div>
        ) : null
      }
    />
  );
}
