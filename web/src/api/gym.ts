import { send, query } from './pending';
import type { AdminUser, Instance, RegistrationMode, Role, UserRef } from './types';

/*
 * Running the gym: accounts an administrator makes and hands over with a one-time link, the
 * gym's own settings (name, logo, language, units, time zone, plates), and aggregate usage.
 */

export type AssignableRole = Exclude<Role, 'owner'>;
export type Units = 'metric' | 'imperial';
export type GymLanguage = 'en' | 'ru';

export interface NewAccount {
  username: string;
  role?: AssignableRole;
  display_name?: string;
  email?: string;
  /** Left out: the answer carries a one-time link to set one. */
  password?: string;
}

/** A one-time link to set a password; valid until `expires_at`. */
export interface ResetLink {
  url: string;
  expires_at: string;
}

export interface CreatedAccount {
  user: AdminUser;
  reset_link: ResetLink | null;
}

export interface Plates {
  kg: number[];
  lb: number[];
  bar_kg: number;
  bar_lb: number;
}

export interface GymSettings {
  registration_mode: RegistrationMode;
  /** The server configuration fixes the mode; it cannot be changed here. */
  registration_mode_locked: boolean;
  name: string;
  default_language: GymLanguage;
  units: Units;
  timezone: string;
  plates: Plates;
  logo_url: string | null;
}

export type GymSettingsPatch = Partial<Pick<GymSettings, 'registration_mode' | 'name' | 'default_language' | 'units' | 'timezone' | 'plates'>>;

/** What `GET /instance` tells everyone about the gym. */
export type GymInstance = Instance & {
  logo_url?: string | null;
  default_language?: GymLanguage;
  units?: Units;
  timezone?: string;
  plates?: Plates;
};

export interface UsageDay {
  date: string;
  active_members: number;
  new_members: number;
  workouts: number;
  sets: number;
}

export interface Usage {
  from: string;
  to: string;
  /** Oldest first. */
  days: UsageDay[];
  weeks: { week_start: string; active_members: number }[];
  features: { feature: string; count: number }[];
  /** Per month of joining: how many joined, and the share active in month 0, 1, 2, … */
  retention: { cohort: string; members: number; active: number[] }[];
  members: number;
}

export type { UserRef };

const user = (username: string) => `/admin/users/${encodeURIComponent(username)}`;

/** 201; `reset_link` when no password was given. Only the owner may create administrators. */
export const createAccount = (body: NewAccount) => send<CreatedAccount>('POST', '/admin/users', body);
/** A new one-time link to set a password (valid 72 h); earlier links of the account stop working. */
export const makeResetLink = (username: string) => send<ResetLink>('POST', `${user(username)}/password-reset`);
/** Turns off two-step sign-in of an account whose authenticator is lost. */
export const turnOffTotp = (username: string) => send<AdminUser>('DELETE', `${user(username)}/totp`);

/** Sets a new password with a link's token: 400 `reset_link_invalid`, 422 for a weak password. */
export const resetPassword = (token: string, password: string) => send<void>('POST', '/auth/password-reset', { token, password });

export const getGymSettings = () => send<GymSettings>('GET', '/admin/settings');
export const updateGymSettings = (patch: GymSettingsPatch) => send<GymSettings>('PATCH', '/admin/settings', patch);
/** A PNG, JPEG or WebP file of at most 256 KiB, as the form field `file`. */
export function uploadLogo(file: Blob) {
  const form = new FormData();
  form.append('file', file);
  return send<GymSettings>('PUT', '/admin/settings/logo', form);
}
export const removeLogo = () => send<GymSettings>('DELETE', '/admin/settings/logo');

export const getUsage = (days: number) => send<Usage>('GET', `/admin/usage${query({ days })}`);
