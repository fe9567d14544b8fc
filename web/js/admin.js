// Admin: the item's diagrams drawn with their validation problems on the steps and paths they name
// (a draft is drawn and checked before it is published), job templates, webhooks and notification
// rules edited as the JSON the API takes, webhooks' and rules' delivery logs. Item admins only: the
// API refuses anyone else, and the page says so.
import {api, itemPath} from './api.js';
import {user} from './auth.js';
import {inlineSvg} from './diagram.js';
import {alertBox, formatDate, h, replace} from './dom.js';

const list = (answer, key) => (Array.isArray(answer) ? answer : answer[key] || []);

/** What a new diagram starts as: two steps and the path between them. */
const NEW_DIAGRAM = {name: 'New diagram', start: 'first', steps: [
  {id: 'first', name: 'First step', type: 'manual'}, {id: 'done', name: 'Done', type: 'end'}],
paths: [{from: 'first', to: 'done'}]};

/** The record kinds edited here: where they live, how a row shows, what a PUT takes back. */
const KINDS = {
  templates: {title: 'Job templates', path: '/job-templates', key: 'jobTemplates', id: 'jobTemplateId',
    columns: [['name', 'Name'], ['diagramId', 'Diagram'], ['priority', 'Priority'], ['assignedTo', 'Assigned to'], ['dueDays', 'Due in days']],
    starter: {name: 'New template', diagramId: ''}},
  webhooks: {title: 'Webhooks', path: '/webhooks', key: 'webhooks', id: 'webhookId', log: true,
    columns: [['name', 'Name'], ['kind', 'Kind'], ['security', 'Security'], ['enabled', 'Enabled']],
    editable: ['name', 'enabled', 'mapping', 'idExpression'],
    starter: {name: 'New webhook', jobTemplateId: '', kind: 'generic', security: 'secret'}},
  rules: {title: 'Notification rules', path: '/notifications', key: 'rules', id: 'ruleId', log: true,
    columns: [['name', 'Name'], ['on', 'On'], ['enabled', 'Enabled']],
    starter: (me) => ({name: 'New rule', on: ['stepBecameCurrent'], enabled: true, action: {email: {to: {users: [me]},
      subject: 'A step is waiting', body: '{% "Job " & $event.jobId & " is at step " & $event.stepId %}'}}})},
};

export async function showAdmin(view, item) {
  const message = alertBox('admin-message');
  const diagrams = h('div', {id: 'admin-diagrams'});
  const log = h('div', {id: 'admin-log', class: 'scroll', 'aria-live': 'polite'});
  const sections = Object.fromEntries(Object.keys(KINDS).map((kind) => [kind, h('div', {id: `admin-${kind}`})]));
  replace(view, h('h1', {}, 'Administration'), message,
    h('div', {class: 'job-grid'},
      h('section', {class: 'panel wide', 'aria-labelledby': 'diagrams-title'}, h('h2', {id: 'diagrams-title'}, 'Diagrams'), diagrams),
      Object.entries(KINDS).map(([kind, {title}]) => h('section', {class: 'panel wide', 'aria-labelledby': `${kind}-title`},
        h('h2', {id: `${kind}-title`}, title), sections[kind])),
      h('section', {class: 'panel wide', 'aria-labelledby': 'log-title'}, h('h2', {id: 'log-title'}, 'Delivery log'), log)));

  const shown = (error) => {
    message.textContent = error.status === 403 || error.status === 404 ? 'Only the item\'s admins see its administration.' : error.message;
  };

  async function deliveries(path, title) {
    try {
      const entries = list(await api.get(path), 'deliveries');
      replace(log, h('h3', {}, title), table(entries, [['created', 'When'], ['status', 'Status'], ['attempts', 'Attempts'],
        ['lastError', 'Last error'], ['deliveryId', 'Delivery']]));
    } catch (error) {
      message.textContent = error.message;
    }
  }

  try {
    const [diagramList, ...records] = await Promise.all([api.get(itemPath(item.itemId, '/diagrams')),
      ...Object.values(KINDS).map((kind) => api.get(itemPath(item.itemId, kind.path)))]);
    diagramDesigner(diagrams, item, list(diagramList, 'diagrams'));
    Object.entries(KINDS).forEach(([name, kind], i) => recordEditor(sections[name], item, name, kind, list(records[i], kind.key), deliveries));
  } catch (error) {
    shown(error);
  }
  return () => {};
}

/** The item's diagrams, and an editor whose draft is drawn with its problems and published from there. */
function diagramDesigner(container, item, diagrams) {
  const source = h('textarea', {id: 'diagram-json', rows: 14, spellcheck: 'false', class: 'code'});
  const picture = h('figure', {class: 'diagram', id: 'diagram-picture'});
  const problems = h('div', {id: 'diagram-problems', 'aria-live': 'polite'});
  const status = h('p', {id: 'diagram-status', class: 'hint', role: 'status'});
  let editing = null; // the diagram id a publish makes a new version of; null: a new diagram

  function open(diagramId, definition) {
    editing = diagramId;
    const {version, diagramId: id, created, updated, createdBy, ...draft} = definition;
    source.value = JSON.stringify(draft, null, 2);
    status.textContent = diagramId ? `Editing ${definition.name}, version ${version}.` : 'A new diagram.';
    return draw();
  }

  function draft() {
    try {
      return JSON.parse(source.value);
    } catch (error) {
      replace(problems, h('p', {class: 'error'}, `Not JSON: ${error.message}`));
      return null;
    }
  }

  async function draw() {
    const body = draft();
    if (!body) return;
    try {
      const [svg, checked] = await Promise.all([
        api.postText(itemPath(item.itemId, '/diagrams/picture'), body, 'image/svg+xml'),
        api.post(itemPath(item.itemId, '/diagrams/validate'), body)]);
      replace(picture, inlineSvg(svg));
      const found = checked.errors || [];
      replace(problems, found.length === 0 ? h('p', {class: 'hint'}, 'No problems: it can be published.')
        : h('ul', {class: 'problems'}, found.map((p) => h('li', {}, h('code', {}, p.target || ''), ` ${p.message}`))));
    } catch (error) {
      replace(picture);
      replace(problems, problemList(error));
    }
  }

  async function publish() {
    const body = draft();
    if (!body) return;
    try {
      const answer = editing
        ? await api.put(itemPath(item.itemId, `/diagrams/${encodeURIComponent(editing)}`), body)
        : await api.post(itemPath(item.itemId, '/diagrams'), body);
      editing = answer.diagramId;
      status.textContent = `Published version ${answer.version}.`;
      await draw();
    } catch (error) {
      replace(problems, problemList(error));
    }
  }

  const rows = diagrams.map((d) => h('li', {}, h('strong', {}, d.name),
    h('span', {class: 'hint'}, ` version ${d.latestVersion}, ${formatDate(d.updated || d.created)} `),
    h('button', {type: 'button', dataset: {diagramId: d.diagramId}, onclick: async () => {
      try {
        await open(d.diagramId, await api.get(itemPath(item.itemId, `/diagrams/${encodeURIComponent(d.diagramId)}`)));
      } catch (error) {
        replace(problems, problemList(error));
      }
    }}, `Open ${d.name}`)));
  replace(container, h('ul', {class: 'saved', id: 'diagram-list'}, rows),
    h('div', {class: 'actions'}, h('button', {type: 'button', id: 'diagram-new', onclick: () => open(null, NEW_DIAGRAM)}, 'New diagram')),
    h('label', {for: 'diagram-json'}, 'Diagram JSON'), source,
    h('div', {class: 'actions'}, h('button', {type: 'button', id: 'diagram-draw', onclick: draw}, 'Draw and check'),
      h('button', {type: 'button', id: 'diagram-publish', onclick: publish}, 'Publish')),
    status, picture, problems);
}

/**
 * A kind of record as a table, each row editable as the JSON its PUT takes (what its GET answers,
 * or the fields a PUT may change), a new one from a starter; saved and deleted through the API.
 */
function recordEditor(container, item, name, kind, records, deliveries) {
  const rows = h('div', {class: 'scroll'});
  const editor = h('div', {id: `${name}-editor`, hidden: true});
  const source = h('textarea', {id: `${name}-json`, rows: 10, spellcheck: 'false', class: 'code'});
  const result = h('div', {id: `${name}-result`, 'aria-live': 'polite'});
  const legend = h('legend', {});
  const deleteButton = h('button', {type: 'button', class: 'delete', onclick: () => remove()}, 'Delete');
  const recordPath = (id) => itemPath(item.itemId, `${kind.path}${id ? `/${encodeURIComponent(id)}` : ''}`);
  let editing = null;

  async function reload() {
    records = list(await api.get(recordPath()), kind.key);
    render();
  }

  function edit(record) {
    editing = record ? record[kind.id] : null;
    const shown = record && kind.editable ? Object.fromEntries(kind.editable.filter((f) => f in record).map((f) => [f, record[f]])) : record;
    const starter = typeof kind.starter === 'function' ? kind.starter(user().id) : kind.starter;
    source.value = JSON.stringify(shown || starter, null, 2);
    replace(result);
    editor.hidden = false;
    replace(legend, editing ? `Edit ${record.name}` : `New ${singular(kind)}`);
    deleteButton.hidden = !editing;
    source.focus();
  }

  async function save() {
    let body;
    try {
      body = JSON.parse(source.value);
    } catch (error) {
      replace(result, h('p', {class: 'error'}, `Not JSON: ${error.message}`));
      return;
    }
    try {
      const answer = editing ? await api.put(recordPath(editing), body) : await api.post(recordPath(), body);
      editing = answer[kind.id] || editing;
      // A new webhook's answer holds its secret, shown this once.
      replace(result, h('p', {class: 'hint'}, 'Saved.'), answer.secret ? h('pre', {class: 'code'}, JSON.stringify(answer, null, 2)) : null);
      await reload();
    } catch (error) {
      replace(result, problemList(error));
    }
  }

  async function remove() {
    try {
      await api.del(recordPath(editing));
      editor.hidden = true;
      await reload();
    } catch (error) {
      replace(result, problemList(error));
    }
  }

  function render() {
    replace(rows, table(records, kind.columns, (record) => [
      h('button', {type: 'button', onclick: () => edit(record), 'aria-label': `Edit ${record.name}`}, 'Edit'),
      kind.log ? h('button', {type: 'button', onclick: () => deliveries(`${recordPath(record[kind.id])}/deliveries`,
        `${singular(kind, false)} ${record.name}`), 'aria-label': `Deliveries of ${record.name}`}, 'Deliveries') : null]));
  }

  replace(editor, h('fieldset', {}, legend, h('label', {for: `${name}-json`}, 'As JSON'), source,
    h('div', {class: 'actions'}, h('button', {type: 'button', class: 'save', onclick: save}, 'Save'), deleteButton,
      h('button', {type: 'button', onclick: () => { editor.hidden = true; }}, 'Cancel')), result));
  render();
  replace(container, rows, h('div', {class: 'actions'}, h('button', {type: 'button', class: 'new', onclick: () => edit(null)},
    `New ${singular(kind)}`)), editor);
}

/** "job template" (or "Job template"), from the kind's title. */
function singular(kind, lower = true) {
  const one = kind.title.replace(/s$/, '');
  return lower ? one.toLowerCase() : one;
}

/** An answer in the error model as its message and each detail at its target. */
function problemList(error) {
  return h('div', {class: 'error', role: 'alert'}, h('p', {}, error.message),
    error.details?.length ? h('ul', {class: 'problems'}, error.details.map((d) => h('li', {}, h('code', {}, d.target || ''), ` ${d.message}`)))
      : null);
}

function table(rows, columns, actions) {
  return h('table', {class: 'work'},
    h('thead', {}, h('tr', {}, columns.map(([, label]) => h('th', {scope: 'col'}, label)), actions ? h('th', {scope: 'col'}, 'Actions') : null)),
    h('tbody', {}, rows.length === 0 ? h('tr', {}, h('td', {colspan: columns.length + 1, class: 'empty'}, 'None.'))
      : rows.map((row) => h('tr', {}, columns.map(([key, label]) => h('td', {'data-label': label}, format(key, row[key]))),
        actions ? h('td', {'data-label': 'Actions'}, actions(row)) : null))));
}

function format(key, value) {
  if (value === undefined || value === null) return '';
  if (/created|updated|date/i.test(key)) return formatDate(value);
  if (Array.isArray(value)) return value.join(', ');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
