import { api, phases, session } from './api.js';
import { attempt, code, h, short, table, when } from './dom.js';

const field = (label, value) => [h('dt', {}, label), h('dd', {}, value ?? '—')];

function overview(d) {
  const release = d.installedProduct ? `${d.installedProduct} v${d.installedVersion}` : 'none reported';
  const assignment = d.assignment ? `${d.assignment.product} v${d.assignment.version} (deployment ${d.assignment.deploymentId})` : 'none';
  return h('dl', { class: 'facts', id: 'device-facts' },
    field('Device reference', code(d.deviceRef)),
    field('State', h('span', { class: `phase ${phases[d.phase]?.toLowerCase()}`, id: 'device-phase' }, phases[d.phase] ?? d.phase)),
    field('Quarantined', d.quarantined ? h('span', { class: 'badge warn' }, 'yes') : 'no'),
    field('Clone alerts', d.cloneAlerts),
    field('Activated', when(d.activatedAt)),
    field('Last seen', when(d.lastSeenAt)),
    field('Current release', release),
    field('Assigned update', assignment),
    field('Update state', d.updateState));
}

const keyRows = keys => keys.map(k => h('tr', { dataset: { keyRole: k.role } },
  h('td', {}, k.role), h('td', {}, code(short(k.id, 20), k.id)), h('td', {}, k.purpose),
  h('td', {}, h('span', { class: `key ${k.status.toLowerCase()}` }, k.status)), h('td', {}, k.reason),
  h('td', {}, k.registeredBlock || '—'), h('td', {}, k.statusBlock || '—')));

const timelineRows = events => [...events].reverse().map(e => h('tr', {},
  h('td', {}, when(e.at)), h('td', {}, e.kind), h('td', {}, e.detail),
  h('td', {}, e.block ?? ''), h('td', {}, e.transaction ? code(short(e.transaction, 14), e.transaction) : '')));

function inventory(d) {
  if (!d.lastInventory) return h('p', { class: 'muted' }, 'No inventory reported yet.');
  const diff = d.lastInventoryDiff ?? [];
  return h('div', {},
    h('p', {}, `Reported ${when(d.lastInventoryAt)}; `, diff.length ? h('strong', { class: 'bad-text' }, `${diff.length} difference(s) from the release`) : 'matches the release.'),
    table(['Item', 'Value'], Object.entries(d.lastInventory).map(([k, v]) => h('tr', {}, h('td', {}, k), h('td', {}, code(v))))),
    diff.length ? table(['Item', 'Expected', 'Reported'], diff.map(x => h('tr', { class: 'diff' }, h('td', {}, x.item), h('td', {}, code(x.expected)), h('td', {}, code(x.reported))))) : null);
}

function actions(d, reload) {
  if (!session.canAct()) return null;
  const reason = h('input', { id: 'action-reason', placeholder: 'reason (recorded in the timeline)', 'aria-label': 'Reason' });
  const confirmRevoke = h('button', { class: 'danger', hidden: true, onclick: async () => {
    if (await attempt(() => api(`/v1/operator/devices/${d.deviceRef}/revoke`, { method: 'POST', body: { reason: reason.value || null } }))) reload();
  } }, 'Confirm: revoke on chain');
  const quarantine = async on => {
    if (await attempt(() => api(`/v1/operator/devices/${d.deviceRef}/quarantine`, { method: 'POST', body: { quarantined: on, reason: reason.value || null } }))) reload();
  };
  return h('div', { class: 'card actions', id: 'device-actions' }, h('h3', {}, 'Actions'), reason,
    d.quarantined
      ? h('button', { class: 'secondary', onclick: () => quarantine(false) }, 'Release from quarantine')
      : h('button', { class: 'secondary', onclick: () => quarantine(true) }, 'Quarantine'),
    d.phase === phases.indexOf('Revoked') ? null : h('button', { class: 'danger', onclick: () => { confirmRevoke.hidden = false; } }, 'Revoke…'),
    confirmRevoke);
}

export async function renderDevice(container, deviceRef) {
  const load = async () => {
    const { device, keys } = await api(`/v1/operator/devices/${encodeURIComponent(deviceRef)}`);
    container.replaceChildren(
      h('p', {}, h('a', { href: '#fleet' }, '‹ Fleet')),
      h('h2', {}, 'Device ', code(short(device.deviceRef, 16), device.deviceRef)),
      h('div', { class: 'columns' }, h('div', { class: 'card' }, overview(device)), actions(device, load)),
      h('h3', {}, 'Kusabi-IDs on chain'),
      table(['Role', 'Kusabi-ID', 'Purpose', 'Status', 'Reason', 'Registered in block', 'Status since block'], keyRows(keys), { id: 'device-keys' }),
      h('h3', {}, 'Last inventory'), inventory(device),
      h('h3', {}, 'Timeline'),
      table(['When', 'Event', 'Detail', 'Block', 'Transaction'], timelineRows(device.timeline), { id: 'device-timeline' }));
  };
  await load();
}
