import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCursorList } from '../../api/queries';
import { listExercises } from '../../api/training';
import type { Exercise } from '../../api/types';
import { EmptyState, LoadError } from '../../components/Alert';
import { FilterChip } from '../../components/ExercisePicker';
import { Loading } from '../../components/Spinner';
import { useDebounced } from '../search/useDebounced';
import { CATEGORIES, EQUIPMENT, MUSCLES, exerciseKeys, exerciseName } from './vocab';
import { LoadMore } from '../../components/LoadMore';

/** The exercise catalogue: built-in, gym-wide and your own, searchable and filterable. */
export default function ExercisesScreen() {
  const { t } = useTranslation();
  const searchId = useId();
  const [text, setText] = useState('');
  const [muscle, setMuscle] = useState('');
  const [equipment, setEquipment] = useState('');
  const [category, setCategory] = useState('');
  const q = useDebounced(text.trim(), 250);
  const filter = { q, muscle, equipment, category };
  const list = useCursorList(exerciseKeys.list(filter), (cursor) => listExercises(filter, cursor, 40));
  const filtered = Boolean(q || muscle || equipment || category);
  return (
    <section className="screen">
      <div className="cat-screen-head">
        <h1>{t('exercises.title')}</h1>
        <Link className="btn btn-primary" to="/exercises/new">
          {t('exercises.new')}
        </Link>
      </div>
      <div className="field">
        <label htmlFor={searchId}>{t('picker.search')}</label>
        <input id={searchId} type="search" value={text} placeholder={t('picker.placeholder')} autoComplete="off" autoCapitalize="none" spellCheck={false} onChange={(e) => setText(e.target.value)} />
      </div>
      <div className="cat-chips cat-chips-page" role="group" aria-label={t('picker.filters')}>
        <FilterChip label={t('picker.muscle')} any={t('picker.anyMuscle')} value={muscle} onValue={setMuscle} options={MUSCLES} ns="muscles" />
        <FilterChip label={t('picker.equipment')} any={t('picker.anyEquipment')} value={equipment} onValue={setEquipment} options={EQUIPMENT} ns="equipment" />
        <FilterChip label={t('picker.category')} any={t('picker.anyCategory')} value={category} onValue={setCategory} options={CATEGORIES} ns="categories" />
        {(muscle || equipment || category) && (
          <button
            type="button"
            className="cat-chip cat-chip-clear"
            onClick={() => {
              setMuscle('');
              setEquipment('');
              setCategory('');
            }}
          >
            {t('picker.clearFilters')}
          </button>
        )}
      </div>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.items.length === 0 ? (
        <EmptyState>{q ? t('picker.noMatch', { q }) : filtered ? t('picker.noneWithFilters') : t('exercises.empty')}</EmptyState>
      ) : (
        <div className="card" aria-busy={list.isFetching || undefined}>
          <ul className="rows">
            {list.items.map((e) => (
              <ExerciseRow key={e.id} exercise={e} />
            ))}
          </ul>
          <LoadMore list={list} />
        </div>
      )}
    </section>
  );
}

function ExerciseRow({ exercise }: { exercise: Exercise }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="row">
      <div className="row-main">
        <p className="row-title">
          <Link to={`/exercises/${exercise.id}`}>{exerciseName(exercise, i18n.language)}</Link>
          {exercise.scope !== 'builtin' && <span className="badge badge-muted cat-badge-inline">{t(`exercises.scope.${exercise.scope}`)}</span>}
        </p>
        <p className="row-meta">
          <span>{exercise.primary.map((m) => t(`muscles.${m}`, { defaultValue: m })).join(', ')}</span>
          <span>{t(`equipment.${exercise.equipment}`, { defaultValue: exercise.equipment })}</span>
        </p>
      </div>
    </li>
  );
}
