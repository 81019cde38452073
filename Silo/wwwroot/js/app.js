import { ApiError, session, signIn, signOut } from './api.js';
import { renderFleet } from './fleet.js';
import { renderDevice } from './device.js';
import { renderUpdates } from './updates.js';
import { renderChain } from './chain.js';

const views = { fleet: renderFleet, device: renderDevice, updates: renderUpdates, chain: renderChain };
const $ = id => document.getElementById(id);
let leaveView = null;

function showLogin(message) {
  $('login').hidden = false;
  $('nav').hidden = $('whoami').hidden = true;
  $('view').replaceChildren();
  $('login-error').hidden = !message;
  $('login-error').textContent = message ?? '';
}

async function route() {
  leaveView?.();
  leaveView = null;
  $('banner').hidden = true;
  if (!session.token()) return showLogin();
  $('login').hidden = true;
  $('nav').hidden = $('whoami').hidden = false;
  $('role').textContent = session.role();
  document.body.dataset.role = session.role();
  $('dashboard-link').hidden = !session.canAct();

  const [name, ...params] = (location.hash.slice(1) || 'fleet').split('/');
  for (const link of $('nav').querySelectorAll('a')) link.classList.toggle('current', link.hash === `#${name}`);
  const container = $('view');
  container.replaceChildren();
  try {
    leaveView = await (views[name] ?? renderFleet)(container, ...params.map(decodeURIComponent));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      session.clear();
      return showLogin('Your token is no longer accepted; sign in again.');
    }
    $('banner').textContent = error.message;
    $('banner').hidden = false;
  }
}

$('login-form').addEventListener('submit', async event => {
  event.preventDefault();
  const token = $('token').value.trim();
  try {
    await signIn(token);
    $('token').value = '';
    await route();
  } catch (error) {
    showLogin(error instanceof ApiError && error.status === 401
      ? 'That token is not valid.'
      : error instanceof ApiError && error.status === 403
        ? 'That token may not use the management screen.'
        : `Sign-in failed: ${error.message}`);
  }
});

$('sign-out').addEventListener('click', async () => {
  await signOut();
  location.hash = '';
  await route();
});

window.addEventListener('hashchange', route);
route();
