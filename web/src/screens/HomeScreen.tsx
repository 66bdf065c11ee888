import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useWaitingRequests } from '../api/coachingQueries';
import { useInstance } from '../api/queries';
import { Avatar } from '../components/Avatar';
import { personName } from '../lib/format';
import { isAdmin, isCoach, useSignedInMe } from '../lib/useSignedInMe';
import { TodayCard } from './workouts/TodayCard';

function LinkCard({ to, title, body }: { to: string; title: string; body: string }) {
  return (
    <Link to={to} className="card link-card">
      <span className="link-card-title">{title}</span>
      <span className="link-card-body">{body}</span>
    </Link>
  );
}

/** What a signed-in person sees first. */
export function HomeScreen() {
  const { t } = useTranslation();
  const { me } = useSignedInMe();
  const { data: instance } = useInstance();
  const waiting = useWaitingRequests();
  const name = me.display_name || me.username;
  return (
    <section className="screen">
      <div className="greeting">
        <Avatar name={name} url={me.avatar_url} size={56} />
        <div>
          <h1>{t('home.greeting', { name })}</h1>
          <p className="muted">{t('home.welcome', { instance: instance?.name || t('app.name') })}</p>
        </div>
      </div>
      {waiting.length > 0 && (
        <Link to="/coaching" className="card link-card card-accent">
          <span className="link-card-title">
            {waiting.length === 1 ? t('home.coachRequest', { name: personName(waiting[0]!) }) : t('coaching.waiting', { count: waiting.length })}
          </span>
          <span className="link-card-body">{t('home.coachRequestBody')}</span>
        </Link>
      )}
      <TodayCard />
      {!me.totp_enabled && (
        <Link to="/settings/security" className="card link-card card-accent">
          <span className="link-card-title">{t('home.secureTitle')}</span>
          <span className="link-card-body">{t('home.secureBody')}</span>
        </Link>
      )}
      <div className="card-grid">
        {isCoach(me.role) && <LinkCard to="/members" title={t('home.membersTitle')} body={t('home.membersBody')} />}
        <LinkCard to="/progress" title={t('home.progressTitle')} body={t('home.progressBody')} />
        <LinkCard to="/profile" title={t('home.profileTitle')} body={t('home.profileBody')} />
        <LinkCard to={`/u/${me.username}`} title={t('home.publicTitle')} body={t('home.publicBody', { username: me.username })} />
        <LinkCard to="/settings" title={t('home.settingsTitle')} body={t('home.settingsBody')} />
        {isAdmin(me) && <LinkCard to="/admin" title={t('home.adminTitle')} body={t('home.adminBody')} />}
      </div>
    </section>
  );
}
