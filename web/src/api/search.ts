import { api } from './client';
import { unwrap } from './problem';
import type { components } from './schema';

export type SearchHit = components['schemas']['SearchHit'];
export type HitType = components['schemas']['HitType'];
export type SearchGroup = 'users' | 'plans' | 'exercises' | 'clubs';

/** Ranked as-you-type search (either language, typos forgiven) over what the caller may see. */
export const search = (q: string, types?: SearchGroup[], limit = 20) =>
  unwrap(api.GET('/api/v1/search', { params: { query: { q, types: types?.join(','), limit } } }));

export interface GroupedResults {
  users: SearchHit[];
  plans: SearchHit[];
  exercises: SearchHit[];
  clubs: SearchHit[];
  complete: boolean;
}

/** One query per kind, so many matching exercises never crowd people and plans out. */
export async function searchGrouped(q: string, perGroup: number): Promise<GroupedResults> {
  const [users, plans, exercises, clubs] = await Promise.all(
    (['users', 'plans', 'exercises', 'clubs'] as const).map((g) => search(q, [g], perGroup)),
  );
  return {
    users: users!.items,
    plans: plans!.items,
    exercises: exercises!.items,
    clubs: clubs!.items,
    complete: users!.complete && plans!.complete && exercises!.complete && clubs!.complete,
  };
}
