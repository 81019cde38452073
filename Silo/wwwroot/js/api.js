// The operator API as the screen uses it: every call carries the bearer token of this tab.
const TOKEN_KEY = 'kusabi.token';

export const session = {
  token: () => sessionStorage.getItem(TOKEN_KEY),
  role: () => sessionStorage.getItem('kusabi.role'),
  canAct: () => sessionStorage.getItem('kusabi.role') === 'operator',
  save(token, role) { sessionStorage.setItem(TOKEN_KEY, token); sessionStorage.setItem('kusabi.role', role); },
  clear() { sessionStorage.removeItem(TOKEN_KEY); sessionStorage.removeItem('kusabi.role'); },
};

/** A refused call, with the problem+json body's detail when there is one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export async function api(path, { method = 'GET', body, token = session.token() } = {}) {
  const headers = { Authorization: `Bearer ${token}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 204) return null;
  const data = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/** Checks the token, learns its role and gets the cookie the Orleans dashboard pages authenticate with. */
export async function signIn(token) {
  const { role } = await api('/v1/operator/session', { method: 'POST', token });
  session.save(token, role);
  return role;
}

export async function signOut() {
  try { await api('/v1/operator/session', { method: 'DELETE' }); } catch { /* signed out locally anyway */ }
  session.clear();
}

// Enums the API sends as numbers.
export const phases = ['Factory', 'Activating', 'Active', 'Revoked'];
export const deploymentStates = ['Running', 'Completed', 'Halted'];
