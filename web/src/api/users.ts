import { api } from './client';
import { unwrap } from './problem';

export const getPublicUser = (username: string) =>
  unwrap(api.GET('/api/v1/users/{username}', { params: { path: { username } } }));
