// The job page: properties, the diagram (the server's SVG, inlined, its current steps highlighted),
// the current steps' actions, comments, attachments and the history as a timeline; it reads again
// whenever a live message about the job arrives.
import {api, jobPath, itemPath} from './api.js';
import {alertBox, debounce, formatDate, formatDuration, h, replace} from './dom.js';
import {drawDiagram} from './diagram.js';
import {locationShape} from './location.js';
import * as live from './live.js';

const SHOWN = ['jobId', 'jobStatus', 'priority', 'assignedType', 'assignedTo', 'dueDate', 'createdBy', 'created',
  'jobTemplateId', 'diagramId', 'diagramVersion', 'closed', 'description'];

export async function showJob(view, item, jobId, me) {
  const base = (rest = '') => jobPath(item.itemId, jobId, rest);
  const manager = roleIn(item, me, 'manager') || roleIn(item, me, 'admin');
  const title = h('h1', {id: 'job-title'});
  const properties = h('dl', {class: 'properties', id: 'job-properties'});
  const diagram = h('figure', {class: 'diagram', id: 'job-diagram'});
  const steps = h('section', {class: 'steps', id: 'current-steps', 'aria-labelledby': 'steps-title'});
  const message = alertBox('job-message');
  const comments = h('ul', {class: 'comments', id: 'job-comments'});
  const attachments = h('ul', {class: 'attachments', id: 'job-attachments'});
  const history = h('ol', {class: 'timeline', id: 'job-history'});
  const place = h('figure', {class: 'location', id: 'job-location'});
  let job = null;
  let model = null; // the diagram version: questions and their answers

  const commentText = h('textarea', {id: 'comment-text', rows: 2, required: true});
  const file = h('input', {id: 'attachment-file', type: 'file'});
  const linkUrl = h('input', {id: 'link-url', type: 'url', placeholder: 'https://…', required: true});
  const linkAlias = h('input', {id: 'link-alias'});
  replace(view,
    h('p', {class: 'crumbs'}, h('a', {href: `#/items/${encodeURIComponent(item.itemId)}/work`}, '← My work')),
    title, message,
    h('div', {class: 'job-grid'},
      h('section', {'aria-labelledby': 'diagram-title', class: 'panel wide'}, h('h2', {id: 'diagram-title'}, 'Diagram'), diagram),
      h('div', {class: 'panel'}, h('h2', {id: 'steps-title'}, 'Current steps'), steps),
      h('section', {'aria-labelledby': 'props-title', class: 'panel'}, h('h2', {id: 'props-title'}, 'Properties'), properties,
        h('h2', {id: 'location-title'}, 'Location'), place),
      h('section', {'aria-labelledby': 'comments-title', class: 'panel'}, h('h2', {id: 'comments-title'}, 'Comments'), comments,
        h('form', {id: 'comment-form', onsubmit: (event) => { event.preventDefault(); comment(); }},
          h('label', {for: 'comment-text'}, 'Add a comment'), commentText, h('button', {type: 'submit'}, 'Comment'))),
      h('section', {'aria-labelledby': 'attachments-title', class: 'panel'}, h('h2', {id: 'attachments-title'}, 'Attachments'),
        attachments,
        h('form', {id: 'upload-form', onsubmit: (event) => { event.preventDefault(); upload(); }},
          h('label', {for: 'attachment-file'}, 'File (up to 4 MB)'), file, h('button', {type: 'submit'}, 'Upload')),
        h('form', {id: 'link-form', onsubmit: (event) => { event.preventDefault(); addLink(); }},
          h('label', {for: 'link-url'}, 'Link'), linkUrl, h('label', {for: 'link-alias'}, 'Alias'), linkAlias,
          h('button', {type: 'submit'}, 'Add link'))),
      h('section', {'aria-labelledby': 'history-title', class: 'panel wide'}, h('h2', {id: 'history-title'}, 'History'), history)));

  async function loadJob() {
    job = await api.get(base('?holds=true'));
    if (!model || model.version !== job.diagramVersion) {
      model = await api.get(itemPath(item.itemId, `/diagrams/${encodeURIComponent(job.diagramId)}?version=${job.diagramVersion}`))
        .catch(() => ({steps: []}));
    }
    title.textContent = job.jobName || job.jobId;
    replace(properties, SHOWN.filter((key) => job[key] !== undefined && job[key] !== null).map((key) => [
      h('dt', {}, key), h('dd', {dataset: {property: key}}, /date|created/i.test(key) ? formatDate(job[key]) : String(job[key]))]));
    drawSteps();
  }

  function drawSteps() {
    const current = job.currentSteps || [];
    replace(steps,
      current.length === 0 ? h('p', {class: 'empty'}, job.closed ? 'The job is closed.' : 'No step is current.') : null,
      current.map(stepCard),
      manager ? setCurrentForm() : null);
  }

  function stepCard(step) {
    const definition = (model.steps || []).find((s) => s.id === step.stepId) || {};
    const held = step.status === 'Held';
    const group = String(step.assignedType).toLowerCase() === 'group';
    const release = h('input', {type: 'datetime-local', id: `hold-until-${step.stepId}`});
    const holdBox = h('div', {class: 'hold'},
      h('label', {for: `hold-until-${step.stepId}`}, 'Release on (optional)'), release,
      h('button', {type: 'button', onclick: () => act('Hold', step.stepId,
        release.value ? {scheduledRelease: new Date(release.value).toISOString()} : {})}, 'Hold'));
    const buttons = [];
    if (!held && step.status === 'Ready') buttons.push(button('Run', step));
    if (!held && definition.type === 'question') {
      buttons.push(h('p', {class: 'question'}, definition.question || 'Answer'));
      for (const answer of definition.answers || []) {
        buttons.push(h('button', {type: 'button', class: 'answer', dataset: {answer: answer.value},
          onclick: () => act('Finish', step.stepId, {returnCode: answer.value})}, answer.name));
      }
    } else if (!held) {
      buttons.push(button('Finish', step));
    }
    if (step.status === 'Working') buttons.push(button('Stop', step));
    if (group) buttons.push(button('Claim', step));
    else if (step.assignedTo === me.id && step.claimedFrom) buttons.push(button('GiveBack', step, `Give back to ${step.claimedFrom}`));
    return h('article', {class: `step-card ${String(step.status).toLowerCase()}`, dataset: {stepId: step.stepId}},
      h('h3', {}, step.stepName || step.stepId, ' ', h('span', {class: `status ${String(step.status).toLowerCase()}`}, step.status)),
      h('p', {class: 'hint'}, `Assigned to ${group ? 'group ' : ''}${step.assignedTo || 'nobody'}`),
      h('div', {class: 'actions', role: 'group', 'aria-label': `Actions on ${step.stepName || step.stepId}`},
        buttons, held ? button('ReleaseHold', step, 'Release') : holdBox));
  }

  function button(type, step, label = type) {
    return h('button', {type: 'button', class: `action-${type.toLowerCase()}`, onclick: () => act(type, step.stepId)}, label);
  }

  function setCurrentForm() {
    const select = h('select', {id: 'set-current-step'}, (model.steps || []).filter((s) => s.type !== 'end')
      .map((s) => h('option', {value: s.id}, s.name || s.id)));
    return h('form', {class: 'set-current', onsubmit: (event) => {
      event.preventDefault();
      act('SetCurrentStep', null, {stepId: select.value});
    }}, h('label', {for: 'set-current-step'}, 'Set current step'), select, h('button', {type: 'submit'}, 'Set'));
  }

  async function act(type, stepId, extra = {}) {
    message.textContent = '';
    try {
      const request = {type, ...(stepId ? {stepIds: [stepId]} : {}), ...extra};
      const answer = await api.post(base('/action'), request);
      const refused = (answer.stepResponses || []).find((response) => response.code);
      if (refused) message.textContent = refused.message;
    } catch (error) {
      message.textContent = error.message;
    }
    refresh();
  }

  async function loadDiagram() {
    await drawDiagram(diagram, item.itemId, jobId);
  }

  async function loadComments() {
    const list = await api.get(base('/comments'));
    const entries = Array.isArray(list) ? list : list.comments || [];
    replace(comments, entries.length === 0 ? h('li', {class: 'empty'}, 'No comments yet.') : entries.map((c) =>
      h('li', {}, h('p', {}, c.comment), h('p', {class: 'hint'}, `${c.user}, ${formatDate(c.date)}`))));
  }

  async function comment() {
    if (!commentText.value.trim()) return;
    try {
      await api.post(base('/comments'), {comment: commentText.value.trim()});
      commentText.value = '';
    } catch (error) {
      message.textContent = error.message;
    }
    loadComments().catch(fail);
    loadHistory().catch(fail);
  }

  async function loadAttachments() {
    const entries = (await api.get(base('/attachments'))).attachments || [];
    replace(attachments, entries.length === 0 ? h('li', {class: 'empty'}, 'No attachments.') : entries.map((a) => h('li', {},
      a.type === 'link'
        ? h('a', {href: a.url, rel: 'noopener noreferrer', target: '_blank'}, a.alias || a.name || a.url)
        : h('button', {type: 'button', class: 'link', onclick: () => download(a)}, `Download ${a.alias || a.name}`),
      a.folder ? h('span', {class: 'hint'}, ` in ${a.folder}`) : null,
      a.size ? h('span', {class: 'hint'}, ` · ${Math.ceil(a.size / 1024)} KB`) : null)));
  }

  async function download(attachment) {
    try {
      const blob = await api.blob(base(`/attachments/${encodeURIComponent(attachment.attachmentId)}/content`));
      const url = URL.createObjectURL(blob);
      const anchor = h('a', {href: url, download: attachment.name});
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      message.textContent = error.message;
    }
  }

  async function upload() {
    const chosen = file.files[0];
    if (!chosen) return;
    try {
      await api.upload(base(`/attachments?name=${encodeURIComponent(chosen.name)}`), chosen);
      file.value = '';
    } catch (error) {
      message.textContent = error.message;
    }
    loadAttachments().catch(fail);
    loadHistory().catch(fail);
  }

  async function addLink() {
    try {
      await api.post(base('/attachments'), {url: linkUrl.value, ...(linkAlias.value ? {alias: linkAlias.value} : {})});
      linkUrl.value = '';
      linkAlias.value = '';
    } catch (error) {
      message.textContent = error.message;
    }
    loadAttachments().catch(fail);
    loadHistory().catch(fail);
  }

  async function loadLocation() {
    try {
      replace(place, locationShape(await api.get(base('/location'))));
    } catch (error) {
      if (error.status !== 404) throw error;
      replace(place, h('p', {class: 'empty'}, 'No location.'));
    }
  }

  async function loadHistory() {
    const entries = await api.get(base('/history'));
    replace(history, (Array.isArray(entries) ? entries : entries.history || []).map((entry) =>
      h('li', {dataset: {action: entry.action}},
        h('time', {datetime: entry.date}, formatDate(entry.date)), ' ',
        h('strong', {}, entry.action), entry.stepId ? ` · ${entry.stepId}` : '', ` · ${entry.user}`,
        summary(entry.details) ? h('span', {class: 'detail'}, ` · ${summary(entry.details)}`) : null,
        entry.durationSeconds !== undefined ? h('span', {class: 'hint'}, ` · took ${formatDuration(entry.durationSeconds)}`) : null)));
  }

  const fail = (error) => { message.textContent = error.message; };
  function refresh() {
    loadJob().catch(fail);
    loadDiagram().catch(fail);
    loadHistory().catch(fail);
    loadLocation().catch(fail);
  }
  const refreshSoon = debounce(refresh, 200);
  const stop = live.onMessage((event) => {
    if (event.msgType === 'Reconnected') {
      refresh();
      loadComments().catch(fail);
      loadAttachments().catch(fail);
    } else if (event.message?.jobId === jobId) {
      if (event.msgType === 'JobCommentUpdated') loadComments().catch(fail);
      if (event.msgType === 'JobAttachmentUpdated') loadAttachments().catch(fail);
      refreshSoon();
    }
  });

  await loadJob(); // a job that is not there (or not for this user) stops here with 404
  live.followJobs([jobId]);
  await Promise.all([loadDiagram(), loadComments(), loadAttachments(), loadHistory(), loadLocation()].map((p) => p.catch(fail)));
  return () => {
    stop();
    live.followJobs([]);
  };
}

/** The one thing worth reading in a history entry's details: what was said, chosen or attached. */
function summary(details = {}) {
  return details.comment || (details.returnCode ? `answered ${details.returnCode}` : '') || details.name || '';
}

function roleIn(item, me, role) {
  const groups = item.roles?.[role] || [];
  return me.groups.some((group) => groups.includes(group));
}
