import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMyAchievements, useShowOnLeaderboards } from '../../api/gamificationQueries';
import { Alert, LoadError } from '../../components/Alert';
import { Button } from '../../components/Button';
import { CheckboxField } from '../../components/Field';
import { Loading } from '../../components/Spinner';
import '../../i18n/gamification';
import { problemMessage } from '../../lib/problemText';

/** Whether others see the member on leaderboards and in challenge standings. */
export function LeaderboardSetting() {
  const { t } = useTranslation();
  const titleId = useId();
  const query = useMyAchievements();
  const save = useShowOnLeaderboards();
  const current = query.data?.show_on_leaderboards ?? true;
  const [show, setShow] = useState(current);
  useEffect(() => setShow(current), [current]);
  return (
    <form
      className="card"
      aria-labelledby={titleId}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(show);
      }}
    >
      <h2 id={titleId}>{t('achievements.setting.title')}</h2>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          <CheckboxField
            label={t('achievements.setting.label')}
            description={t('achievements.setting.description')}
            checked={show}
            onChecked={(checked) => {
              save.reset();
              setShow(checked);
            }}
          />
          {save.error && <Alert tone="error">{problemMessage(t, save.error)}</Alert>}
          {save.isSuccess && <Alert tone="success">{t('common.saved')}</Alert>}
          <Button type="submit" variant="primary" className="btn-block" busy={save.isPending}>
            {t('common.save')}
          </Button>
        </>
      )}
    </form>
  );
}
