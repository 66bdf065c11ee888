import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RecordSummary } from '../../api/analysis';
import { useMyRecords } from '../../api/analysisQueries';
import { EmptyState, LoadError } from '../../components/Alert';
import { TextField } from '../../components/Field';
import { Loading } from '../../components/Spinner';
import { useFormat } from '../../lib/format';
import { formatNumber, formatWeight } from '../../lib/units';
import { useSignedInMe } from '../../lib/useSignedInMe';
import './progress.css';

function RecordRow({ item }: { item: RecordSummary }) {
  const { t, i18n } = useTranslation();
  const { me } = useSignedInMe();
  const format = useFormat();
  const lang = i18n.language;
  const units = me.preferences.units;
  const facts: [string, string][] = [];
  if (item.e1rm_kg != null) facts.push([t('progress.metric.e1rm'), formatWeight(t, lang, item.e1rm_kg, units)]);
  if (item.heaviest_kg != null) facts.push([t('progress.metric.heaviest'), formatWeight(t, lang, item.heaviest_kg, units)]);
  if (item.most_reps != null) facts.push([t('progress.metric.most_reps'), t('progress.repsValue', { count: item.most_reps, value: formatNumber(item.most_reps, lang, 0) })]);
  return (
    <li className="row">
      <div className="row-main">
        <p className="row-title">
          <Link to={`/exercises/${item.exercise_id}`}>{item.exercise_name}</Link>
        </p>
        {facts.length > 0 && (
          <dl className="pg-facts">
            {facts.map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        )}
        {item.last_record_at && <p className="row-meta">{t('progress.recordsPage.last', { date: format.date(item.last_record_at) })}</p>}
      </div>
    </li>
  );
}

/** Every exercise the member holds records in, most recent first, each linking to its page. */
export default function RecordsScreen() {
  const { t, i18n } = useTranslation();
  const query = useMyRecords();
  const [q, setQ] = useState('');
  const needle = q.trim().toLocaleLowerCase(i18n.language);
  let body;
  if (query.isPending) body = <Loading />;
  else if (query.isError) body = <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  else if (query.data.items.length === 0) body = <EmptyState>{t('progress.recordsPage.empty')}</EmptyState>;
  else {
    const items = query.data.items.filter((i) => !needle || i.exercise_name.toLocaleLowerCase(i18n.language).includes(needle));
    body = (
      <>
        <TextField label={t('progress.recordsPage.filter')} type="search" value={q} onValue={setQ} autoComplete="off" />
        {items.length === 0 ? (
          <EmptyState>{t('progress.recordsPage.noMatch', { q: q.trim() })}</EmptyState>
        ) : (
          <ul className="rows">
            {items.map((item) => (
              <RecordRow key={item.exercise_id} item={item} />
            ))}
          </ul>
        )}
      </>
    );
  }
  return (
    <section className="screen pg">
      <Link className="back-link" to="/progress">
        {t('progress.recordsPage.back')}
      </Link>
      <h1>{t('progress.recordsPage.title')}</h1>
      <p className="muted">{t('progress.recordsPage.intro')}</p>
      <div className="card">{body}</div>
    </section>
  );
}
