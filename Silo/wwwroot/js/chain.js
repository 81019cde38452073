import { api } from './api.js';
import { code, h } from './dom.js';
import { poll } from './poller.js';

const row = (label, value, id) => [h('dt', {}, label), h('dd', { id }, value ?? '—')];

export async function renderChain(container) {
  const facts = h('dl', { class: 'facts card', id: 'chain-status' });
  const load = async () => {
    const s = await api('/v1/operator/chain');
    facts.replaceChildren(
      ...row('Reachable', s.reachable ? 'yes' : h('span', { class: 'bad-text' }, 'no')),
      ...row('Head block', s.headBlock, 'head-block'),
      ...row('Chain ID', s.chainId, 'chain-id'),
      ...row('Registry contract', code(s.contract), 'contract'),
      ...row('Gateway account', code(s.gatewayAccount), 'gateway-account'),
      ...row('Gateway account is a member', s.gatewayIsMember === null ? '—' : s.gatewayIsMember ? 'yes' : h('span', { class: 'bad-text' }, 'no')),
      ...row('Pending registrations (batch)', s.pendingRegistrations, 'pending'),
      ...row('Transactions in flight', s.inFlightTransactions),
      ...row('Transactions mined', s.transactionsMined),
      ...row('Entries committed', s.entriesCommitted),
      ...row('Last mined block', s.lastMinedBlock),
      ...row('Node', s.embedded ? 'embedded anvil' : 'configured node'),
      ...(s.lastError ? row('Last error', h('span', { class: 'bad-text' }, s.lastError)) : []));
  };
  container.append(h('h2', {}, 'Chain'), facts);
  await load();
  return poll(load, 2000);
}
