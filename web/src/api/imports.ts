import { api } from './client';
import { unwrap } from './problem';
import type { components } from './schema';

/* History brought over from other apps (Strong, Hevy) and GPS activities (GPX, TCX, FIT): a file becomes a draft, the member maps
   its exercise names, the draft is applied, and an applied import can be undone as a whole. */

type Schemas = components['schemas'];
export type HistoryImport = Schemas['HistoryImport'];
export type ImportFormat = Schemas['ImportFormatDto'];
export type ImportStatus = Schemas['ImportStatusDto'];
export type ImportName = Schemas['ImportName'];
export type ImportMapping = Schemas['ImportMappingRequest'];
export type WeightUnit = Schemas['WeightUnitDto'];

export const IMPORT_FORMATS: readonly ImportFormat[] = ['strong', 'hevy', 'gpx', 'tcx', 'fit'];
/** GPS activity files: one cardio workout per activity, its route kept (FIT strength files give sets). */
export const ACTIVITY_FORMATS: readonly ImportFormat[] = ['gpx', 'tcx', 'fit'];
/** What the file picker offers for each format. */
export const IMPORT_ACCEPT: Record<string, string> = {
  gpx: '.gpx,application/gpx+xml,application/xml,text/xml',
  tcx: '.tcx,application/vnd.garmin.tcx+xml,application/xml,text/xml',
  fit: '.fit,application/vnd.ant.fit,application/octet-stream',
};
export const WEIGHT_UNITS: readonly WeightUnit[] = ['kg', 'lb'];
/** The largest file the server reads through the web (larger ones go through `gymbox import`). */
export const MAX_IMPORT_BYTES = 3 * 1024 * 1024;

/** Reads a file into a draft (a dry run): nothing is added to the history yet. */
export function uploadImport(file: File, format: ImportFormat, unit: WeightUnit) {
  const form = new FormData();
  form.append('file', file);
  form.append('format', format);
  form.append('unit', unit);
  form.append('dry_run', 'true');
  return unwrap(
    api.POST('/api/v1/imports', {
      body: { file: file as unknown as string, format, unit, dry_run: true },
      bodySerializer: () => form,
    }),
  );
}

/** The caller's imports, newest first (without their names). */
export const listImports = (cursor?: string) => unwrap(api.GET('/api/v1/imports', { params: { query: { limit: 20, cursor } } }));

export const getImport = (id: string) => unwrap(api.GET('/api/v1/imports/{id}', { params: { path: { id } } }));

/** Applies a draft with choices for the names that need one (and any changed ones). */
export const applyImport = (id: string, mapping: ImportMapping[]) =>
  unwrap(api.POST('/api/v1/imports/{id}/apply', { params: { path: { id } }, body: { mapping } }));

/** Undoes an applied import (its workouts are deleted) or discards a draft. */
export const undoImport = (id: string) => unwrap(api.DELETE('/api/v1/imports/{id}', { params: { path: { id } } }));

export type CalendarFeed = Schemas['CalendarFeed'];

/** Where the caller's whole account downloads as a ZIP (a plain link: the session cookie signs it). */
export const EXPORT_URL = '/api/v1/me/export';

export const getCalendarFeed = () => unwrap(api.GET('/api/v1/me/calendar'));
/** A new secret feed address (shown once; an older one stops working). */
export const createCalendarFeed = () => unwrap(api.POST('/api/v1/me/calendar'));
export const deleteCalendarFeed = () => unwrap(api.DELETE('/api/v1/me/calendar'));
