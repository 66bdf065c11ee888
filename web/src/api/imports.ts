import { api } from './client';
import { ApiProblem, toProblem, unwrap } from './problem';
import type { components } from './schema';

/* History brought over from other apps (Strong, Hevy), GPS activities (GPX, TCX, FIT) or another
   Gymbox (its account archive): a file becomes a draft, the member maps
   its exercise names, the draft is applied, and an applied import can be undone as a whole. */

type Schemas = components['schemas'];
export type HistoryImport = Schemas['HistoryImport'];
export type ImportFormat = Schemas['ImportFormatDto'];
export type ImportStatus = Schemas['ImportStatusDto'];
export type ImportName = Schemas['ImportName'];
export type ImportMapping = Schemas['ImportMappingRequest'];
export type WeightUnit = Schemas['WeightUnitDto'];

export type ArchiveContents = Schemas['ArchiveContents'];
/** GPS activity files: one cardio workout per activity, its route kept (FIT strength files give sets). */
export const ACTIVITY_FORMATS: readonly ImportFormat[] = ['gpx', 'tcx', 'fit'];
/** What the file picker offers for each format. */
export const IMPORT_ACCEPT: Record<string, string> = {
  gpx: '.gpx,application/gpx+xml,application/xml,text/xml',
  tcx: '.tcx,application/vnd.garmin.tcx+xml,application/xml,text/xml',
  fit: '.fit,application/vnd.ant.fit,application/octet-stream',
  gymbox: '.zip,application/zip',
};

export const IMPORT_FORMATS: readonly ImportFormat[] = ['strong', 'hevy', 'gpx', 'tcx', 'fit', 'gymbox'];
export const WEIGHT_UNITS: readonly WeightUnit[] = ['kg', 'lb'];
/** The largest file the server reads (years of history, or a whole Gymbox archive). */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

/** How far an upload has come, 0 to 1. */
export type UploadProgress = (fraction: number) => void;

/**
 * Reads a file into a draft (a dry run): nothing is added to the history yet. Sent with
 * XMLHttpRequest, which (unlike fetch) reports how much of the body has gone out.
 */
export function uploadImport(file: File, format: ImportFormat, unit: WeightUnit, onProgress?: UploadProgress): Promise<HistoryImport> {
  const form = new FormData();
  form.append('file', file);
  form.append('format', format);
  if (format !== 'gymbox') form.append('unit', unit);
  form.append('dry_run', 'true');
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${globalThis.location?.origin ?? ''}/api/v1/imports`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('X-Gymbox-Csrf', '1');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      const response = new Response(xhr.responseText, { status: xhr.status, headers: { 'Content-Type': xhr.getResponseHeader('Content-Type') ?? 'application/json' } });
      const body: unknown = (() => {
        try {
          return JSON.parse(xhr.responseText);
        } catch {
          return undefined;
        }
      })();
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as HistoryImport);
      else reject(toProblem(body, response));
    };
    xhr.onerror = () => reject(new ApiProblem(0, 'network_error'));
    xhr.send(form);
  });
}

/** The caller's imports, newest first (without their names). */
export const listImports = (cursor?: string) => unwrap(api.GET('/api/v1/imports', { params: { query: { limit: 20, cursor } } }));

export const getImport = (id: string) => unwrap(api.GET('/api/v1/imports/{id}', { params: { path: { id } } }));

/**
 * Applies a draft with choices for the names that need one (and any changed ones); `profile`:
 * a Gymbox archive's profile and preferences are taken over. A large draft answers `applying`:
 * poll `getImport` for its progress.
 */
export const applyImport = (id: string, mapping: ImportMapping[], profile?: boolean) =>
  unwrap(api.POST('/api/v1/imports/{id}/apply', { params: { path: { id } }, body: profile === undefined ? { mapping } : { mapping, profile } }));

/** Undoes an applied import (its workouts are deleted) or discards a draft. */
export const undoImport = (id: string) => unwrap(api.DELETE('/api/v1/imports/{id}', { params: { path: { id } } }));

export type CalendarFeed = Schemas['CalendarFeed'];

/** Where the caller's whole account downloads as a ZIP (a plain link: the session cookie signs it). */
export const EXPORT_URL = '/api/v1/me/export';

export const getCalendarFeed = () => unwrap(api.GET('/api/v1/me/calendar'));
/** A new secret feed address (shown once; an older one stops working). */
export const createCalendarFeed = () => unwrap(api.POST('/api/v1/me/calendar'));
export const deleteCalendarFeed = () => unwrap(api.DELETE('/api/v1/me/calendar'));
