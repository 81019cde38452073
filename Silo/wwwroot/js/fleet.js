import { api, phases, session } from './api.js';
import { attempt, code, h, short, table, when } from './dom.js';
import { poll } from './poller.js';
import { selectedDevices } from './selection.js';

const PAGE_SIZE = 20;
const filters = { q: '', phase: '', quarantined: '', page: 0 };

function summaryCards(summary) {
  const fleet = summary.fleet;
  const card = (label, value, kind = '') => h('div', { class: `stat ${kind}`, dataset: { stat: label.toLowerCase() } },
    h('span', { class: 'value' }, value), h('span', { class: 'label' }, label));
  return h('div', { class: 'stats', id: 'summary' },
    card('Devices', fleet.total),
    ...Object.entries(fleet.byPhase).map(([phase, count]) => card(phase[0].toUpperCase() + phase.slice(1), count, phase)),
    card('Quarantined', fleet.quarantined, fleet.quarantined ? 'warn' : ''),
    card('Clone alerts', fleet.cloneAlerts, fleet.cloneAlerts ? 'bad' : ''),
    card('Head block', summary.chain.headBlock ?? '—'));
}

function filterForm(reload) {
  const input = h('input', { id: 'search', type: 'search', placeholder: 'device reference or kusabi-ID (hex)', value: filters.q, 'aria-label': 'Search devices' });
  const phase = h('select', { id: 'phase-filter', 'aria-label': 'Phase' },
    h('option', { value: '' }, 'any phase'), phases.map(p => h('option', { value: p.toLowerCase(), selected: filters.phase === p.toLowerCase() }, p)));
  const quarantined = h('select', { id: 'quarantine-filter', 'aria-label': 'Quarantine' },
    [['', 'quarantined or not'], ['true', 'quarantined'], ['false', 'not quarantined']]
      .map(([value, label]) => h('option', { value, selected: filters.quarantined === value }, label)));
  return h('form', { class: 'filters', onsubmit: event => {
    event.preventDefault();
    Object.assign(filters, { q: input.value.trim(), phase: phase.value, quarantined: quarantined.value, page: 0 });
    reload();
  } }, input, phase, quarantined, h('button', { type: 'submit' }, 'Search'));
}

function deviceRows(devices, onSelect) {
  return devices.map(d => h('tr', { dataset: { device: d.deviceRef } },
    session.canAct() ? h('td', {}, h('input', { type: 'checkbox', 'aria-label': `Select ${d.deviceRef}`, checked: selectedDevices.has(d.deviceRef),
      onchange: e => onSelect(d.deviceRef, e.target.checked) })) : null,
    h('td', {}, h('a', { href: `#device/${d.deviceRef}` }, code(short(d.deviceRef, 16), d.deviceRef))),
    h('td', {}, h('span', { class: `phase ${phases[d.phase]?.toLowerCase()}` }, phases[d.phase] ?? d.phase)),
    h('td', {}, code(short(d.actId ?? d.preId), d.actId ?? d.preId)),
    h('td', {}, d.installedProduct ? `${d.installedProduct} v${d.installedVersion}` : '—'),
    h('td', {}, d.updateState ?? '—'),
    h('td', {}, d.quarantined ? h('span', { class: 'badge warn' }, 'quarantined') : ''),
    h('td', {}, when(d.updatedAt))));
}

export async function renderFleet(container) {
  const summarySlot = h('div');
  const listSlot = h('div');
  const selectionNote = h('span', { id: 'selection-note', class: 'muted' });
  const noteSelection = () => { selectionNote.textContent = selectedDevices.size ? `${selectedDevices.size} selected` : ''; };
  const onSelect = (device, checked) => { checked ? selectedDevices.add(device) : selectedDevices.delete(device); noteSelection(); };

  async function loadSummary() { summarySlot.replaceChildren(summaryCards(await api('/v1/operator/fleet/summary'))); }
  async function loadList() {
    const query = new URLSearchParams({ page: filters.page, pageSize: PAGE_SIZE });
    for (const key of ['q', 'phase', 'quarantined']) if (filters[key]) query.set(key, filters[key]);
    const page = await attempt(() => api(`/v1/operator/devices?${query}`));
    if (!page) return;
    const headings = [...(session.canAct() ? [''] : []), 'Device', 'Phase', 'Kusabi-ID', 'Release', 'Update', '', 'Updated'];
    listSlot.replaceChildren(
      table(headings, deviceRows(page.devices, onSelect), { id: 'devices' }),
      h('div', { class: 'pager' },
        h('button', { disabled: page.page === 0, onclick: () => { filters.page--; loadList(); } }, '‹ Previous'),
        h('span', { id: 'page-number' }, `Page ${page.page + 1}`),
        h('button', { disabled: !page.hasMore, onclick: () => { filters.page++; loadList(); } }, 'Next ›')));
  }

  noteSelection();
  container.append(
    h('h2', {}, 'Fleet'), summarySlot,
    h('h3', {}, 'Devices'), filterForm(loadList),
    session.canAct() ? h('p', { class: 'toolbar' }, selectionNote,
      h('button', { class: 'secondary', onclick: () => { location.hash = '#updates'; } }, 'Deploy a release to the selection…')) : null,
    listSlot);
  await Promise.all([loadSummary(), loadList()]);
  return poll(loadSummary, 5000);
}
