import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Button } from '../../components/Button';
import { useSignedInMe } from '../../lib/useSignedInMe';
import { startWorkout } from '../../lib/workoutActions';

/** A new member's dashboard: what fills it and how to begin. */
export function StartTraining() {
  const { t } = useTranslation();
  const { me } = useSignedInMe();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const start = async () => {
    setBusy(true);
    const id = await startWorkout({ owner: me.id });
    navigate(`/workouts/${id}`);
  };
  return (
    <section className="card card-accent pg-start" aria-labelledby="pg-start-title">
      <h2 id="pg-start-title">{t('progress.empty.title')}</h2>
      <p>{t('progress.empty.body')}</p>
      <div className="actions">
        <Button variant="primary" busy={busy} onClick={() => void start()}>
          {t('progress.empty.start')}
        </Button>
        <Link to="/workouts/new" className="btn btn-secondary">
          {t('progress.empty.logPast')}
        </Link>
      </div>
    </section>
  );
}
