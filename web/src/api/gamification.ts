import { api } from './client';
import { unwrap } from './problem';
import type { components } from './schema';

/*
 * Gamification: XP, levels, streaks and badges of a member; leaderboards; challenges the gym's
 * coaches and club admins set, with their standings.
 */

type Schemas = components['schemas'];
export type Achievements = Schemas['AchievementsDto'];
export type Badge = Schemas['BadgeDto'];
export type FlaggedSet = Schemas['FlaggedSetDto'];
export type WeeklyStreak = Schemas['WeeklyStreakDto'];
export type Challenge = Schemas['ChallengeDto'];
export type ChallengeCreate = Schemas['ChallengeCreate'];
export type ChallengePatch = Schemas['ChallengePatchRequest'];
export type ChallengeMetric = Schemas['ChallengeMetricDto'];
export type ChallengeKind = Schemas['ChallengeKindDto'];
export type ChallengeStatus = Schemas['ChallengeStatusDto'];
export type Standings = Schemas['StandingsDto'];
export type Leaderboard = Schemas['LeaderboardDto'];
export type Place = Schemas['PlaceDto'];
export type MyPlace = Schemas['MyPlaceDto'];
export type BoardMetric = Schemas['BoardMetricDto'];
export type BoardPeriod = Schemas['BoardPeriodDto'];
export type FeedBadge = Schemas['FeedBadge'];

export const CHALLENGE_METRICS: readonly ChallengeMetric[] = ['sessions', 'volume', 'active_days', 'exercise_sets', 'distance', 'streak'];
export const BOARD_METRICS: readonly BoardMetric[] = ['volume', 'sessions', 'xp', 'e1rm', 'e1rm_relative'];
export const BOARD_PERIODS: readonly BoardPeriod[] = ['week', 'month', 'all'];
/** e1RM boards rank one exercise, over all time. */
export const isE1rm = (m: BoardMetric) => m === 'e1rm' || m === 'e1rm_relative';

/** The list of challenges: one status, or the caller's own (any status). */
export type ChallengeTab = ChallengeStatus | 'mine';

export interface BoardQuery {
  metric: BoardMetric;
  period: BoardPeriod;
  /** `gym`, `following` or `club:{id}`. */
  scope: string;
  exercise?: string;
}

export const getMyAchievements = () => unwrap(api.GET('/api/v1/me/achievements'));
/** Shows (`true`) or hides the caller on leaderboards and challenge standings others see. */
export const setShowOnLeaderboards = (show_on_leaderboards: boolean) =>
  unwrap(api.PATCH('/api/v1/me/achievements', { body: { show_on_leaderboards } }));
/** Another member's earned badges, level and streak; 404 when their profile is hidden. */
export const getUserAchievements = (username: string) =>
  unwrap(api.GET('/api/v1/users/{username}/achievements', { params: { path: { username } } }));

const set = (workoutId: string, setId: string) => ({ params: { path: { id: workoutId, set_id: setId } } });
/** The member says a flagged set is real: it counts on leaderboards (409 when not flagged). */
export const confirmSet = (workoutId: string, setId: string) =>
  unwrap(api.POST('/api/v1/workouts/{id}/sets/{set_id}/confirm', set(workoutId, setId)));
/** An administrator keeps a result off leaderboards and challenges. */
export const voidSet = (workoutId: string, setId: string) => unwrap(api.POST('/api/v1/workouts/{id}/sets/{set_id}/void', set(workoutId, setId)));

export const getLeaderboard = ({ metric, period, scope, exercise }: BoardQuery) =>
  unwrap(api.GET('/api/v1/leaderboards', { params: { query: { metric, period, scope, exercise: isE1rm(metric) ? exercise : undefined, limit: 50 } } }));

/** Challenges newest first, 50 a page; `before` continues after the last one shown. */
export const listChallenges = (tab: ChallengeTab, before?: string) =>
  unwrap(
    api.GET('/api/v1/challenges', {
      params: { query: tab === 'mine' ? { joined: true, before } : { status: tab, before } },
    }),
  );
const challenge = (id: string) => ({ params: { path: { id } } });
export const createChallenge = (body: ChallengeCreate) => unwrap(api.POST('/api/v1/challenges', { body }));
export const getChallenge = (id: string) => unwrap(api.GET('/api/v1/challenges/{id}', challenge(id)));
export const updateChallenge = (id: string, body: ChallengePatch) => unwrap(api.PATCH('/api/v1/challenges/{id}', { ...challenge(id), body }));
export const joinChallenge = (id: string) => unwrap(api.POST('/api/v1/challenges/{id}/join', challenge(id)));
/** Leaves before the end (409 `challenge_ended` after). */
export const leaveChallenge = (id: string) => unwrap(api.POST('/api/v1/challenges/{id}/leave', challenge(id)));
export const getStandings = (id: string) =>
  unwrap(api.GET('/api/v1/challenges/{id}/standings', { params: { path: { id }, query: { limit: 50 } } }));
