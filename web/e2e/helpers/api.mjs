// A minimal API client for test setup: a cookie session per person, with the CSRF header.

export class ApiSession {
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
    this.cookie = '';
  }

  async call(method, path, body) {
    const headers = { 'X-Gymbox-Csrf': '1' };
    if (this.cookie) headers.Cookie = this.cookie;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const setCookie = res.headers.getSetCookie?.() ?? [];
    if (setCookie.length > 0) this.cookie = setCookie.map((c) => c.split(';')[0]).join('; ');
    const text = await res.text();
    const data = text ? JSON.parse(text) : null;
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
    return data;
  }

  get(path) {
    return this.call('GET', path);
  }

  post(path, body) {
    return this.call('POST', path, body ?? {});
  }

  patch(path, body) {
    return this.call('PATCH', path, body);
  }

  async signIn(username, password) {
    await this.post('/auth/login', { login: username, password });
    return this;
  }
}

/** The owner sets up the server and invites people with the given roles; returns sessions. */
export async function setUpGym(server, owner, people) {
  const ownerApi = new ApiSession(server.url);
  await ownerApi.post('/auth/setup', { setup_code: server.setupCode, username: owner.username, password: owner.password, display_name: owner.name });
  await ownerApi.signIn(owner.username, owner.password);
  const sessions = { owner: ownerApi };
  for (const p of people) {
    const invite = await ownerApi.post('/admin/invites', { role: p.role, max_uses: 1 });
    const api = new ApiSession(server.url);
    await api.post('/auth/register', { username: p.username, password: p.password, display_name: p.name, invite_code: invite.code });
    await api.signIn(p.username, p.password);
    sessions[p.username] = api;
  }
  return sessions;
}

/**
 * The coach asks to coach the member and the member accepts (POST /coaching/requests, then
 * /accept): a coach may assign plans and see workouts only with the member's consent.
 */
export async function startCoaching(sessions, coach, member) {
  const request = await sessions[coach].post('/coaching/requests', { username: member });
  await sessions[member].post(`/coaching/requests/${request.id}/accept`);
  return request;
}
