import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Club } from '../../api/clubs';

/** A club in a list: its name (linking to its page), who may join, its size and the viewer's place. */
export function ClubRow({ club }: { club: Club }) {
  const { t } = useTranslation();
  return (
    <li className="row club-row">
      <div className="row-main">
        <p className="row-title">
          <Link to={`/clubs/${club.id}`}>{club.name}</Link>
          {club.role && <span className={`badge ${club.role === 'admin' ? 'badge-accent' : 'badge-muted'} club-role`}>{t(`clubs.role.${club.role}`)}</span>}
        </p>
        <p className="row-meta">
          <span>{t(`clubs.policy.${club.policy}`)}</span>
          <span>{t('clubs.members', { count: club.members })}</span>
        </p>
        {club.description && <p className="club-row-about">{club.description}</p>}
      </div>
    </li>
  );
}
