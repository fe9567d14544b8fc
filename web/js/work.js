// My work: the current steps assigned to me or my groups across the item's jobs (GET .../work),
// sortable by any column, filtered by text and status; Claim takes a group's step, Give back returns it.
import {api, itemPath, jobPath} from './api.js';
import {alertBox, debounce, formatDate, h, replace} from './dom.js';
import * as live from './live.js';

const PAGES = 10; // up to 10 pages of 50: a worker's queue, not a report
const COLUMNS = [
  {key: 'jobName', label: 'Job'},
  {key: 'stepName', label: 'Step'},
  {key: 'status', label: 'Status'},
  {key: 'assignedTo', label: 'Assigned to'},
  {key: 'priority', label: 'Priority'},
  {key: 'dueDate', label: 'Due'},
  {key: 'overdue', label: 'Overdue'},
  {key: 'held', label: 'Held'},
];
const PRIORITY = {High: 0, Medium: 1, Low: 2};

export async function showWork(view, item, me) {
  const state = {rows: [], sort: 'dueDate', order: 'asc', filter: '', status: ''};
  const table = h('table', {class: 'work', id: 'work-table'});
  const count = h('p', {class: 'hint', id: 'work-count', 'aria-live': 'polite'});
  const message = alertBox('work-message');
  const filter = h('input', {id: 'work-filter', type: 'search', placeholder: 'job or step name',
    oninput: () => { state.filter = filter.value.trim().toLowerCase(); draw(); }});
  const status = h('select', {id: 'work-status', onchange: () => { state.status = status.value; draw(); }},
    h('option', {value: ''}, 'any'), ['Ready', 'Working', 'Held', 'Failed'].map((s) => h('option', {value: s}, s)));
  // Sorting by a select too: on a narrow screen the table's head is hidden and rows are cards.
  const sortSelect = h('select', {id: 'work-sort', onchange: () => {
    const [key, order] = sortSelect.value.split(':');
    state.sort = key;
    state.order = order;
    draw();
  }}, COLUMNS.flatMap(({key, label}) => [h('option', {value: `${key}:asc`}, `${label} ↑`), h('option', {value: `${key}:desc`}, `${label} ↓`)]));
  sortSelect.value = 'dueDate:asc';
  view.dataset.itemId = item.itemId;
  replace(view,
    h('h1', {}, 'My work'),
    h('p', {class: 'hint'}, `Steps waiting for you or your groups in ${item.name || item.itemId}.`),
    h('div', {class: 'filters'},
      h('label', {for: 'work-filter'}, 'Filter'), filter,
      h('label', {for: 'work-status'}, 'Status'), status,
      h('label', {for: 'work-sort'}, 'Sort by'), sortSelect),
    message, count, h('div', {class: 'scroll'}, table));

  // The first page is drawn as soon as it comes (the soonest due first); the rest follow page by page.
  let generation = 0;
  async function load() {
    const mine = ++generation;
    const rows = [];
    let next = null;
    for (let page = 0; page < PAGES; page++) {
      const query = new URLSearchParams({limit: '50', sort: 'dueDate', order: 'asc'});
      if (next) query.set('nextToken', next);
      const answer = await api.get(itemPath(item.itemId, `/work?${query}`));
      if (mine !== generation) return; // a newer reload took over
      rows.push(...(answer.work || []));
      state.rows = [...rows];
      draw();
      next = answer.nextToken;
      if (!next) break;
    }
  }

  function compare(a, b) {
    const key = state.sort;
    let x = a[key];
    let y = b[key];
    if (key === 'priority') {
      x = PRIORITY[x] ?? 9;
      y = PRIORITY[y] ?? 9;
    }
    if (x === undefined || x === null) return 1; // no due date: last either way
    if (y === undefined || y === null) return -1;
    const order = typeof x === 'string' ? x.localeCompare(y) : Number(x) - Number(y);
    return state.order === 'asc' ? order : -order;
  }

  function draw() {
    const rows = state.rows
      .filter((row) => !state.status || row.status === state.status)
      .filter((row) => !state.filter || `${row.jobName} ${row.stepName}`.toLowerCase().includes(state.filter))
      .sort(compare);
    count.textContent = `${rows.length} of ${state.rows.length} steps`;
    const head = h('tr', {}, COLUMNS.map(({key, label}) => h('th', {scope: 'col',
      'aria-sort': state.sort === key ? (state.order === 'asc' ? 'ascending' : 'descending') : 'none'},
    h('button', {type: 'button', class: 'sort', dataset: {sort: key}, onclick: () => sortBy(key)}, label,
      state.sort === key ? (state.order === 'asc' ? ' ▲' : ' ▼') : ''))), h('th', {scope: 'col'}, 'Actions'));
    const body = rows.length === 0
      ? [h('tr', {}, h('td', {colspan: COLUMNS.length + 1, class: 'empty'}, 'Nothing waits for you.'))]
      : rows.map(row);
    replace(table, h('caption', {class: 'visually-hidden'}, 'My work'), h('thead', {}, head), h('tbody', {}, body));
  }

  function row(work) {
    const group = String(work.assignedType).toLowerCase() === 'group';
    // Only a claimed step goes back (to claimedFrom, the group); one assigned to me by a manager stays.
    const mine = !group && work.assignedTo === me.id && Boolean(work.claimedFrom);
    return h('tr', {dataset: {jobId: work.jobId, stepId: work.stepId}, class: work.overdue ? 'overdue' : null},
      h('td', {'data-label': 'Job'}, h('a', {href: `#/items/${encodeURIComponent(item.itemId)}/jobs/${encodeURIComponent(work.jobId)}`},
        work.jobName || work.jobId)),
      h('td', {'data-label': 'Step'}, work.stepName || work.stepId),
      h('td', {'data-label': 'Status'}, h('span', {class: `status ${String(work.status).toLowerCase()}`}, work.status)),
      h('td', {'data-label': 'Assigned to'}, group ? `group ${work.assignedTo}` : work.assignedTo),
      h('td', {'data-label': 'Priority'}, work.priority || ''),
      h('td', {'data-label': 'Due'}, formatDate(work.dueDate)),
      h('td', {'data-label': 'Overdue'}, work.overdue ? h('strong', {class: 'flag'}, 'overdue') : 'no'),
      h('td', {'data-label': 'Held'}, work.held ? 'held' : 'no'),
      h('td', {'data-label': 'Actions'},
        group ? h('button', {type: 'button', class: 'claim', onclick: () => act(work, 'Claim')},
          'Claim', h('span', {class: 'visually-hidden'}, ` ${work.stepName} of ${work.jobName}`)) : null,
        mine ? h('button', {type: 'button', class: 'give-back', onclick: () => act(work, 'GiveBack')},
          'Give back', h('span', {class: 'visually-hidden'}, ` ${work.stepName} of ${work.jobName}`)) : null));
  }

  function sortBy(key) {
    state.order = state.sort === key && state.order === 'asc' ? 'desc' : 'asc';
    state.sort = key;
    sortSelect.value = `${key}:${state.order}`;
    draw();
    table.querySelector(`button[data-sort="${key}"]`)?.focus();
  }

  async function act(work, type) {
    message.textContent = '';
    try {
      const answer = await api.post(jobPath(item.itemId, work.jobId, '/action'), {type, stepIds: [work.stepId]});
      const refused = (answer.stepResponses || []).find((response) => response.code);
      if (refused) message.textContent = refused.message;
    } catch (error) {
      message.textContent = error.message;
    }
    await load();
  }

  const reload = debounce(() => load().catch((error) => { message.textContent = error.message; }), 250);
  const stop = live.onMessage((event) => {
    if (event.msgType === 'Reconnected' || (event.eventId && event.message?.itemId === item.itemId)) reload();
  });
  await load();
  return stop;
}
