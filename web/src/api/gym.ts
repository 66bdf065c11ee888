import { api } from './client';
import { unwrap } from './problem';
import type { components } from './schema';
import type { Role } from './types';

/*
 * Running the gym: accounts an administrator makes and hands over with a one-time link, the
 * gym's own settings (name, logo, language, units, time zone, plates), and aggregate usage.
 */

type Schemas = components['schemas'];
export type AssignableRole = Exclude<Role, 'owner'>;
export type Units = Schemas['UnitsDto'];
export type GymLanguage = Schemas['LanguageDto'];
export type NewAccount = Schemas['NewUserRequest'];
/** A one-time link to set a password; valid until `expires_at`. */
export type ResetLink = Schemas['ResetLinkDto'];
export type CreatedAccount = Schemas['NewUserResponse'];
export type Plates = Schemas['PlatesDto'];
export type GymSettings = Schemas['InstanceSettings'];
export type GymSettingsPatch = Schemas['InstanceSettingsPatch'];
export type Usage = Schemas['UsageReport'];
export type UsageDay = Schemas['UsageDay'];

const user = (username: string) => ({ params: { path: { username } } });

/** 201; `reset_link` when no password was given. Only the owner may create administrators. */
export const createAccount = (body: NewAccount) => unwrap(api.POST('/api/v1/admin/users', { body }));
/** A new one-time link to set a password (valid 72 h); earlier links of the account stop working. */
export const makeResetLink = (username: string) => unwrap(api.POST('/api/v1/admin/users/{username}/password-reset', user(username)));
/** Turns off two-step verification of an account whose authenticator is lost. */
export const turnOffTotp = (username: string) => unwrap(api.DELETE('/api/v1/admin/users/{username}/totp', user(username)));

/** Sets a new password with a link's token: 400 `reset_link_invalid`, 422 for a weak password. */
export const resetPassword = (token: string, password: string) =>
  unwrap(api.POST('/api/v1/auth/password-reset', { body: { token, password } }));

export const getGymSettings = () => unwrap(api.GET('/api/v1/admin/settings'));
export const updateGymSettings = (body: GymSettingsPatch) => unwrap(api.PATCH('/api/v1/admin/settings', { body }));
/** A PNG, JPEG or WebP file of at most 256 KiB, as the form field `file`. */
export function uploadLogo(file: Blob) {
  const form = new FormData();
  form.append('file', file);
  return unwrap(api.PUT('/api/v1/admin/settings/logo', { body: { file: file as unknown as string }, bodySerializer: () => form }));
}
export const removeLogo = () => unwrap(api.DELETE('/api/v1/admin/settings/logo'));

/** Totals per day, week and join month over the last `days` (7–365). */
export const getUsage = (days: number) => unwrap(api.GET('/api/v1/admin/usage', { params: { query: { days } } }));
