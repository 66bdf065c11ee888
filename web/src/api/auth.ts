import { api } from './client';
import { unwrap } from './problem';
import type { LoginRequest, RegisterRequest, SetupRequest } from './types';

export const getInstance = () => unwrap(api.GET('/api/v1/instance'));
export const setupOwner = (body: SetupRequest) => unwrap(api.POST('/api/v1/auth/setup', { body }));
export const register = (body: RegisterRequest) => unwrap(api.POST('/api/v1/auth/register', { body }));
export const login = (body: LoginRequest) => unwrap(api.POST('/api/v1/auth/login', { body }));
export const logout = () => unwrap(api.POST('/api/v1/auth/logout'));
