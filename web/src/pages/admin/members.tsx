import { type FormEvent, useState } from 'react';
import { Empty } from '../../components/states';
import { formatTime } from '../../format';
import { useI18n } from '../../i18n';
import type { Member, Role } from '../../types';
import { AdminPage, MoreButton, StatusFilter, usePaged } from './common';
import { AdminTable, PagedStates } from './table';

const ROLES: readonly Role[] = ['consumer', 'merchant', 'admin'];

/** 会员: every account, newest first, by role and a search on phone, e-mail or name. */
export default function AdminMembersPage() {
  const { t, lang } = useI18n();
  const [role, setRole] = useState<Role | undefined>(undefined);
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState<string | undefined>(undefined);
  const list = usePaged<Member>('/api/admin/members', { role, q });
  const roleLabel = (r: Role) => t(`admin.role.${r}`);

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    setQ(typed.trim() === '' ? undefined : typed.trim());
  };

  return (
    <AdminPage title={t('page.adminMembers')}>
      <form className="search-form" onSubmit={onSearch}>
        <label htmlFor="admin-member-q" className="visually-hidden">
          {t('admin.members.search')}
        </label>
        <input
          id="admin-member-q"
          type="search"
          value={typed}
          maxLength={100}
          placeholder={t('admin.members.searchPlaceholder')}
          onChange={(event) => setTyped(event.target.value)}
        />
        <button type="submit" className="button">
          {t('admin.members.searchButton')}
        </button>
      </form>
      <StatusFilter statuses={ROLES} value={role} onChange={setRole} label={roleLabel} all={t('admin.all')} />
      <PagedStates list={list} empty={<Empty>{t('admin.members.none')}</Empty>} />
      {list.items.length > 0 ? (
        <AdminTable
          caption={t('page.adminMembers')}
          columns={[
            t('admin.members.name'),
            t('admin.members.role'),
            t('admin.members.contact'),
            t('admin.members.referral'),
            t('admin.members.joined'),
            'ID',
          ]}
        >
          {list.items.map((member) => (
            <tr key={member.id}>
              <td>{member.displayName}</td>
              <td>
                {roleLabel(member.role)}
                {member.merchantId ? <span className="muted"> · {member.merchantId}</span> : null}
              </td>
              <td>{[member.phone, member.email].filter(Boolean).join(' · ') || '—'}</td>
              <td>
                {member.referralCode ?? '—'}
                {member.referrerId ? (
                  <span className="muted block">
                    {t('admin.members.referredBy', { id: member.referrerId })}
                  </span>
                ) : null}
              </td>
              <td className="admin-nowrap">{formatTime(member.createdAt, lang)}</td>
              <td className="admin-mono">{member.id}</td>
            </tr>
          ))}
        </AdminTable>
      ) : null}
      <MoreButton list={list} />
    </AdminPage>
  );
}
