/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
// The jxs page. Every value from XenStore reaches the document through textContent only, never as markup.
'use strict';

const api = 'api/';
let me = { user: '', admin: false, csrf: '' };
let selected = null;
let events = null;
const shown = new Map(); // path -> li of each node on the page

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function child(parent, name) {
  return parent === '/' ? '/' + name : parent + '/' + name;
}

async function getJson(operation, params) {
  const response = await fetch(api + operation + '?' + new URLSearchParams(params), { cache: 'no-store' });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

function status(text, warning) {
  const s = document.getElementById('status');
  s.textContent = text;
  s.className = warning ? 'warning' : '';
}

function label(li, node) {
  const row = li.querySelector(':scope > .node');
  row.replaceChildren();
  row.append(el('span', 'toggle', node.children.length ? (li.classList.contains('open') ? '▾' : '▸') : ' '));
  const name = node.path === '/' ? '/' : node.path.substring(node.path.lastIndexOf('/') + 1);
  row.append(el('span', 'name', name));
  if (node.binary) {
    row.append(el('span', 'binary', ' = "' + node.escaped + '" (binary)'));
  } else if (node.value !== '') {
    row.append(el('span', 'value', ' = "' + node.escaped + '"'));
  }
  if (node.state) row.append(el('span', 'state', ' (' + node.state + ')'));
  li.node = node;
}

async function renderNode(path, li) {
  const node = await getJson('node', { path });
  if (!li) {
    li = el('li');
    li.dataset.path = path;
    const row = el('div', 'node');
    row.addEventListener('click', () => { select(li); toggle(li); });
    li.append(row, el('ul'));
    shown.set(path, li);
  }
  label(li, node);
  return li;
}

async function expand(li) {
  li.classList.add('open');
  const list = li.querySelector(':scope > ul');
  const filter = li.filter || '';
  const names = li.node.children.filter(name => name.startsWith(filter));
  const paths = names.map(name => child(li.node.path, name));
  const keep = new Set(paths);
  for (const item of [...list.children]) if (!keep.has(item.dataset.path)) forget(item);
  // A child already on the page stays as it is, open or selected: its own changes refresh it.
  const items = await Promise.all(paths.map(path => {
    const existing = shown.get(path);
    return existing && existing.parentElement === list ? existing : renderNode(path);
  }));
  list.replaceChildren(...items);
  label(li, li.node);
}

// Takes a node and everything shown below it off the page.
function forget(li) {
  shown.delete(li.dataset.path);
  li.querySelectorAll('li').forEach(item => shown.delete(item.dataset.path));
  if (selected && (selected === li || li.contains(selected))) selected = null;
  li.remove();
}

function collapse(li) {
  li.classList.remove('open');
  li.querySelectorAll(':scope > ul > li').forEach(forget);
  label(li, li.node);
}

async function toggle(li) {
  if (li.classList.contains('open')) collapse(li); else if (li.node.children.length) await expand(li);
}

function select(li) {
  if (selected) selected.querySelector(':scope > .node').classList.remove('selected');
  selected = li;
  li.querySelector(':scope > .node').classList.add('selected');
  showDetail(li.node);
}

function showDetail(node) {
  document.getElementById('detail-path').textContent = node.path;
  const dl = document.getElementById('detail');
  dl.replaceChildren();
  const rows = [['value', node.binary ? '(binary)' : node.value], ['escaped', node.escaped]];
  if (node.binary) rows.push(['hex', node.hex]);
  if (node.state) rows.push(['state', node.state]);
  rows.push(['permissions', node.permissions], ['perms', node.perms.join(' ')],
            ['children', String(node.children.length)]);
  for (const [term, description] of rows) dl.append(el('dt', '', term), el('dd', '', description));
  document.getElementById('edit-value').value = node.binary ? '' : node.value;
  document.getElementById('edit-perms').value = node.perms.join(' ');
  document.getElementById('export').hidden = true;
}

async function show(prefix) {
  let top = prefix.replace(/\/+$/, '') || '/';
  let filter = '';
  try {
    await getJson('node', { path: top });
  } catch (e) {
    // Not a node: the prefix's last name is a prefix of its siblings' names.
    filter = top.substring(top.lastIndexOf('/') + 1);
    top = top.substring(0, top.lastIndexOf('/')) || '/';
  }
  shown.clear();
  const tree = document.getElementById('tree');
  try {
    const li = await renderNode(top);
    li.filter = filter;
    tree.replaceChildren(li);
    await expand(li);
    select(li);
    listen(top);
    status('');
  } catch (e) {
    tree.replaceChildren(el('li', '', e.message));
  }
}

function flash(li) {
  const row = li.querySelector(':scope > .node');
  row.classList.remove('changed');
  void row.offsetWidth; // restarts the animation
  row.classList.add('changed');
}

function parentOf(path) {
  return path.substring(0, path.lastIndexOf('/')) || '/';
}

// Changes waiting to be shown, at most MAX_PENDING, each by its place on the page (placeOf): a flood of changes
// below one shown node waits as one entry, and is shown by one refresh of that node.
const MAX_PENDING = 1000;
// How many places one turn refreshes at once: a change that arrives while older ones are shown waits one turn.
const TURN = 8;
const pending = new Set();
let draining = false;

// A change's place on the page: the node itself when it is shown, else the child of its nearest shown ancestor
// through which it appears (a new node) or disappears (a node gone); null when nothing shown lists it.
function placeOf(path) {
  if (shown.has(path)) return path;
  let ancestor = parentOf(path);
  while (!shown.has(ancestor) && ancestor !== '/') ancestor = parentOf(ancestor);
  if (!shown.has(ancestor)) return null;
  const rest = path.substring(ancestor === '/' ? 1 : ancestor.length + 1);
  return child(ancestor, rest.split('/')[0]);
}

function changed(path) {
  const place = placeOf(path);
  if (place === null) return;
  pending.add(place);
  if (pending.size > MAX_PENDING) {
    pending.clear();
    status('too many changes, reloaded', true);
    show(document.getElementById('prefix').value);
  } else if (!draining) {
    drain();
  }
}

// Shows the pending changes, the newest places first, one turn at a time: a turn's refreshes touch different
// lists, but two turns at once could refresh one list twice and show a node twice.
async function drain() {
  draining = true;
  try {
    while (pending.size) {
      const places = [...pending].slice(-TURN);
      places.forEach(place => pending.delete(place));
      await showChanges(places);
    }
  } finally {
    draining = false;
  }
}

// Refreshes each place of a turn at once: a shown node itself (its open list too), else the node that lists it.
async function showChanges(places) {
  const refreshed = new Set(places.filter(place => shown.has(place)));
  const listings = new Set(places.filter(place => !refreshed.has(place)).map(parentOf));
  const gone = [];
  await Promise.all([...refreshed].map(async place => {
    const li = shown.get(place);
    try {
      await renderNode(place, li);
      if (li.classList.contains('open')) await expand(li);
      flash(li);
      if (li === selected) showDetail(li.node);
    } catch (e) {
      forget(li); // the node is gone
      gone.push(parentOf(place));
    }
  }));
  gone.forEach(ancestor => listings.add(ancestor));
  await Promise.all([...listings].filter(ancestor => !refreshed.has(ancestor)).map(async ancestor => {
    const parent = shown.get(ancestor);
    if (!parent) return;
    try {
      await renderNode(ancestor, parent);
      if (parent.classList.contains('open')) await expand(parent);
    } catch (e) {
      // The ancestor is gone too: its own event takes it off the page.
    }
  }));
  for (const place of places) {
    const added = shown.get(place);
    if (added && !refreshed.has(place)) flash(added);
  }
}

function listen(top) {
  if (events) events.close();
  events = new EventSource(api + 'events?' + new URLSearchParams({ path: top }));
  events.addEventListener('change', message => changed(JSON.parse(message.data).path));
  events.addEventListener('reload', () => {
    pending.clear();
    status('too many changes, reloaded', true);
    show(document.getElementById('prefix').value);
  });
  events.onerror = () => status('live updates interrupted, retrying', true);
  events.onopen = () => status('live');
}

async function copy(format) {
  if (!selected) return;
  const response = await fetch(api + 'export?' + new URLSearchParams({ path: selected.node.path, format }));
  const text = await response.text();
  const pre = document.getElementById('export');
  pre.textContent = text;
  pre.hidden = false;
  if (navigator.clipboard) navigator.clipboard.writeText(text).catch(() => {});
}

// Sends a change with the user's token; the server answers {"error": ...} when it refuses.
async function post(operation, params) {
  const response = await fetch(api + operation, {
    method: 'POST',
    headers: { 'X-Jxs-Csrf': me.csrf },
    body: new URLSearchParams(params)
  });
  return { ok: response.ok, body: await response.json() };
}

async function change(operation, params) {
  const { ok, body } = await post(operation, params);
  document.getElementById('edit-result').textContent = ok ? operation + ': done' : body.error;
}

// The trace panel asks for the newest records only while it is open: every second while the trace records,
// every five seconds while it is off (another console may switch it on). Closed, it asks nothing.
// tracePoll is null (no refresh pending), 'busy' (one runs) or the timer of the next one: one refresh at a time.
// traceAgain asks the running refresh for another at once: the trace was switched while it ran.
const TRACE_ROWS = 50;
let tracePoll = null;
let traceAgain = false;

function pollTrace() {
  if (tracePoll === null && document.getElementById('trace').open) refreshTrace();
}

function stopTrace() {
  if (tracePoll !== null && tracePoll !== 'busy') {
    clearTimeout(tracePoll);
    tracePoll = null;
  }
}

// A record's instant ("2024-05-01T10:00:01.234567Z") as the browser's clock time, to the microsecond.
function clockTime(instant) {
  const date = new Date(instant);
  const two = n => String(n).padStart(2, '0');
  const fraction = (instant.match(/\.(\d+)Z$/) || ['', ''])[1].padEnd(6, '0');
  return two(date.getHours()) + ':' + two(date.getMinutes()) + ':' + two(date.getSeconds()) + '.' + fraction;
}

async function refreshTrace() {
  tracePoll = 'busy';
  let on = false;
  try {
    const view = await getJson('trace', { count: TRACE_ROWS });
    on = view.on;
    document.getElementById('trace-on').checked = on;
    document.getElementById('trace-state').textContent = (on ? 'recording' : 'off')
        + (view.dropped ? ', ' + view.dropped + ' older records dropped' : '');
    document.querySelector('#trace-records tbody').replaceChildren(...view.records.reverse().map(r => {
      const tr = el('tr');
      tr.append(el('td', '', clockTime(r.time)), el('td', '', r.op), el('td', '', r.path), el('td', '', String(r.tx)),
                el('td', '', Math.round(r.latencyNanos / 1000) + ' µs'), el('td', '', r.error));
      return tr;
    }));
  } catch (e) {
    document.getElementById('trace-state').textContent = e.message;
  }
  const delay = traceAgain ? 0 : on ? 1000 : 5000;
  traceAgain = false;
  tracePoll = document.getElementById('trace').open ? setTimeout(refreshTrace, delay) : null;
}

async function switchTrace(on) {
  const { ok, body } = await post(on ? 'trace/on' : 'trace/off', {});
  document.getElementById('trace-result').textContent = ok ? '' : body.error;
  if (tracePoll === 'busy') {
    traceAgain = true;
  } else {
    stopTrace();
    pollTrace();
  }
}

async function domains() {
  const body = document.querySelector('#domains tbody');
  try {
    const list = await getJson('domains', {});
    body.replaceChildren(...list.map(d => {
      const tr = el('tr');
      tr.append(el('td', '', String(d.domid)), el('td', '', d.name === null ? '' : d.name), el('td', '', d.path));
      return tr;
    }));
  } catch (e) {
    body.replaceChildren(el('tr', '', e.message));
  }
}

async function start() {
  me = await getJson('whoami', {});
  document.getElementById('user').textContent = me.user + (me.admin ? ' (admin)' : ' (viewer)');
  document.getElementById('edit').hidden = !me.admin;
  document.getElementById('search').addEventListener('submit', e => {
    e.preventDefault();
    show(document.getElementById('prefix').value);
  });
  document.getElementById('copy-ls').addEventListener('click', () => copy('ls'));
  document.getElementById('copy-json').addEventListener('click', () => copy('json'));
  const path = () => selected.node.path;
  document.getElementById('do-write').addEventListener('click',
      () => change('write', { path: path(), value: document.getElementById('edit-value').value }));
  document.getElementById('do-chmod').addEventListener('click',
      () => change('chmod', { path: path(), perms: document.getElementById('edit-perms').value }));
  document.getElementById('do-rm').addEventListener('click', () => change('rm', { path: path() }));
  document.getElementById('trace-switch').hidden = !me.admin;
  document.getElementById('trace-on').addEventListener('change', e => switchTrace(e.target.checked));
  document.getElementById('trace').addEventListener('toggle', e => e.target.open ? pollTrace() : stopTrace());
  const initial = new URLSearchParams(location.search).get('path');
  if (initial) document.getElementById('prefix').value = initial;
  await show(document.getElementById('prefix').value);
  await domains();
}

start().catch(e => status(e.message, true));
