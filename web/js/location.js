// A job's location (Esri JSON in Web Mercator: x/y, points, paths or rings) drawn as its shape,
// scaled into a small SVG box, north up. No map tiles: nothing is fetched from elsewhere.
import {h} from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const SIZE = 240;
const PAD = 12;

export function locationShape(geometry) {
  const parts = geometry.rings ? geometry.rings : geometry.paths ? geometry.paths
    : geometry.points ? geometry.points.map((p) => [p]) : geometry.x !== undefined ? [[[geometry.x, geometry.y]]] : [];
  const all = parts.flat();
  if (all.length === 0) return h('p', {class: 'empty'}, 'No location.');
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = (SIZE - 2 * PAD) / Math.max(maxX - minX, maxY - minY, 1e-9);
  const at = ([x, y]) => [PAD + (x - minX) * scale, SIZE - PAD - (y - minY) * scale].map((v) => v.toFixed(1)).join(',');
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${SIZE} ${SIZE}`);
  svg.setAttribute('role', 'img');
  const kind = geometry.rings ? 'area' : geometry.paths ? 'line' : 'point';
  svg.setAttribute('aria-label', `Location: ${kind}, ${all.length} vertices, ${Math.round(maxX - minX)} × ${Math.round(maxY - minY)} m (Web Mercator)`);
  for (const part of parts) {
    let shape;
    if (geometry.rings) {
      shape = document.createElementNS(SVG, 'polygon');
      shape.setAttribute('points', part.map(at).join(' '));
    } else if (geometry.paths) {
      shape = document.createElementNS(SVG, 'polyline');
      shape.setAttribute('points', part.map(at).join(' '));
    } else {
      shape = document.createElementNS(SVG, 'circle');
      const [cx, cy] = at(part[0]).split(',');
      Object.entries({cx, cy, r: 6}).forEach(([k, v]) => shape.setAttribute(k, v));
    }
    shape.setAttribute('class', `shape ${kind}`);
    svg.append(shape);
  }
  return svg;
}
