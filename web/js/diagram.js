// The job's diagram as the server lays it out (Eclipse ELK): GET .../diagram.svg inlined, so its
// steps (<g data-step-id class="step current ready">) are part of the page and a new copy after
// each live message moves the highlight. Without the SVG route it draws GET .../diagram itself.
import {api, jobPath} from './api.js';
import {h, replace} from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';

export async function drawDiagram(figure, itemId, jobId) {
  let svg;
  try {
    svg = inlineSvg(await api.text(jobPath(itemId, jobId, '/diagram.svg'), 'image/svg+xml'));
  } catch (error) {
    if (error.status !== 404) throw error;
    svg = fromLayout(await api.get(jobPath(itemId, jobId, '/diagram')));
  }
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `Diagram; current: ${[...svg.querySelectorAll('g.step.current')]
    .map((g) => g.dataset.stepName || g.textContent.trim() || g.dataset.stepId).join(', ') || 'none'}`);
  replace(figure, svg, legend());
}

/** The server's SVG as a node of this page: no scripts, no event attributes, no outside references. */
export function inlineSvg(text) {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const svg = doc.documentElement;
  if (svg.nodeName !== 'svg') throw new Error('The diagram is not an SVG picture');
  for (const node of svg.querySelectorAll('script, foreignObject')) node.remove();
  for (const node of [svg, ...svg.querySelectorAll('*')]) {
    for (const attribute of [...node.attributes]) {
      if (/^on/i.test(attribute.name) || (/href$/i.test(attribute.name) && !attribute.value.startsWith('#'))) {
        node.removeAttribute(attribute.name);
      }
    }
  }
  return document.importNode(svg, true);
}

function node(name, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null) element.setAttribute(key, value);
  }
  element.append(...children);
  return element;
}

/** The layout JSON drawn as the SVG route draws it: taken paths emphasised, steps classed by state and status. */
function fromLayout(layout) {
  const svg = node('svg', {viewBox: `0 0 ${layout.width} ${layout.height}`, width: layout.width, height: layout.height});
  svg.append(node('defs', {}, node('marker', {id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7,
    orient: 'auto-start-reverse'}, node('path', {d: 'M0,0 L10,5 L0,10 z'}))));
  for (const path of layout.paths || []) {
    const points = (path.points || []).map(([x, y]) => `${x},${y}`).join(' ');
    const group = node('g', {class: `path${path.taken ? ' taken' : ''}`, 'data-from': path.from, 'data-to': path.to},
      node('polyline', {points, 'marker-end': 'url(#arrow)'}));
    if (path.label && path.points?.length) {
      const [x, y] = path.points[Math.floor(path.points.length / 2)];
      group.append(node('text', {x, y: y - 4, class: 'path-label'}, path.label));
    }
    svg.append(group);
  }
  for (const step of layout.steps || []) {
    const classes = ['step', step.state, step.state === 'current' && step.status ? step.status.toLowerCase() : null].filter(Boolean);
    svg.append(node('g', {class: classes.join(' '), 'data-step-id': step.stepId, 'data-step-name': step.name},
      node('rect', {x: step.x, y: step.y, width: step.width, height: step.height, rx: step.type === 'end' ? step.height / 2 : 6}),
      node('text', {x: step.x + step.width / 2, y: step.y + step.height / 2 + 4, 'text-anchor': 'middle'}, step.name || step.stepId)));
  }
  return svg;
}

function legend() {
  return h('figcaption', {class: 'legend'},
    ['ready', 'working', 'held', 'failed', 'finished'].map((state) => h('span', {class: `key ${state}`}, state)));
}
