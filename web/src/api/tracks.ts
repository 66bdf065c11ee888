import { api } from './client';
import { unwrap } from './problem';
import type { components } from './schema';

/* The route of a GPS activity kept with its workout (imported from GPX, TCX or FIT). */

export type WorkoutTrack = components['schemas']['WorkoutTrack'];
export type TrackPoint = components['schemas']['TrackPoint'];

/** The route with its totals and at most 1,000 points to draw (404: the workout has none). */
export const getWorkoutTrack = (id: string) => unwrap(api.GET('/api/v1/workouts/{id}/track', { params: { path: { id } } }));

/** Where the route downloads as GPX (a plain link: the session cookie signs it). */
export const trackGpxUrl = (id: string) => `/api/v1/workouts/${encodeURIComponent(id)}/track.gpx`;
