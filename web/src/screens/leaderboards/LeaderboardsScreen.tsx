import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { BOARD_METRICS, BOARD_PERIODS, isE1rm, type BoardMetric, type BoardPeriod, type BoardQuery, type Place } from '../../api/gamification';
import { useLeaderboard, useVoidSet } from '../../api/gamificationQueries';
import { useClubs } from '../../api/clubsQueries';
import { Alert, LoadError } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ExercisePicker } from '../../components/ExercisePicker';
import { SelectField } from '../../components/Field';
import { Segmented } from '../../components/Segmented';
import { Loading } from '../../components/Spinner';
import '../../i18n/gamification';
import { personName } from '../../lib/format';
import { problemMessage } from '../../lib/problemText';
import { isAdmin, useSignedInMe } from '../../lib/useSignedInMe';
import { formatDay } from '../achievements/format';
import { useExercises } from '../workouts/useExercises';
import { formatBoardValue } from './boardValue';
import { NotListedHint, RankedList } from './RankedList';
import '../achievements/achievements.css';
import './leaderboards.css';

/** The board asked for in the address (shareable), with defaults filled in. */
export function boardFromParams(params: URLSearchParams): BoardQuery {
  const metric = (BOARD_METRICS as readonly string[]).includes(params.get('metric') ?? '') ? (params.get('metric') as BoardMetric) : 'volume';
  const asked = params.get('period') as BoardPeriod | null;
  // e1RM boards are all-time only.
  const period = isE1rm(metric) ? 'all' : asked && (BOARD_PERIODS as readonly string[]).includes(asked) ? asked : 'week';
  return { metric, period, scope: params.get('scope') || 'gym', exercise: params.get('exercise') || undefined };
}

/** Administrators take an implausible e1RM off the boards, after confirming. */
function VoidAction({ entry, value, onVoid }: { entry: Place; value: string; onVoid: (e: Place, value: string) => void }) {
  const { t } = useTranslation();
  if (!entry.workout_id || !entry.set_id) return null;
  return (
    <Button small variant="ghost" aria-label={t('leaderboards.voidLabel', { name: personName(entry.user) })} onClick={() => onVoid(entry, value)}>
      {t('leaderboards.void')}
    </Button>
  );
}

/** Rankings of the gym, the people one follows or a club: volume, workouts, XP and e1RM of one exercise. */
export default function LeaderboardsScreen() {
  const { t, i18n } = useTranslation();
  const { me } = useSignedInMe();
  const units = me.preferences.units;
  const [params, setParams] = useSearchParams();
  const q = boardFromParams(params);
  const e1rm = isE1rm(q.metric);
  const [picking, setPicking] = useState(false);
  const [voiding, setVoiding] = useState<{ entry: Place; value: string } | null>(null);
  const clubs = useClubs(true);
  const board = useLeaderboard(q, !e1rm || Boolean(q.exercise));
  const voidSet = useVoidSet();
  const { name: exerciseName } = useExercises(q.exercise ? [q.exercise] : []);
  const lang = i18n.language;

  const change = (patch: Partial<BoardQuery>) => {
    const next = { ...q, ...patch };
    const p = new URLSearchParams();
    p.set('metric', next.metric);
    if (!isE1rm(next.metric)) p.set('period', next.period);
    p.set('scope', next.scope);
    if (isE1rm(next.metric) && next.exercise) p.set('exercise', next.exercise);
    setParams(p, { replace: true });
  };

  const myClubs = clubs.items.filter((c) => c.role === 'member' || c.role === 'admin');
  const scopes = [
    { value: 'gym', label: t('leaderboards.scopes.gym') },
    { value: 'following', label: t('leaderboards.scopes.following') },
    ...myClubs.map((c) => ({ value: `club:${c.id}`, label: c.name })),
  ];
  // A club not (yet) in the list still shows by its id rather than falling back silently.
  if (!scopes.some((s) => s.value === q.scope)) scopes.push({ value: q.scope, label: t('leaderboards.scopes.club') });

  const data = board.data;
  const format = (v: number) => (data ? formatBoardValue(t, lang, data, v, units) : '');
  let body;
  if (e1rm && !q.exercise) body = <p className="empty-state">{t('leaderboards.needExercise')}</p>;
  else if (board.isPending) body = <Loading />;
  else if (board.isError) body = <LoadError error={board.error} onRetry={() => void board.refetch()} />;
  else if (data) {
    body = (
      <>
        {data.period_start && data.period_end && (
          <p className="muted gm-small">{t('leaderboards.range', { from: formatDay(lang, data.period_start), to: formatDay(lang, data.period_end) })}</p>
        )}
        {data.me && data.me.rank == null && <NotListedHint value={format(data.me.value)} />}
        <RankedList
          entries={data.entries}
          me={data.me}
          format={format}
          empty={t('leaderboards.empty')}
          label={t(`leaderboards.metrics.${q.metric}`)}
          action={isAdmin(me) && e1rm ? (entry) => <VoidAction entry={entry} value={format(entry.value)} onVoid={(e, value) => setVoiding({ entry: e, value })} /> : undefined}
        />
        {!data.me && <p className="muted gm-small">{t('leaderboards.noResult')}</p>}
      </>
    );
  }

  return (
    <section className="screen gm-boards">
      <h1>{t('leaderboards.title')}</h1>
      <div className="card gm-board-controls">
        <SelectField
          label={t('leaderboards.metric')}
          value={q.metric}
          onValue={(v) => change({ metric: v as BoardMetric })}
          options={BOARD_METRICS.map((m) => ({ value: m, label: t(`leaderboards.metrics.${m}`) }))}
        />
        {e1rm ? (
          <div className="field">
            <span className="gm-field-label">{t('leaderboards.exercise')}</span>
            <p className="gm-exercise">
              {q.exercise && <strong>{exerciseName(q.exercise)}</strong>}
              <Button small onClick={() => setPicking(true)}>
                {t(q.exercise ? 'leaderboards.changeExercise' : 'leaderboards.pickExercise')}
              </Button>
            </p>
          </div>
        ) : (
          <Segmented
            label={t('leaderboards.period')}
            value={q.period}
            onValue={(period) => change({ period })}
            options={BOARD_PERIODS.map((p) => ({ value: p, label: t(`leaderboards.periods.${p}`) }))}
          />
        )}
        <SelectField label={t('leaderboards.scope')} value={q.scope} onValue={(scope) => change({ scope })} options={scopes} />
      </div>
      <section className="card" aria-label={t('leaderboards.results')}>
        {body}
      </section>
      <ExercisePicker
        open={picking}
        onClose={() => setPicking(false)}
        onPick={(ex) => {
          setPicking(false);
          change({ exercise: ex.id });
        }}
        title={t('leaderboards.pickExercise')}
      />
      <ConfirmDialog
        open={voiding !== null}
        title={t('leaderboards.voidTitle')}
        confirmLabel={t('leaderboards.void')}
        busy={voidSet.isPending}
        error={voidSet.error ? problemMessage(t, voidSet.error) : null}
        onCancel={() => {
          setVoiding(null);
          voidSet.reset();
        }}
        onConfirm={() =>
          voiding &&
          voidSet.mutate(
            { workoutId: voiding.entry.workout_id!, setId: voiding.entry.set_id! },
            { onSuccess: () => setVoiding(null) },
          )
        }
      >
        {voiding && <p>{t('leaderboards.voidBody', { name: personName(voiding.entry.user), value: voiding.value })}</p>}
      </ConfirmDialog>
      {voidSet.isSuccess && <Alert tone="success">{t('leaderboards.voided')}</Alert>}
    </section>
  );
}
