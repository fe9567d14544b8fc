// Search: the q language (a where clause over job fields, extended properties as table.field), free
// text, paging; a refused query is shown with the fault marked at its position. Saved searches: the
// caller's and those shared with their groups; a search is saved under a name, shared with groups.
import {api, itemPath} from './api.js';
import {alertBox, formatDate, h, replace} from './dom.js';

const FIELDS = ['jobId', 'jobName', 'jobStatus', 'priority', 'assignedTo', 'dueDate', 'closed'];
const PAGE = 25;

export async function showSearch(view, item) {
  const q = h('textarea', {id: 'search-q', rows: 2, spellcheck: 'false', placeholder: "closed = 0 AND priority IN ('High', 'Medium')"});
  const text = h('input', {id: 'search-text', type: 'search'});
  const fault = h('div', {id: 'search-fault', class: 'fault', 'aria-live': 'polite'});
  const message = alertBox('search-message');
  const results = h('div', {class: 'scroll', id: 'search-results'});
  const saved = h('ul', {class: 'saved', id: 'saved-searches'});
  const saveName = h('input', {id: 'save-name', required: true});
  const saveShare = h('input', {id: 'save-share', placeholder: 'editors, managers'});
  let start = 0;

  replace(view, h('h1', {}, 'Search jobs'),
    h('form', {id: 'search-form', class: 'search', onsubmit: (event) => { event.preventDefault(); start = 0; run(); }},
      h('label', {for: 'search-q'}, 'Where'), q, fault,
      h('label', {for: 'search-text'}, 'Text'), text,
      h('button', {type: 'submit'}, 'Search')),
    message, results,
    h('section', {class: 'panel', 'aria-labelledby': 'saved-title'}, h('h2', {id: 'saved-title'}, 'Saved searches'), saved,
      h('form', {id: 'save-form', onsubmit: (event) => { event.preventDefault(); save(); }},
        h('label', {for: 'save-name'}, 'Save as'), saveName,
        h('label', {for: 'save-share'}, 'Share with groups'), saveShare, h('button', {type: 'submit'}, 'Save'))));

  function body() {
    return {...(q.value.trim() ? {q: q.value.trim()} : {}), ...(text.value.trim() ? {search: text.value.trim()} : {})};
  }

  async function run() {
    message.textContent = '';
    replace(fault);
    try {
      const answer = await api.post(itemPath(item.itemId, '/jobs/search'), {...body(), fields: FIELDS, start, num: PAGE});
      draw(answer);
    } catch (error) {
      message.textContent = error.message;
      markFault(error);
      replace(results);
    }
  }

  /** The refusal names the character position (0-based) at fault (meta.position): show the query with that place marked. */
  function markFault(error) {
    if (error.target !== 'q' || error.meta?.position === undefined) return;
    const at = Math.min(Number(error.meta.position), q.value.length);
    const source = q.value;
    replace(fault, h('code', {}, source.slice(0, at), h('mark', {id: 'search-fault-at'}, source.slice(at, at + 1) || ' '),
      source.slice(at + 1)));
    q.focus();
    q.setSelectionRange(at, Math.min(at + 1, source.length));
  }

  function draw(answer) {
    const rows = answer.results || [];
    replace(results,
      h('p', {class: 'hint', id: 'search-total'}, `${answer.total} jobs${answer.total ? `, ${answer.start + 1} to ${answer.start + rows.length}` : ''}`),
      h('table', {class: 'work'}, h('thead', {}, h('tr', {}, FIELDS.map((f) => h('th', {scope: 'col'}, f)))),
        h('tbody', {}, rows.map((job) => h('tr', {dataset: {jobId: job.jobId}}, FIELDS.map((f) => h('td', {'data-label': f},
          f === 'jobName' ? h('a', {href: `#/items/${encodeURIComponent(item.itemId)}/jobs/${encodeURIComponent(job.jobId)}`}, job.jobName || job.jobId)
            : /date/i.test(f) ? formatDate(job[f]) : String(job[f] ?? ''))))))),
      h('p', {}, start > 0 ? h('button', {type: 'button', onclick: () => { start = Math.max(0, start - PAGE); run(); }}, 'Previous') : null,
        answer.nextStart !== undefined && answer.nextStart !== null
          ? h('button', {type: 'button', onclick: () => { start = answer.nextStart; run(); }}, 'Next') : null));
  }

  async function loadSaved() {
    const answer = await api.get(itemPath(item.itemId, '/searches'));
    const entries = Array.isArray(answer) ? answer : answer.searches || [];
    replace(saved, entries.length === 0 ? h('li', {class: 'empty'}, 'None yet.') : entries.map((s) => h('li', {},
      h('button', {type: 'button', class: 'link', onclick: () => {
        q.value = s.q || '';
        text.value = s.search || '';
        start = 0;
        run();
      }}, s.name), s.sharedWith?.length ? h('span', {class: 'hint'}, ` shared with ${s.sharedWith.join(', ')}`) : null,
      h('span', {class: 'hint'}, ` · ${s.owner}`))));
  }

  async function save() {
    message.textContent = '';
    const sharedWith = saveShare.value.split(',').map((g) => g.trim()).filter(Boolean);
    try {
      await api.post(itemPath(item.itemId, '/searches'), {name: saveName.value.trim(), ...body(), ...(sharedWith.length ? {sharedWith} : {})});
      saveName.value = '';
      saveShare.value = '';
    } catch (error) {
      message.textContent = error.message;
    }
    loadSaved().catch((error) => { message.textContent = error.message; });
  }

  await loadSaved().catch((error) => { message.textContent = error.message; });
  return () => {};
}
