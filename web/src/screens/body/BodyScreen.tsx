import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { addBodyMetric, bodyMetricKinds, deleteBodyMetric, listBodyMetrics } from '../../api/training';
import type { BodyMetric } from '../../api/types';
import { EmptyState, LoadError } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Loading } from '../../components/Spinner';
import { useFormat } from '../../lib/format';
import { newId } from '../../lib/ids';
import { formErrors, problemMessage } from '../../lib/problemText';
import { inputToKg, inputToLength, kgToInput, lengthToInput, parseNumber, type Units } from '../../lib/units';
import { useSignedInMe } from '../../lib/useSignedInMe';
import { localDate } from '../plans/dates';

const BodyChart = lazy(() => import('./BodyChart'));

const LENGTHS = ['waist', 'hips', 'chest', 'neck', 'shoulders', 'arm', 'forearm', 'thigh', 'calf'] as const;
const BUILT_IN = ['weight', 'body_fat', ...LENGTHS] as const;

/** Query keys: every kind's newest entry, and one kind's entries. */
const bodyKeys = {
  all: ['body-metrics'] as const,
  kinds: ['body-metrics', 'kinds'] as const,
  list: (kind: string) => ['body-metrics', 'list', kind] as const,
};

type Dimension = 'weight' | 'percent' | 'length' | 'plain';

const dimensionOf = (kind: string): Dimension =>
  kind === 'weight' ? 'weight' : kind === 'body_fat' ? 'percent' : (LENGTHS as readonly string[]).includes(kind) ? 'length' : 'plain';

/** Stored SI value → what the person sees and types, in their units. */
function toDisplay(kind: string, value: number, units: Units): number {
  const d = dimensionOf(kind);
  return d === 'weight' ? kgToInput(value, units) : d === 'length' ? lengthToInput(value, units) : value;
}

function toStored(kind: string, value: number, units: Units): number {
  const d = dimensionOf(kind);
  return d === 'weight' ? inputToKg(value, units) : d === 'length' ? inputToLength(value, units) : value;
}

const slug = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 32);

/** Body weight and measurements over time: the latest of each, a chart, the entries, and a quick way to add one. */
export default function BodyScreen() {
  const { t, i18n } = useTranslation();
  const { me } = useSignedInMe();
  const units: Units = me.preferences.units === 'imperial' ? 'imperial' : 'metric';
  const [kind, setKind] = useState<string>('weight');
  // A kind typed in "Track something else" exists only here until its first entry is saved;
  // after that the server lists it with the others.
  const [added, setAdded] = useState<string[]>([]);
  const kindId = useId();
  const recorded = useQuery({ queryKey: bodyKeys.kinds, queryFn: bodyMetricKinds });
  const latest = recorded.data?.items ?? [];
  const kinds = [...new Set<string>([...BUILT_IN, ...latest.map((m) => m.kind), ...added])];
  const kindLabel = (k: string) => (dimensionOf(k) === 'plain' ? k.replace(/_/g, ' ') : t(`body.kinds.${k}`));
  const unit = (k: string) => {
    const d = dimensionOf(k);
    if (d === 'weight') return t(units === 'imperial' ? 'body.unit.lb' : 'body.unit.kg');
    if (d === 'length') return t(units === 'imperial' ? 'body.unit.in' : 'body.unit.cm');
    if (d === 'percent') return '%';
    return '';
  };
  const query = useQuery({ queryKey: bodyKeys.list(kind), queryFn: () => listBodyMetrics(kind) });
  const addKind = (name: string) => {
    const k = slug(name);
    if (!k) return;
    if (!kinds.includes(k)) setAdded((prev) => [...prev, k]);
    setKind(k);
  };

  return (
    <section className="screen">
      <h1>{t('body.title')}</h1>
      <div className="card">
        <LatestByKind
          items={latest}
          pending={recorded.isPending}
          error={recorded.isError ? recorded.error : null}
          onRetry={() => void recorded.refetch()}
          selected={kind}
          onSelect={setKind}
          label={kindLabel}
          unit={unit}
          units={units}
          locale={i18n.language}
        />
        <div className="field">
          <label htmlFor={kindId}>{t('body.measurement')}</label>
          <select id={kindId} value={kind} onChange={(e) => setKind(e.target.value)}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k)}
              </option>
            ))}
          </select>
        </div>
        <NewKindForm onAdd={addKind} />
      </div>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <MetricHistory
          kind={kind}
          label={kindLabel(kind)}
          unit={unit(kind)}
          items={query.data.items}
          units={units}
          locale={i18n.language}
          form={<AddEntryForm key={kind} kind={kind} kindLabel={kindLabel(kind)} unit={unit(kind)} units={units} />}
        />
      )}
    </section>
  );
}

/** A value in the person's units, with its unit. */
function useShow(unit: string, locale: string) {
  const numberFmt = useMemo(() => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }), [locale]);
  return useCallback(
    (v: number) => (unit === '%' ? `${numberFmt.format(v)} %` : unit ? `${numberFmt.format(v)} ${unit}` : numberFmt.format(v)),
    [numberFmt, unit],
  );
}

interface LatestProps {
  items: BodyMetric[];
  pending: boolean;
  error: unknown;
  onRetry: () => void;
  selected: string;
  onSelect: (kind: string) => void;
  label: (kind: string) => string;
  unit: (kind: string) => string;
  units: Units;
  locale: string;
}

/** Each kind recorded so far with its newest value; choosing one shows its chart below. */
function LatestByKind({ items, pending, error, onRetry, selected, onSelect, label, unit, units, locale }: LatestProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const numberFmt = useMemo(() => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }), [locale]);
  const show = (m: BodyMetric) => {
    const u = unit(m.kind);
    const v = numberFmt.format(toDisplay(m.kind, m.value, units));
    return u === '%' ? `${v} %` : u ? `${v} ${u}` : v;
  };
  if (pending) return <Loading />;
  if (error) return <LoadError error={error} onRetry={onRetry} />;
  if (items.length === 0) return null;
  return (
    <section className="cat-kinds" aria-labelledby="body-latest-title">
      <h2 id="body-latest-title" className="cat-card-title">
        {t('body.latestTitle')}
      </h2>
      <ul className="cat-kind-list">
        {items.map((m) => (
          <li key={m.kind}>
            <button type="button" className="cat-kind-item" aria-pressed={m.kind === selected} onClick={() => onSelect(m.kind)}>
              <span className="cat-kind-name">{label(m.kind)}</span>
              <strong className="cat-kind-value">{show(m)}</strong>
              <span className="muted cat-small">{format.date(m.measured_at)}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function NewKindForm({ onAdd }: { onAdd: (name: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  if (!open) {
    return (
      <Button small variant="ghost" onClick={() => setOpen(true)}>
        {t('body.addKind')}
      </Button>
    );
  }
  return (
    <form
      className="cat-inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!name.trim()) return;
        onAdd(name);
        setName('');
        setOpen(false);
      }}
    >
      <div className="field">
        <label htmlFor={id}>{t('body.kindName')}</label>
        <input id={id} value={name} maxLength={32} placeholder={t('body.kindPlaceholder')} onChange={(e) => setName(e.target.value)} autoFocus />
      </div>
      <div className="actions">
        <Button type="submit" small variant="primary" disabled={!name.trim()}>
          {t('body.addKindSubmit')}
        </Button>
        <Button small onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

function AddEntryForm({ kind, kindLabel, unit, units }: { kind: string; kindLabel: string; unit: string; units: Units }) {
  const { t } = useTranslation();
  const { me } = useSignedInMe();
  const client = useQueryClient();
  const id = useId();
  const today = localDate(me.preferences.timezone);
  const [value, setValue] = useState('');
  const [date, setDate] = useState(today);
  const [note, setNote] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const [key, setKey] = useState(newId);
  const add = useMutation({
    mutationFn: (n: number) =>
      addBodyMetric(
        {
          kind,
          value: toStored(kind, n, units),
          // Today's entry is stamped now; an earlier day at its noon, so time zones keep the date.
          measured_at: date === today ? new Date().toISOString() : `${date}T12:00:00Z`,
          note: note.trim() || undefined,
        },
        key,
      ),
    onSuccess: () => {
      setValue('');
      setNote('');
      setKey(newId());
      void client.invalidateQueries({ queryKey: bodyKeys.all });
    },
  });
  const errors = formErrors(t, add.error, ['value', 'measured_at', 'note', 'kind']);
  const valueError = localError ?? (errors.fields.value ? t('body.badValue') : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = parseNumber(value);
    if (n === null || n <= 0) {
      setLocalError(t('body.badValue'));
      return;
    }
    setLocalError(null);
    add.mutate(n);
  };
  return (
    <form className="card cat-body-form" noValidate onSubmit={submit}>
      <h2 className="cat-card-title">{t('body.addTitle', { kind: kindLabel })}</h2>
      <div className="cat-two">
        <div className={`field${valueError ? ' field-invalid' : ''}`}>
          <label htmlFor={`${id}-value`}>{unit ? t('body.valueWithUnit', { unit }) : t('body.value')}</label>
          <input
            id={`${id}-value`}
            inputMode="decimal"
            value={value}
            aria-invalid={valueError ? true : undefined}
            aria-describedby={valueError ? `${id}-value-error` : undefined}
            onChange={(e) => setValue(e.target.value)}
          />
          {valueError && (
            <p className="field-error" id={`${id}-value-error`} role="alert">
              {valueError}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-date`}>{t('body.date')}</label>
          <input id={`${id}-date`} type="date" value={date} max={today} onChange={(e) => setDate(e.target.value || today)} />
          {errors.fields.measured_at && <p className="field-error">{t('body.badDate')}</p>}
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('body.note')}</label>
        <input id={`${id}-note`} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
      </div>
      {errors.form && (
        <p className="field-error" role="alert">
          {errors.form}
        </p>
      )}
      <Button type="submit" variant="primary" busy={add.isPending}>
        {t('body.add')}
      </Button>
    </form>
  );
}

interface HistoryProps {
  kind: string;
  label: string;
  unit: string;
  items: BodyMetric[];
  units: Units;
  locale: string;
  /** The new-entry form, shown under the chart. */
  form: ReactNode;
}

function MetricHistory({ kind, label, unit, items, units, locale, form }: HistoryProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useQueryClient();
  const [deleting, setDeleting] = useState<BodyMetric | null>(null);
  const remove = useMutation({
    mutationFn: (m: BodyMetric) => deleteBodyMetric(m.id),
    onSuccess: () => {
      setDeleting(null);
      void client.invalidateQueries({ queryKey: bodyKeys.all });
    },
  });
  const numberFmt = useMemo(() => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }), [locale]);
  const show = useShow(unit, locale);
  const points = useMemo(
    () =>
      [...items]
        .sort((a, b) => a.measured_at.localeCompare(b.measured_at))
        .map((m) => ({ t: Date.parse(m.measured_at) / 1000, v: toDisplay(kind, m.value, units) })),
    [items, kind, units],
  );
  if (items.length === 0) {
    return (
      <>
        {form}
        <EmptyState>{t('body.empty', { kind: label })}</EmptyState>
      </>
    );
  }
  const latest = points[points.length - 1]!;
  const first = points[0]!;
  const change = latest.v - first.v;
  const description = t('body.chartLabel', { kind: label, count: points.length, latest: show(latest.v) });
  return (
    <>
      <section className="card" aria-labelledby="body-chart-title">
        <h2 id="body-chart-title" className="cat-card-title">
          {label}
        </h2>
        <p className="cat-body-latest">
          <strong>{show(latest.v)}</strong>
          {points.length > 1 && (
            <span className="muted">
              {' '}
              {t('body.change', { change: `${change > 0 ? '+' : change < 0 ? '−' : '±'}${show(Math.abs(change))}`, date: format.date(new Date(first.t * 1000).toISOString()) })}
            </span>
          )}
        </p>
        {points.length > 1 ? (
          <Suspense fallback={<Loading />}>
            <BodyChart points={points} label={description} format={(v) => numberFmt.format(v)} locale={locale} />
          </Suspense>
        ) : (
          <p className="muted">{t('body.oneEntry')}</p>
        )}
      </section>
      {form}
      <section className="card" aria-labelledby="body-entries-title">
        <h2 id="body-entries-title" className="cat-card-title">
          {t('body.entries')}
        </h2>
        <ul className="rows">
          {items.map((m) => (
            <li className="row" key={m.id}>
              <div className="row-main">
                <p className="row-title">{show(toDisplay(kind, m.value, units))}</p>
                <p className="row-meta">
                  <span>{format.date(m.measured_at)}</span>
                  {m.note && <span>{m.note}</span>}
                </p>
              </div>
              <div className="row-actions">
                <Button small variant="ghost" onClick={() => setDeleting(m)} aria-label={t('body.deleteEntry', { value: show(toDisplay(kind, m.value, units)), date: format.date(m.measured_at) })}>
                  {t('body.delete')}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      </section>
      <ConfirmDialog
        open={deleting !== null}
        title={t('body.deleteTitle')}
        confirmLabel={t('body.delete')}
        busy={remove.isPending}
        error={remove.error ? problemMessage(t, remove.error) : null}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onCancel={() => {
          setDeleting(null);
          remove.reset();
        }}
      >
        {deleting && <p>{t('body.deleteBody', { value: show(toDisplay(kind, deleting.value, units)), date: format.date(deleting.measured_at) })}</p>}
      </ConfirmDialog>
    </>
  );
}
