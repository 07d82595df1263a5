// The designer's workbench (issue 23), for process designers and administrators: the model files, the drafts
// that change them, checks and "what would it have done?", roll-out and roll-back, and the differences between
// deployed versions with the migration of running tickets. The editors themselves are modeler.js, a chunk loaded
// when a file is opened. The server's side is /api/workbench (DraftController, ModelFileController,
// WhatIfController).
import { tr } from './i18n.js';

const FOLDERS = ['processes', 'decisions', 'forms', 'catalog', 'mail', 'responses', 'i18n', 'forms/i18n', 'catalog/i18n'];
/** The words in another language: the portal's, a form's, the catalog's (not deployed; read as they are). */
const WORDS = /^(i18n\/[a-z]{2,3}\.json|forms\/i18n\/[A-Za-z0-9][A-Za-z0-9._-]*\.[a-z]{2,3}\.json|catalog\/i18n\/[a-z]{2,3}\.yaml)$/;

/** Who sees the workbench: the portal's roles of /api/me. */
export const designs = me => me.roles.some(r => ['process-designer', 'administrator'].includes(r));

/** The workbench's stylesheet (the editors' own and the layout), linked once when the workbench is first drawn. */
function linkStylesheet() {
  // Leaving an editor: a later close of the tab no longer asks about its changes.
  window.onbeforeunload = null;
  const href = document.querySelector('meta[name="workbench-css"]')?.content;
  if (href && !document.querySelector(`link[href="${href}"]`)) {
    document.head.append(Object.assign(document.createElement('link'), { rel: 'stylesheet', href }));
  }
}

export function workbenchPages({ h, api, page, say, when, navigate, refresh, learnNames, userName }) {

  /**
   * A call whose refusal the page shows with its details (problems with their elements, differences): the portal's
   * api(), its answer or refusal as { ok, status, json, message }. An ended session is api()'s to handle.
   */
  async function send(method, path, body, type) {
    try {
      return { ok: true, status: 200, json: await api(method, path, body, type ? { type } : undefined) };
    } catch (e) {
      if (e.status === 401) throw e;
      return { ok: false, status: e.status, json: e.problem, message: e.message };
    }
  }

  const refusal = answer => answer.message;

  /** Problems of a check or a rejected roll-out: file, element, line and reason; a click selects the element. */
  function problemList(title, problems, select) {
    if (!problems || !problems.length) return '';
    return h('section', { class: 'card' }, h('h2', {}, title), h('ul', { class: 'problems' }, problems.map(p =>
      h('li', {}, h('code', {}, p.file || ''), p.element ? [' · ', select
        ? h('button', { type: 'button', class: 'link', onclick: () => select(p.element) }, p.element)
        : h('code', {}, p.element)] : '', p.line ? ` · ${tr('line {line}', { line: p.line })}` : '', ': ', p.reason))));
  }

  /** A unified difference, its added and removed lines marked. */
  const diffBlock = text => h('pre', { class: 'diff' }, text.split('\n').map(line => h('span', {
    class: line.startsWith('+') && !line.startsWith('+++') ? 'diff-line-add'
      : line.startsWith('-') && !line.startsWith('---') ? 'diff-line-remove' : null }, `${line}\n`)));

  function changedOnDisk(answer) {
    const differences = (answer.json && answer.json.differences) || {};
    return h('section', { class: 'card', id: 'changed-on-disk' }, h('h2', {}, tr('Changed on disk since the draft took it')),
      h('p', {}, tr('Someone changed these files in the models folder after the draft took them; the roll-out would overwrite their change. Put the file into the draft again to start from the disk version.')),
      Object.entries(differences).map(([path, text]) => [h('h3', {}, path), diffBlock(text)]));
  }

  // --- the start: files, drafts, deployments -------------------------------------------------------------------

  async function home() {
    linkStylesheet();
    const [files, drafts, deployments] = await Promise.all([api('GET', '/api/workbench/models'),
      api('GET', '/api/workbench/drafts'), api('GET', '/api/workbench/deployments')]);
    await learnNames({ users: [...drafts.map(d => d.author), ...deployments.map(d => d.rolledOutBy)].filter(Boolean) });
    const open = drafts.filter(d => d.status === 'open');
    const keyOf = path => path.replace(/^.*\//, '').replace(/\.[^.]+$/, '');
    const folder = name => {
      // The folder's own files: forms/ lists the forms, forms/i18n/ their words.
      const inFolder = files.filter(f => f.path.startsWith(`${name}/`) && !f.path.slice(name.length + 1).includes('/'));
      if (!inFolder.length) return '';
      return h('section', { class: 'card' }, h('h3', {}, `${name}/`), h('ul', { class: 'model-files' }, inFolder.map(f =>
        h('li', {}, h('a', { href: `#/workbench/edit/new/${f.path}` }, f.path.slice(name.length + 1)),
          f.kind === 'bpmn' ? [' · ', h('a', { href: `#/workbench/versions/process/${keyOf(f.path)}` }, tr('versions'))] : '',
          f.kind === 'dmn' ? [' · ', h('a', { href: `#/workbench/versions/decision/${keyOf(f.path)}` }, tr('versions'))] : ''))));
    };
    const draftRow = d => h('tr', {},
      h('td', {}, h('a', { href: `#/workbench/drafts/${d.id}` }, d.name)),
      h('td', {}, draftStatus(d.status)), h('td', {}, userName(d.author)), h('td', {}, when(d.updatedAt)));
    page(tr('Workbench'),
      h('p', {}, tr('Change the models in a draft: nothing is live until you roll it out, and every roll-out can be rolled back.')),
      h('section', { class: 'card' }, h('h2', {}, tr('Drafts')),
        drafts.length ? h('table', { class: 'drafts' },
          h('thead', {}, h('tr', {}, [tr('Draft'), tr('Status'), tr('By'), tr('Changed')].map(t => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, [...open, ...drafts.filter(d => d.status !== 'open')].slice(0, 30).map(draftRow)))
          : h('p', {}, tr('No drafts yet: open a file below and change it.'))),
      h('h2', {}, tr('Models')),
      h('div', { class: 'model-folders' }, FOLDERS.map(folder)),
      h('section', { class: 'card' }, h('h2', {}, tr('Deployments')),
        h('p', {}, tr('Rolling back to a deployment rolls its files out again as a draft of their own, checked and recorded like any roll-out.')),
        deployments.length > 1 ? noteField() : '',
        h('table', { class: 'deployments' },
          h('thead', {}, h('tr', {}, [tr('Deployed'), tr('Draft'), tr('By'), ''].map(t => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, deployments.map((d, i) => h('tr', {},
            h('td', {}, when(d.deployedAt)),
            h('td', {}, d.draftId ? h('a', { href: `#/workbench/drafts/${d.draftId}` }, d.draftName) : tr('at start-up or by an administrator')),
            h('td', {}, d.rolledOutBy ? userName(d.rolledOutBy) : ''),
            h('td', {}, i === 0 ? tr('live now') : h('button', { type: 'button', onclick: () => rollBack(d) }, tr('Roll back to this')))))))));
  }

  const draftStatus = status => ({ open: tr('open'), rolled_out: tr('rolled out'), discarded: tr('discarded') }[status] || status);

  /** Why a roll-back happens, for the audit log: one field for the page's roll-back buttons. */
  const noteField = () => h('p', {}, h('label', { for: 'rollback-note' }, tr('Why roll back? (for the audit log)')),
    h('input', { id: 'rollback-note', maxlength: 2000 }));

  async function rollBack(deployment) {
    say('');
    const field = document.getElementById('rollback-note');
    const reason = field.value.trim();
    // What is live is replaced for everyone: the audit log says why, and the designer says yes once more.
    if (!reason) {
      say(tr('Say why you roll back, for the audit log.'));
      field.focus();
      return;
    }
    if (!confirm(tr('Roll the models back to the deployment of {when}? What is live now is replaced.',
      { when: when(deployment.deployedAt) }))) return;
    const answer = await send('POST', '/api/workbench/rollback', { deploymentId: deployment.id, note: reason || null });
    if (answer.ok) {
      navigate(`#/workbench/drafts/${answer.json.draft.id}`, tr('Rolled back to the deployment of {when}.', { when: when(deployment.deployedAt) }));
    } else {
      say(refusal(answer));
      if (answer.status === 422) main().append(problemList(tr('The earlier models are rejected now'), answer.json.problems));
    }
  }

  const main = () => document.getElementById('main');

  // --- a draft: its files, check, roll-out, discard, roll-back --------------------------------------------------

  async function draft(id) {
    linkStylesheet();
    const [d, deployments] = await Promise.all([api('GET', `/api/workbench/drafts/${encodeURIComponent(id)}`),
      api('GET', '/api/workbench/deployments')]);
    const results = h('div', { class: 'workbench-results', id: 'draft-results' });
    const isOpen = d.status === 'open';
    const fileRow = f => h('tr', {},
      h('td', {}, isOpen ? h('a', { href: `#/workbench/edit/${d.id}/${f.path}` }, f.path) : f.path),
      h('td', {}, f.newFile ? tr('new file') : tr('changed'), f.changedOnDisk ? [' · ', h('strong', { class: 'warning' }, tr('changed on disk since'))] : ''),
      h('td', {}, isOpen ? h('button', { type: 'button', class: 'link', onclick: async () => {
        const answer = await send('DELETE', `/api/workbench/drafts/${d.id}/files?path=${encodeURIComponent(f.path)}`);
        if (answer.ok) refresh(); else say(refusal(answer));
      } }, tr('Take out')) : ''));
    const check = async () => {
      say('');
      const answer = await send('POST', `/api/workbench/drafts/${d.id}/check`);
      if (!answer.ok) { say(refusal(answer)); return; }
      const { errors, warnings } = answer.json;
      results.replaceChildren(
        h('p', { class: `note ${errors.length ? 'error' : 'ok'}`, id: 'check-outcome' }, errors.length
          ? tr('{errors} problems stop the roll-out; {warnings} warnings.', { errors: errors.length, warnings: warnings.length })
          : tr('No problems: the draft can be rolled out ({warnings} warnings).', { warnings: warnings.length })),
        problemList(tr('Problems'), errors), problemList(tr('Warnings'), warnings));
    };
    const rollOut = async () => {
      say('');
      const answer = await send('POST', `/api/workbench/drafts/${d.id}/rollout`);
      if (answer.ok) {
        await refresh();
        say(tr('Rolled out: the models are live, and the files are written into the models folder.'), 'ok');
      } else if (answer.status === 409 && answer.json && answer.json.differences) {
        say(refusal(answer));
        results.replaceChildren(changedOnDisk(answer));
      } else {
        say(refusal(answer));
        results.replaceChildren(problemList(tr('Problems'), answer.json && answer.json.problems));
      }
    };
    const discard = async () => {
      if (!confirm(tr('Discard the draft "{name}"? Its changes are lost.', { name: d.name }))) return;
      const answer = await send('DELETE', `/api/workbench/drafts/${d.id}`);
      if (answer.ok) navigate('#/workbench', tr('Discarded.')); else say(refusal(answer));
    };
    // Rolling back a rolled-out draft returns to the deployment before its own.
    const mine = deployments.findIndex(x => x.id === d.deploymentId);
    const before = mine >= 0 ? deployments[mine + 1] : null;
    const editable = ['processes', 'decisions', 'forms', 'catalog', 'mail', 'responses', 'i18n'];
    const addFile = h('form', { class: 'search', onsubmit: event => {
      event.preventDefault();
      const path = event.target.elements.path.value.trim();
      if (editable.some(f => path.startsWith(`${f}/`))) navigate(`#/workbench/edit/${d.id}/${path}`);
      else say(tr('A model file is named by its folder: processes/…, decisions/…, forms/…, catalog/…, mail/…, responses/… or i18n/….'));
    } }, h('label', { for: 'add-path' }, tr('Add a file')), h('input', { id: 'add-path', name: 'path', placeholder: 'decisions/incident-priority.dmn' }),
    h('button', { type: 'submit' }, tr('Open')));
    await learnNames({ users: [d.author, d.rolledOutBy].filter(Boolean) });
    page(d.name,
      h('p', { class: 'actions' }, h('a', { href: '#/workbench' }, tr('Workbench'))),
      h('dl', { class: 'facts' },
        h('dt', {}, tr('Status')), h('dd', { id: 'draft-status' }, draftStatus(d.status)),
        h('dt', {}, tr('By')), h('dd', {}, userName(d.author)),
        d.note ? [h('dt', {}, tr('Note')), h('dd', {}, d.note)] : '',
        d.rolledOutAt ? [h('dt', {}, tr('Rolled out')), h('dd', {}, `${when(d.rolledOutAt)} · ${userName(d.rolledOutBy)}`)] : ''),
      h('section', { class: 'card' }, h('h2', {}, tr('Files')),
        d.files.length ? h('table', { class: 'draft-files' }, h('tbody', {}, d.files.map(fileRow))) : h('p', {}, tr('No files yet.')),
        isOpen ? addFile : ''),
      isOpen ? h('div', { class: 'workbench-toolbar' },
        h('button', { type: 'button', onclick: check }, tr('Check')),
        h('button', { type: 'button', class: 'primary', onclick: rollOut, disabled: d.files.length === 0 }, tr('Roll out')),
        h('button', { type: 'button', onclick: discard }, tr('Discard'))) : '',
      d.status === 'rolled_out' && before ? h('section', { class: 'card' }, noteField(), h('div', { class: 'workbench-toolbar' },
        h('button', { type: 'button', onclick: () => rollBack(before) }, tr('Roll back')),
        h('span', {}, tr('to the deployment of {when}', { when: when(before.deployedAt) })))) : '',
      results);
  }

  // --- editing one file ------------------------------------------------------------------------------------------

  let editor = null;

  async function edit(draftId, path) {
    linkStylesheet();
    if (editor) { editor.destroy(); editor = null; }
    const d = draftId === 'new' ? null : await api('GET', `/api/workbench/drafts/${encodeURIComponent(draftId)}`);
    const inDraft = d && d.files.find(f => f.path === path);
    const disk = await api('GET', `/api/workbench/models/file?path=${encodeURIComponent(path)}`).catch(e => {
      if (e.status === 404 && d) return { path, kind: kindOf(path), content: null };
      throw e;
    });
    const kind = disk.kind || kindOf(path);
    const content = inDraft ? inDraft.content : disk.content ?? emptyFile(kind, path);
    const openDrafts = d ? [] : (await api('GET', '/api/workbench/drafts')).filter(x => x.status === 'open');
    const { openEditor } = await import('./modeler.js');

    const canvas = h('div', { class: 'canvas', id: 'editor-canvas' });
    const properties = h('div', { class: 'properties', id: 'editor-properties', 'aria-label': tr('Properties') });
    const lint = h('div', { class: 'workbench-results', id: 'lint' });
    const results = h('div', { class: 'workbench-results', id: 'editor-results' });
    const saved = h('span', { role: 'status', id: 'saved-state' }, inDraft ? tr('As in the draft.') : tr('As on disk.'));
    let dirty = false;
    const onChange = () => { dirty = true; saved.textContent = tr('Changed, not saved in the draft yet.'); };
    const onLint = issues => lint.replaceChildren(issues.length ? h('section', { class: 'card' },
      h('h2', {}, issues.length === 1 ? tr('Lint: 1 problem') : tr('Lint: {count} problems', { count: issues.length })),
      h('ul', {}, issues.map(i => h('li', { class: i.category === 'error' ? 'error' : 'warning' },
        h('button', { type: 'button', class: 'link', onclick: () => editor && editor.select && editor.select(i.id) }, i.name ? `${i.name} (${i.id})` : i.id),
        `: ${i.message}`, i.rule ? ` (${i.rule})` : '')))) : h('p', { class: 'note ok', id: 'lint-clean' }, tr('Lint: no problems.')));

    // Where the change goes: the draft of the address, or one of the open drafts, or a new one.
    const target = d ? h('p', {}, tr('Draft:'), ' ', h('a', { href: `#/workbench/drafts/${d.id}` }, d.name), ' · ',
      h('a', { href: `#/workbench/drafts/${d.id}` }, tr('check and roll it out'))) : h('fieldset', { class: 'draft-target' },
      h('legend', {}, tr('Save into')),
      h('div', {}, h('label', { for: 'draft-choice' }, tr('Draft')),
        h('select', { id: 'draft-choice' }, h('option', { value: '' }, tr('A new draft')),
          openDrafts.map(x => h('option', { value: x.id }, x.name)))),
      h('div', {}, h('label', { for: 'draft-name' }, tr('Name of the new draft')),
        h('input', { id: 'draft-name', maxlength: 200, placeholder: tr('What the change is') })),
      h('div', {}, h('label', { for: 'draft-note' }, tr('Note (why, for the audit log)')),
        h('input', { id: 'draft-note', maxlength: 2000 })));

    const save = async () => {
      say('');
      let id = d && d.id;
      if (!id) {
        id = document.getElementById('draft-choice').value;
        if (!id) {
          const name = document.getElementById('draft-name').value.trim();
          if (!name) { say(tr('Give the new draft a name.')); document.getElementById('draft-name').focus(); return null; }
          const created = await send('POST', '/api/workbench/drafts', { name, note: document.getElementById('draft-note').value.trim() || null });
          if (!created.ok) { say(refusal(created)); return null; }
          id = created.json.id;
        }
      }
      const text = await editor.content();
      // As the file's text (a form's JSON too, as laid out): the draft keeps what it is sent.
      const type = kind === 'bpmn' || kind === 'dmn' ? 'application/xml' : 'text/plain';
      const answer = await send('PUT', `/api/workbench/drafts/${id}/files?path=${encodeURIComponent(path)}`, text, type);
      if (!answer.ok) { say(refusal(answer)); return null; }
      dirty = false;
      if (!d) {
        navigate(`#/workbench/edit/${id}/${path}`, tr('Saved into the draft.'));
      } else {
        saved.textContent = tr('Saved into the draft.');
      }
      return id;
    };

    const whatIfDecision = async () => {
      say('');
      const last = Number(document.getElementById('what-if-last').value) || 1000;
      const key = keyIn(await editor.content(), 'decision');
      const answer = await send('POST', `/api/workbench/decisions/${encodeURIComponent(key)}/what-if?last=${last}`,
        await editor.content(), 'application/xml');
      if (!answer.ok) { say(refusal(answer)); return; }
      results.replaceChildren(decisionReport(answer.json));
    };
    const whatIfProcess = async () => {
      say('');
      const xml = await editor.content();
      const key = keyIn(xml, 'process');
      const answer = await send('POST', `/api/workbench/processes/${encodeURIComponent(key)}/what-if`, xml, 'application/xml');
      if (!answer.ok) { say(refusal(answer)); return; }
      results.replaceChildren(processReport(answer.json, id => editor.select(id)));
    };
    const compare = async () => {
      say('');
      if (disk.content === null) { say(tr('The file is new: there is nothing on disk to compare with.')); return; }
      const changes = await editor.compareWith(disk.content);
      results.replaceChildren(changeList(changes, tr('Differences from the file on disk'), id => editor.select(id)));
    };

    const tools = [h('button', { type: 'button', class: 'primary', onclick: save }, tr('Save into the draft'))];
    if (kind === 'dmn') {
      tools.push(h('label', { for: 'what-if-last' }, tr('Past decisions')),
        h('input', { id: 'what-if-last', type: 'number', min: 1, max: 100000, value: 1000 }),
        h('button', { type: 'button', onclick: whatIfDecision }, tr('What would it have decided?')));
    }
    if (kind === 'bpmn') {
      tools.push(h('button', { type: 'button', onclick: whatIfProcess }, tr('What would it meet?')),
        h('button', { type: 'button', onclick: compare }, tr('Compare with the file on disk')));
    }
    page(path,
      h('p', { class: 'actions' }, h('a', { href: '#/workbench' }, tr('Workbench')),
        d ? h('a', { href: `#/workbench/drafts/${d.id}` }, tr('The draft')) : ''),
      target,
      h('div', { class: 'workbench-toolbar' }, tools, saved),
      kind === 'bpmn' ? h('p', { class: 'meta' }, tr('The lint of Camunda Modeler checks as you draw; "Token simulation" (top left) plays the process through.')) : '',
      h('div', { class: `workbench-editor${kind === 'bpmn' ? '' : ' single'}` }, canvas, kind === 'bpmn' ? properties : ''),
      lint, results);
    if (!canvas.isConnected) return;
    try {
      editor = await openEditor(kind, path, content, { canvas, properties, onLint, onChange });
    } catch (e) {
      say(tr('The file cannot be opened in the editor: {reason}', { reason: e.message }));
      return;
    }
    if (!['bpmn', 'yaml', 'mail', 'response', 'words'].includes(kind)) lint.replaceChildren();
    window.onbeforeunload = () => (dirty ? true : undefined);
  }

  const kindOf = path => (WORDS.test(path) ? 'words'
    : { processes: 'bpmn', decisions: 'dmn', forms: 'form', catalog: 'yaml', mail: 'mail' }[path.split('/')[0]] || 'response');

  function emptyFile(kind, path) {
    const id = path.replace(/^.*\//, '').replace(/\.[^.]+$/, '');
    if (kind === 'bpmn') {
      return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_${id}" targetNamespace="http://flowdesk.org/bpmn">
  <bpmn:process id="${id}" name="${id}" isExecutable="true" camunda:historyTimeToLive="P180D">
    <bpmn:startEvent id="StartEvent_1" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1"><bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="${id}">
    <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1"><dc:Bounds x="180" y="160" width="36" height="36" /></bpmndi:BPMNShape>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
    }
    if (kind === 'form') return JSON.stringify({ type: 'default', id, components: [], schemaVersion: 16 }, null, 2);
    if (kind === 'response') return '---\ntitle: \n---\n';
    if (kind === 'mail' && path.endsWith('.txt')) return 'Subject: \n\n';
    if (kind === 'words' && path.startsWith('i18n/')) return JSON.stringify({ language: '', portal: {}, statuses: {}, timeline: {} }, null, 2);
    if (kind === 'words' && path.endsWith('.json')) return '{\n}\n';
    if (kind === 'words') return 'services: {}\nrequestItems: {}\n';
    return '';
  }

  /** The id of the file's process or decision (the key its deployments have). */
  function keyIn(xml, element) {
    const found = new DOMParser().parseFromString(xml, 'application/xml')
      .getElementsByTagNameNS('*', element)[0];
    return found ? found.getAttribute('id') : '';
  }

  /** "N of the last M … would get another …", the changed tickets, and how often each output was decided. */
  function decisionReport(report) {
    const changed = report.changes || [];
    const outputs = change => list => (list || []).map(o => Object.entries(o).map(([k, v]) => `${k} ${v}`).join(', ')).join('; ') || '—';
    return h('section', { class: 'card', id: 'what-if' },
      h('h2', {}, tr('What would it have decided?')),
      h('p', { class: 'what-if-summary' }, summary(report)),
      report.breaches ? h('p', { class: 'what-if-breaches' }, tr('Resolution targets breached: {before} then, {after} with the draft.',
        { before: report.breaches.before, after: report.breaches.after })) : '',
      changed.length ? h('table', { class: 'what-if-changes' },
        h('thead', {}, h('tr', {}, [tr('Ticket'), tr('Decided'), tr('Then'), tr('With the draft')].map(t => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, changed.slice(0, 200).map(c => h('tr', {},
          h('td', {}, c.ticket ? h('a', { href: `#/tickets/${encodeURIComponent(c.ticket)}` }, c.ticket) : '—'),
          h('td', {}, when(c.evaluatedAt)), h('td', {}, outputs(c)(c.before)), h('td', {}, outputs(c)(c.after)))))) : '',
      (report.shifts || []).length ? h('table', { class: 'what-if-shifts' },
        h('caption', {}, tr('How often each outcome was decided')),
        h('thead', {}, h('tr', {}, [tr('Output'), tr('Value'), tr('Then'), tr('With the draft')].map(t => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, report.shifts.map(s => h('tr', {}, h('td', {}, s.output), h('td', {}, s.value), h('td', {}, s.before), h('td', {}, s.after))))) : '',
      (report.failures || []).length ? h('p', { class: 'note error' }, tr('{count} past decisions could not be decided with the draft: {first}',
        { count: report.failures.length, first: report.failures[0].reason })) : '');
  }

  /** "3 of the last 40 incidents would get another priority", by the decision's tickets and its one output. */
  function summary(report) {
    const output = (report.shifts || [])[0]?.output;
    const values = { changed: report.changedTickets, tickets: report.tickets, output: output || '' };
    const kind = report.decision.split('-')[0];
    const sentence = !output ? '{changed} of the last {tickets} tickets would be decided otherwise.'
      : kind === 'incident' ? '{changed} of the last {tickets} incidents would get another {output}.'
        : kind === 'request' ? '{changed} of the last {tickets} requests would get another {output}.'
          : kind === 'change' ? '{changed} of the last {tickets} changes would get another {output}.'
            : '{changed} of the last {tickets} tickets would get another {output}.';
    return [tr(sentence, values), ' ', tr('({changed} of {evaluations} decisions)', { changed: report.changed, evaluations: report.evaluations })];
  }

  function processReport(report, select) {
    const steps = (list, title) => (list || []).length ? [h('h3', {}, title), h('ul', {}, list.map(s => h('li', {}, `${s.name || s.id} (${s.type}, ${s.id})`)))] : '';
    return h('section', { class: 'card', id: 'process-what-if' },
      h('h2', {}, tr('What would it meet?')),
      problemList(tr('Problems'), report.errors, select), problemList(tr('Warnings'), report.warnings, select),
      steps(report.added, tr('Steps the draft adds')), steps(report.removed, tr('Steps the draft removes')),
      (report.waiting || []).length ? [h('h3', {}, tr('Running tickets waiting on a removed step')),
        h('ul', {}, report.waiting.map(w => h('li', {}, h('a', { href: `#/tickets/${encodeURIComponent(w.ticket)}` }, w.ticket),
          ` · ${w.stepName || w.step} · ${tr('version {version}', { version: w.version })}`)))]
        : h('p', {}, tr('No running ticket waits on a step the draft removes.')));
  }

  const changeKind = kind => ({ added: tr('added'), removed: tr('removed'), changed: tr('changed'), layout: tr('moved') }[kind] || kind);

  function changeList(changes, title, select) {
    return h('section', { class: 'card', id: 'differences' }, h('h2', {}, title),
      h('p', { class: 'workbench-legend' }, h('span', { class: 'added' }, tr('added')), h('span', { class: 'changed' }, tr('changed')),
        h('span', { class: 'layout' }, tr('moved')), h('span', { class: 'removed' }, tr('removed'))),
      changes.length ? h('ul', { class: 'changes' }, changes.filter(c => c.type !== 'BPMNShape' && c.type !== 'BPMNEdge').map(c => h('li', { 'data-kind': c.kind },
        `${changeKind(c.kind)}: `, select && c.kind !== 'removed' ? h('button', { type: 'button', class: 'link', onclick: () => select(c.id) }, c.name || c.id) : c.name || c.id,
        ` (${c.type}, ${c.id})`, c.attributes.length ? ` · ${c.attributes.join(', ')}` : '')))
        : h('p', {}, tr('No differences.')));
  }

  // --- deployed versions: differences and migration -------------------------------------------------------------

  let compared = null;

  async function versions(type, key, from, to) {
    linkStylesheet();
    if (compared) { compared.destroy(); compared = null; }
    const base = `/api/workbench/${type === 'process' ? 'processes' : 'decisions'}/${encodeURIComponent(key)}`;
    const list = await api('GET', `${base}/versions`);
    const newest = list[0] && list[0].version;
    const right = Number(to) || newest;
    const left = Number(from) || (list.find(v => v.version < right) || list[0] || {}).version;
    const choose = (id, value) => h('select', { id }, list.map(v => h('option', { value: v.version, selected: v.version === value ? true : null },
      `${tr('version {version}', { version: v.version })} · ${when(v.deployedAt)}${v.running ? ` · ${tr('{count} running', { count: v.running })}` : ''}`)));
    const picker = h('form', { class: 'workbench-toolbar', onsubmit: event => {
      event.preventDefault();
      navigate(`#/workbench/versions/${type}/${key}/${document.getElementById('version-from').value}/${document.getElementById('version-to').value}`);
    } }, h('label', { for: 'version-from' }, tr('Compare')), choose('version-from', left),
    h('label', { for: 'version-to' }, tr('with')), choose('version-to', right), h('button', { type: 'submit' }, tr('Show')));
    const results = h('div', { class: 'workbench-results', id: 'version-differences' });
    const migration = h('div', { class: 'workbench-results', id: 'migration' });
    const leftView = h('div', { class: 'viewer', id: 'viewer-before', role: 'img', 'aria-label': tr('version {version}', { version: left }) });
    const rightView = h('div', { class: 'viewer', id: 'viewer-after', role: 'img', 'aria-label': tr('version {version}', { version: right }) });
    page(`${key}: ${tr('versions')}`,
      h('p', { class: 'actions' }, h('a', { href: '#/workbench' }, tr('Workbench'))),
      list.length < 2 ? h('p', {}, tr('Only one version is deployed: there is nothing to compare yet.')) : picker,
      type === 'process' && left && right ? h('div', { class: 'workbench-compare' },
        h('div', {}, h('h2', {}, tr('version {version}', { version: left })), leftView),
        h('div', {}, h('h2', {}, tr('version {version}', { version: right })), rightView)) : '',
      results, migration);
    if (!results.isConnected || !left || !right) return;
    if (type === 'process') {
      const [before, after] = await Promise.all([xmlOf(`${base}/versions/${left}/xml`), xmlOf(`${base}/versions/${right}/xml`)]);
      const { compareVersions } = await import('./modeler.js');
      if (!results.isConnected) return;
      compared = await compareVersions(before, after, leftView, rightView);
      results.replaceChildren(changeList(compared.changes, tr('Differences from version {from} to {to}', { from: left, to: right })));
      const waiting = list.filter(v => v.version < right).reduce((sum, v) => sum + (v.running || 0), 0);
      if (waiting) {
        // Camunda tries each running ticket against the plan (without moving it): thousands take a while.
        migration.replaceChildren(h('p', { class: 'note', role: 'status' },
          tr('Checking {count} running tickets against version {to}…', { count: waiting, to: right })));
      }
      migration.replaceChildren(await migrationCard(base, right));
    } else {
      const answer = await send('GET', `${base}/diff?from=${left}&to=${right}`);
      results.replaceChildren(answer.ok ? ruleDiff(answer.json) : h('p', { class: 'note error' }, refusal(answer)));
    }
  }

  const xmlOf = path => api('GET', path, undefined, { accept: 'application/xml' });

  function ruleDiff(diff) {
    const row = (rule, kind, before) => h('tr', { class: `rule-${kind}` }, h('td', {}, changeKind(kind)),
      [...rule.inputs, ...rule.outputs].map((entry, i) => {
        const was = before ? [...before.inputs, ...before.outputs][i] : null;
        return h('td', { class: 'entry' }, was !== null && was !== entry ? [h('del', {}, was), ' ', h('ins', {}, entry)] : entry);
      }), h('td', {}, rule.annotation || ''));
    const rows = [...diff.added.map(r => row(r, 'added')), ...diff.removed.map(r => row(r, 'removed')),
      ...diff.changed.map(c => row(c.after, 'changed', c.before))];
    return h('section', { class: 'card', id: 'rule-differences' },
      h('h2', {}, tr('Rules from version {from} to {to}', { from: diff.from, to: diff.to })),
      h('p', {}, tr('{added} added, {removed} removed, {changed} changed, {unchanged} unchanged.',
        { added: diff.added.length, removed: diff.removed.length, changed: diff.changed.length, unchanged: diff.unchanged })),
      rows.length ? h('table', { class: 'rules' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, ''),
        [...diff.inputs, ...diff.outputs].map(label => h('th', { scope: 'col' }, label)), h('th', { scope: 'col' }, tr('Annotation')))),
      h('tbody', {}, rows)) : '');
  }

  async function migrationCard(base, to) {
    const answer = await send('GET', `${base}/migration?to=${to}`);
    if (!answer.ok) return h('p', { class: 'note error' }, refusal(answer));
    const plans = answer.json || [];
    return h('section', { class: 'card' }, h('h2', {}, tr('Running tickets on older versions')),
      plans.length ? plans.map(plan => h('div', { class: 'migration-plan' },
        h('h3', {}, tr('From version {from} to {to}: {movable} of {instances} can move', plan.fromVersion ? { from: plan.fromVersion, to: plan.toVersion,
          movable: plan.movable, instances: plan.instances } : {})),
        (plan.problems || []).length ? h('ul', { class: 'error' }, plan.problems.map(p => h('li', {}, p))) : '',
        h('details', {}, h('summary', {}, tr('The plan: {count} steps mapped', { count: (plan.instructions || []).length })),
          h('ul', {}, (plan.instructions || []).map(i => h('li', {}, `${i.from.join(', ')} → ${i.to.join(', ')}`)))),
        (plan.unmovable || []).length ? [h('p', {}, tr('These cannot move:')), h('ul', {}, plan.unmovable.map(u => h('li', {},
          u.ticket ? h('a', { href: `#/tickets/${encodeURIComponent(u.ticket)}` }, u.ticket) : u.processInstanceId,
          `: ${(u.reasons || []).join('; ')}`)))] : '',
        plan.movable ? h('button', { type: 'button', onclick: async event => {
          if (!confirm(tr('Move {count} running tickets from version {from} to {to}?', { count: plan.movable, from: plan.fromVersion, to: plan.toVersion }))) return;
          // One move at a time: a second click while the first runs would find the same tickets half moved.
          const button = event.currentTarget;
          button.disabled = true;
          button.textContent = tr('Moving {count} running tickets…', { count: plan.movable });
          const moved = await send('POST', `${base}/migration`, { fromVersion: plan.fromVersion, toVersion: plan.toVersion });
          button.disabled = false;
          button.textContent = tr('Move them to version {to}', { to: plan.toVersion });
          if (moved.ok) {
            say(tr('{moved} tickets moved to version {to}; {left} stay.', { moved: moved.json.moved, to: plan.toVersion, left: (moved.json.notMoved || []).length }), 'ok');
            refresh();
          } else say(refusal(moved));
        } }, tr('Move them to version {to}', { to: plan.toVersion })) : ''))
        : h('p', {}, tr('No ticket runs on an older version.')));
  }

  return { home, draft, edit, versions };
}
