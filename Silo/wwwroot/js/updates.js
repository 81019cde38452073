import { api, deploymentStates, session } from './api.js';
import { attempt, code, h, short, table, when } from './dom.js';
import { poll } from './poller.js';
import { selectedDevices } from './selection.js';

// Settled states first, so the bar fills from the left as devices finish.
const SEGMENTS = ['installed', 'mismatched', 'failed', 'downloading', 'assigned', 'pending'];

const releaseRows = products => products.flatMap(p => p.releases.map(r => h('tr', {},
  h('td', {}, r.product), h('td', {}, `v${r.version}`), h('td', {}, code(short(r.manifestHash, 16), r.manifestHash)),
  h('td', {}, r.block ?? '—'), h('td', {}, r.transaction ? code(short(r.transaction, 14), r.transaction) : '—'))));

export function progressBar(counts) {
  const total = Object.values(counts).reduce((a, b) => a + b, 0) || 1;
  return h('div', { class: 'progress', role: 'img', 'aria-label': `${counts.installed ?? 0} of ${total} installed` },
    SEGMENTS.filter(s => counts[s]).map(s => h('span', { class: `segment ${s}`, style: `width:${(100 * counts[s]) / total}%`, title: `${s}: ${counts[s]}` })));
}

function deploymentCard(d, reload) {
  const state = deploymentStates[d.state] ?? d.state;
  const total = Object.values(d.counts).reduce((a, b) => a + b, 0);
  return h('div', { class: 'card deployment', dataset: { deployment: d.id } },
    h('div', { class: 'deployment-head' },
      h('strong', {}, `${d.product} v${d.version}`), code(d.id),
      h('span', { class: `badge state ${state.toLowerCase()}` }, state),
      h('span', { class: 'muted' }, `wave ${d.currentWave} of ${d.waves} · started ${when(d.startedAt)}`),
      session.canAct() && state === 'Running'
        ? h('button', { class: 'danger small', onclick: async () => {
          if (await attempt(() => api(`/v1/operator/deployments/${d.id}/halt`, { method: 'POST' }))) reload();
        } }, 'Halt')
        : null),
    progressBar(d.counts),
    h('p', { class: 'counts' }, SEGMENTS.map(s => h('span', { class: `count ${s}`, dataset: { count: s } }, `${s} ${d.counts[s] ?? 0}`)), h('span', { class: 'muted' }, `of ${total}`)),
    d.haltReason ? h('p', { class: 'bad-text' }, `Halted: ${d.haltReason}`) : null);
}

function deployForm(products, onStarted) {
  const releases = products.flatMap(p => p.releases);
  if (!releases.length) return h('p', { class: 'muted' }, 'Publish a release first.');
  const release = h('select', { id: 'deploy-release', 'aria-label': 'Release' },
    releases.map((r, i) => h('option', { value: i }, `${r.product} v${r.version}`)));
  const target = h('select', { id: 'deploy-target', 'aria-label': 'Target' },
    h('option', { value: 'all' }, 'the whole fleet (every active device)'),
    h('option', { value: 'devices', selected: selectedDevices.size > 0 }, 'these devices'));
  const devices = h('textarea', { id: 'deploy-devices', rows: 3, placeholder: 'device references, one per line', 'aria-label': 'Devices' }, [...selectedDevices].join('\n'));
  const showDevices = () => { devices.hidden = target.value === 'all'; };
  target.addEventListener('change', showDevices);
  showDevices();
  const waveSize = h('input', { id: 'deploy-wave', type: 'number', min: 1, placeholder: 'all at once', 'aria-label': 'Wave size' });
  const threshold = h('input', { id: 'deploy-threshold', type: 'number', min: 0, max: 100, value: 20, 'aria-label': 'Failure threshold' });
  return h('form', { class: 'card deploy', id: 'deploy-form', onsubmit: async event => {
    event.preventDefault();
    const chosen = releases[release.value];
    const body = { product: chosen.product, version: chosen.version, failureThresholdPercent: Number(threshold.value) };
    if (target.value === 'all') body.target = 'all';
    else body.devices = devices.value.split(/[\s,]+/).filter(Boolean);
    if (waveSize.value) body.waveSize = Number(waveSize.value);
    const started = await attempt(() => api('/v1/operator/deployments', { method: 'POST', body }));
    if (started) { selectedDevices.clear(); onStarted(); }
  } },
  h('h3', {}, 'Start a forced update'),
  h('label', {}, 'Release ', release), h('label', {}, 'To ', target), devices,
  h('label', {}, 'Wave size ', waveSize), h('label', {}, 'Halt above failure % ', threshold),
  h('button', { type: 'submit', id: 'start-deployment' }, 'Start deployment'));
}

export async function renderUpdates(container) {
  const deploymentsSlot = h('div', { id: 'deployments' });
  const loadDeployments = async () => {
    const deployments = await api('/v1/operator/deployments');
    deploymentsSlot.replaceChildren(...(deployments.length
      ? deployments.map(d => deploymentCard(d, loadDeployments))
      : [h('p', { class: 'muted' }, 'No deployment has been started.')]));
  };
  const products = await api('/v1/operator/releases');
  container.append(
    h('h2', {}, 'Releases'),
    table(['Product', 'Version', 'Manifest hash', 'Anchored in block', 'Transaction'], releaseRows(products), { id: 'releases' }),
    session.canAct() ? deployForm(products, loadDeployments) : null,
    h('h2', {}, 'Deployments'), deploymentsSlot);
  await loadDeployments();
  return poll(loadDeployments, 1500);
}
