// Live job events over the WebSocket API: one connection for the chosen item, the token as the
// subprotocols "wfm.bearer", <token> (browsers cannot set headers), subscriptions to my work and to
// the jobs on screen; after a drop it connects again with growing, jittered delays and subscribes again.
import {token} from './auth.js';

const listeners = new Set();
const seen = new Set();
let socket = null;
let url = null;
let itemId = null;
let jobIds = new Set();
let retries = 0;
let timer = null;

export function onMessage(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function connect(websocketUrl, item) {
  if (!websocketUrl || (item === itemId && socket)) return;
  url = websocketUrl;
  itemId = item;
  jobIds = new Set();
  close();
  open();
}

/** The jobs whose events this page wants (besides my work). */
export function followJobs(ids) {
  const wanted = new Set(ids);
  const dropped = [...jobIds].filter((id) => !wanted.has(id));
  const added = [...wanted].filter((id) => !jobIds.has(id));
  jobIds = wanted;
  if (dropped.length) send({action: 'unsubscribe', jobIds: dropped});
  if (added.length) send({action: 'subscribe', jobIds: added});
}

function send(message) {
  if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
}

function state(name, text) {
  const badge = document.getElementById('live');
  if (badge) {
    badge.dataset.state = name;
    badge.textContent = text;
  }
}

function close() {
  clearTimeout(timer);
  if (socket) {
    socket.onclose = null;
    socket.close();
    socket = null;
  }
}

function open() {
  const current = token();
  if (!current) return;
  const address = `${url}?itemId=${encodeURIComponent(itemId)}`;
  state('connecting', 'connecting…');
  socket = new WebSocket(address, ['wfm.bearer', current]);
  socket.onopen = () => {
    const reconnected = retries > 0;
    retries = 0;
    state('live', 'live');
    send({action: 'subscribe', queue: 'mine'});
    if (jobIds.size) send({action: 'subscribe', jobIds: [...jobIds]});
    // Events during the drop were not seen: the pages read again.
    if (reconnected) dispatch({msgType: 'Reconnected', message: {itemId}});
  };
  socket.onmessage = (event) => {
    let message;
    try {
      message = JSON.parse(event.data);
    } catch {
      return;
    }
    if (message.eventId) {
      if (seen.has(message.eventId)) return; // the stream delivers at least once
      seen.add(message.eventId);
      if (seen.size > 2000) seen.delete(seen.values().next().value);
    }
    dispatch(message);
  };
  socket.onclose = () => {
    socket = null;
    const delay = Math.min(15_000, 500 * 2 ** retries) * (0.75 + Math.random() * 0.5);
    retries++;
    state('reconnecting', 'reconnecting…');
    timer = setTimeout(open, delay);
  };
}

function dispatch(message) {
  for (const listener of listeners) listener(message);
}
