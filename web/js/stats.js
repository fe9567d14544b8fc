// Statistics: open jobs counted by status, priority, assignee and template, and how many are
// overdue, each drawn as an SVG bar chart (no chart library: bars are rectangles).
import {api, itemPath} from './api.js';
import {alertBox, h, replace} from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const CHARTS = [
  {groupBy: 'jobStatus', title: 'By status'},
  {groupBy: 'priority', title: 'By priority'},
  {groupBy: 'assignedTo', title: 'By assignee'},
  {groupBy: 'jobTemplateId', title: 'By template'},
  {groupBy: 'overdue', title: 'Overdue'},
];

export async function showStats(view, item) {
  const q = h('input', {id: 'stats-q', value: 'closed = 0', spellcheck: 'false'});
  const message = alertBox('stats-message');
  const charts = h('div', {class: 'charts', id: 'stats-charts'});
  replace(view, h('h1', {}, 'Statistics'),
    h('form', {onsubmit: (event) => { event.preventDefault(); load(); }},
      h('label', {for: 'stats-q'}, 'Jobs where'), q, h('button', {type: 'submit'}, 'Count')),
    message, charts);

  // Templates are counted by id: shown by name.
  const templates = await api.get(itemPath(item.itemId, '/job-templates')).catch(() => ({}));
  const names = new Map((templates.jobTemplates || [])
    .map((t) => [t.jobTemplateId, t.name]));

  async function load() {
    message.textContent = '';
    try {
      const answers = await Promise.all(CHARTS.map(({groupBy}) =>
        api.post(itemPath(item.itemId, '/jobs/statistics'), {...(q.value.trim() ? {q: q.value.trim()} : {}), groupBy})));
      replace(charts, answers.map((answer, i) => h('figure', {class: 'panel chart', dataset: {groupBy: CHARTS[i].groupBy}},
        h('figcaption', {}, h('h2', {}, `${CHARTS[i].title} (${answer.total})`)),
        bars((answer.groupedValues || []).map((v) => (CHARTS[i].groupBy === 'jobTemplateId' ? {...v, value: names.get(v.value) || v.value} : v)),
          CHARTS[i].title))));
    } catch (error) {
      message.textContent = error.message;
    }
  }

  await load();
  return () => {};
}

function node(name, attributes, ...children) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  element.append(...children);
  return element;
}

/** Horizontal bars, one row of 24 px a value, labelled with the value and its count. */
function bars(values, title) {
  const rows = [...values].sort((a, b) => b.count - a.count).slice(0, 12);
  const max = Math.max(1, ...rows.map((row) => row.count));
  const width = 360;
  const label = 120;
  const svg = node('svg', {viewBox: `0 0 ${width} ${Math.max(1, rows.length) * 24 + 4}`, role: 'img',
    'aria-label': `${title}: ${rows.map((row) => `${row.value ?? 'none'} ${row.count}`).join(', ') || 'no jobs'}`});
  rows.forEach((row, i) => {
    const y = i * 24 + 2;
    const length = Math.max(2, ((width - label - 40) * row.count) / max);
    const name = String(row.value ?? '(none)');
    svg.append(node('text', {x: label - 6, y: y + 15, 'text-anchor': 'end', class: 'bar-label'}, name.length > 16 ? `${name.slice(0, 15)}…` : name),
      node('rect', {x: label, y, width: length, height: 20, rx: 3, class: 'bar'}),
      node('text', {x: label + length + 4, y: y + 15, class: 'bar-count'}, String(row.count)));
  });
  return svg;
}
