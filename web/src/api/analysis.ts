import { api } from './client';
import { unwrap } from './problem';
import type { components } from './schema';

/*
 * Progress and records (the server's analysis API). Weights are kg, durations seconds,
 * distances metres; dates YYYY-MM-DD in the member's time zone.
 */

type Schemas = components['schemas'];
export type StatsPeriod = Schemas['PeriodDto'];
export type Stats = Schemas['StatsDto'];
export type StatsBucket = Schemas['BucketDto'];
export type StatsDay = Schemas['DayDto'];
export type StatsTotals = Schemas['TotalsDto'];
export type MuscleSets = Schemas['MuscleDto'];
export type Streak = Schemas['StreakDto'];
export type Records = Schemas['RecordsDto'];
export type RecordSummary = Schemas['RecordSummaryDto'];
export type RecordEvent = Schemas['RecordEventDto'];
export type RecordMetric = Schemas['MetricDto'];
export type RepMax = Schemas['RepMaxDto'];
export type ExerciseProgress = Schemas['ProgressDto'];
export type ProgressSession = Schemas['SessionPointDto'];
export type Load = Schemas['LoadDto'];
export type LoadDay = Schemas['LoadDayDto'];
export type Adherence = Schemas['AdherenceDto'];
export type AdherenceWeek = Schemas['AdherenceWeekDto'];
export type AdherenceDay = Schemas['AdherenceDayDto'];
export type AdherenceExercise = Schemas['AdherenceExerciseDto'];

export interface Range {
  from?: string;
  to?: string;
}

export const getMyStats = (period: StatsPeriod, range: Range = {}) =>
  unwrap(api.GET('/api/v1/me/stats', { params: { query: { period, ...range } } }));
/** Another member's stats (404 when the caller may not see their profile). */
export const getUserStats = (username: string, period: StatsPeriod = 'week') =>
  unwrap(api.GET('/api/v1/users/{username}/stats', { params: { path: { username }, query: { period } } }));
export const getMyRecords = () => unwrap(api.GET('/api/v1/me/records'));
export const getExerciseProgress = (id: string, range: Range = {}) =>
  unwrap(api.GET('/api/v1/exercises/{id}/progress', { params: { path: { id }, query: range } }));
export const getMyLoad = (range: Range = {}) => unwrap(api.GET('/api/v1/me/load', { params: { query: range } }));
/** Planned vs done for an assignment (its member and the coach who made it; 404 for others). */
export const getAdherence = (id: string) => unwrap(api.GET('/api/v1/assignments/{id}/adherence', { params: { path: { id } } }));
