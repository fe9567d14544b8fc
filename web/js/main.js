// The app: config.json, sign-in, the item picker, and a hash router (#/work, #/items/I/jobs/J):
// plain files that any static host (S3 behind CloudFront, the local cloud) serves as they are.
import {signIn, signOut, user} from './auth.js';
import {api, configure} from './api.js';
import * as live from './live.js';
import {h, replace} from './dom.js';
import {showWork} from './work.js';
import {showJob} from './job.js';
import {showSearch} from './search.js';
import {showStats} from './stats.js';
import {showAdmin} from './admin.js';

const ITEM = 'wfm.item';
const view = document.getElementById('view');
let config;
let items = [];
let leave = () => {};

async function start() {
  config = await (await fetch('config.json', {cache: 'no-store'})).json();
  if (!(await signIn(config))) return;
  configure(config);
  const me = user();
  document.getElementById('who').textContent = `${me.id}${me.groups.length ? ` (${me.groups.join(', ')})` : ''}`;
  document.getElementById('sign-out').addEventListener('click', () => signOut(config));
  items = (await api.get('/items')).items || [];
  pickItems();
  window.addEventListener('hashchange', route);
  await route();
}

function pickItems() {
  const picker = document.getElementById('item-picker');
  document.getElementById('item-hint').hidden = items.length > 0;
  picker.disabled = items.length === 0;
  replace(picker, items.map((item) => h('option', {value: item.itemId}, item.name || item.itemId)));
  const saved = localStorage.getItem(ITEM);
  if (items.some((item) => item.itemId === saved)) picker.value = saved;
  picker.addEventListener('change', () => {
    localStorage.setItem(ITEM, picker.value);
    const shown = (location.hash.match(/\/(work|search|stats|admin)\b/) || [null, 'work'])[1];
    location.hash = `#/items/${encodeURIComponent(picker.value)}/${shown}`;
  });
}

/** The item in the picker, if the user has any. */
export function currentItem() {
  const id = document.getElementById('item-picker').value;
  return items.find((item) => item.itemId === id) || null;
}

async function route() {
  leave();
  leave = () => {};
  const hash = location.hash || '#/work';
  const job = hash.match(/^#\/items\/([^/]+)\/jobs\/([^/?]+)/);
  // #/items/{itemId}/{work|search|stats|admin}, or #/{page} for the item in the picker
  const page = hash.match(/^#\/(?:items\/([^/]+)\/)?(work|search|stats|admin)\b/) || [null, null, 'work'];
  const pages = {work: showWork, search: showSearch, stats: showStats, admin: showAdmin};
  try {
    if (job) {
      const itemId = decodeURIComponent(job[1]);
      const item = items.find((candidate) => candidate.itemId === itemId);
      if (!item) {
        notFound();
        return;
      }
      document.getElementById('item-picker').value = itemId;
      navigation(item, null);
      live.connect(config.websocket, itemId);
      leave = await showJob(view, item, decodeURIComponent(job[2]), user());
    } else {
      const named = page[1] && decodeURIComponent(page[1]);
      if (named && items.some((candidate) => candidate.itemId === named)) {
        document.getElementById('item-picker').value = named;
        localStorage.setItem(ITEM, named);
      }
      const item = currentItem();
      navigation(item, page[2]);
      if (!item) {
        replace(view, h('h1', {}, 'My work'), h('p', {class: 'empty', id: 'no-items'}, 'You hold no role in any workflow item.'));
        return;
      }
      live.connect(config.websocket, item.itemId);
      leave = await pages[page[2]](view, item, user());
    }
  } catch (error) {
    if (error.status === 404) notFound();
    else replace(view, h('p', {class: 'error', role: 'alert'}, error.message));
  }
}

/** The header's links lead to the pages of the chosen item; the one shown is marked current. */
function navigation(item, shown) {
  const admins = item?.roles?.admin || [];
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (item) link.href = `#/items/${encodeURIComponent(item.itemId)}/${link.dataset.nav}`;
    if (link.dataset.nav === 'admin') link.hidden = !user().groups.some((group) => admins.includes(group));
    link.toggleAttribute('aria-current', link.dataset.nav === shown);
  }
}

function notFound() {
  replace(view, h('h1', {}, 'Not found'), h('p', {class: 'empty', id: 'not-found'},
    'There is nothing here, or you hold no role in its workflow item.'));
}

start().catch((error) => replace(view, h('p', {class: 'error', role: 'alert'}, `The app could not start: ${error.message}`)));
