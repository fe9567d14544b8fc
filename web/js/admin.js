// Admin: the item's diagrams (validated as they stand, each problem with the step or path it names),
// job templates, webhooks with their delivery logs, notification rules with theirs. Read-only here;
// changes go through the API. Item admins only: the API refuses anyone else, and the page says so.
import {api, itemPath} from './api.js';
import {alertBox, formatDate, h, replace} from './dom.js';

const list = (answer, key) => (Array.isArray(answer) ? answer : answer[key] || []);

export async function showAdmin(view, item) {
  const message = alertBox('admin-message');
  const diagrams = h('div', {id: 'admin-diagrams'});
  const templates = h('div', {id: 'admin-templates', class: 'scroll'});
  const webhooks = h('div', {id: 'admin-webhooks', class: 'scroll'});
  const rules = h('div', {id: 'admin-rules', class: 'scroll'});
  const log = h('div', {id: 'admin-log', class: 'scroll', 'aria-live': 'polite'});
  replace(view, h('h1', {}, 'Administration'), message,
    h('div', {class: 'job-grid'},
      h('section', {class: 'panel wide', 'aria-labelledby': 'diagrams-title'}, h('h2', {id: 'diagrams-title'}, 'Diagrams'), diagrams),
      h('section', {class: 'panel wide', 'aria-labelledby': 'templates-title'}, h('h2', {id: 'templates-title'}, 'Job templates'), templates),
      h('section', {class: 'panel', 'aria-labelledby': 'webhooks-title'}, h('h2', {id: 'webhooks-title'}, 'Webhooks'), webhooks),
      h('section', {class: 'panel', 'aria-labelledby': 'rules-title'}, h('h2', {id: 'rules-title'}, 'Notification rules'), rules),
      h('section', {class: 'panel wide', 'aria-labelledby': 'log-title'}, h('h2', {id: 'log-title'}, 'Delivery log'), log)));

  const table = (rows, columns, actions) => h('table', {class: 'work'},
    h('thead', {}, h('tr', {}, columns.map(([, label]) => h('th', {scope: 'col'}, label)), actions ? h('th', {scope: 'col'}, 'Log') : null)),
    h('tbody', {}, rows.length === 0 ? h('tr', {}, h('td', {colspan: columns.length + 1, class: 'empty'}, 'None.'))
      : rows.map((row) => h('tr', {}, columns.map(([key, label]) => h('td', {'data-label': label}, format(key, row[key]))),
        actions ? h('td', {'data-label': 'Log'}, actions(row)) : null))));

  async function deliveries(path, title) {
    try {
      const entries = list(await api.get(path), 'deliveries');
      replace(log, h('h3', {}, title), table(entries, [['created', 'When'], ['status', 'Status'], ['attempts', 'Attempts'],
        ['lastError', 'Last error'], ['deliveryId', 'Delivery']]));
    } catch (error) {
      message.textContent = error.message;
    }
  }

  async function check(diagram, target) {
    try {
      const definition = await api.get(itemPath(item.itemId, `/diagrams/${encodeURIComponent(diagram.diagramId)}`));
      const {version, diagramId, created, updated, createdBy, ...body} = definition;
      const problems = (await api.post(itemPath(item.itemId, '/diagrams/validate'), body)).errors || [];
      replace(target, problems.length === 0 ? h('p', {class: 'hint'}, `Version ${version}: no problems.`)
        : h('ul', {class: 'problems'}, problems.map((p) => h('li', {}, h('code', {}, p.target || ''), ` ${p.message}`))));
    } catch (error) {
      replace(target, h('p', {class: 'error'}, error.message));
    }
  }

  try {
    const [diagramList, templateList, webhookList, ruleList] = await Promise.all([
      api.get(itemPath(item.itemId, '/diagrams')), api.get(itemPath(item.itemId, '/job-templates')),
      api.get(itemPath(item.itemId, '/webhooks')), api.get(itemPath(item.itemId, '/notifications'))]);
    replace(diagrams, h('ul', {class: 'saved'}, list(diagramList, 'diagrams').map((d) => {
      const result = h('div', {dataset: {diagramId: d.diagramId}});
      return h('li', {}, h('strong', {}, d.name), h('span', {class: 'hint'}, ` version ${d.latestVersion}, ${formatDate(d.updated || d.created)} `),
        h('button', {type: 'button', onclick: () => check(d, result)}, 'Check'), result);
    })));
    replace(templates, table(list(templateList, 'jobTemplates'), [['name', 'Name'], ['diagramId', 'Diagram'], ['priority', 'Priority'],
      ['assignedTo', 'Assigned to'], ['dueDays', 'Due in days']]));
    replace(webhooks, table(list(webhookList, 'webhooks'), [['name', 'Name'], ['kind', 'Kind'], ['security', 'Security'], ['enabled', 'Enabled']],
      (w) => h('button', {type: 'button', onclick: () => deliveries(itemPath(item.itemId, `/webhooks/${encodeURIComponent(w.webhookId)}/deliveries`),
        `Webhook ${w.name}`)}, 'Deliveries')));
    replace(rules, table(list(ruleList, 'rules'), [['name', 'Name'], ['activity', 'On'], ['enabled', 'Enabled']],
      (r) => h('button', {type: 'button', onclick: () => deliveries(itemPath(item.itemId, `/notifications/${encodeURIComponent(r.ruleId)}/deliveries`),
        `Rule ${r.name}`)}, 'Deliveries')));
  } catch (error) {
    message.textContent = error.status === 403 || error.status === 404 ? 'Only the item\'s admins see its administration.' : error.message;
  }
  return () => {};
}

function format(key, value) {
  if (value === undefined || value === null) return '';
  if (/created|updated|date/i.test(key)) return formatDate(value);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
