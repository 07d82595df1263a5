// The workbench's editors, each the bpmn.io library Camunda Modeler uses for the kind of file: bpmn-js with its
// properties panel for Camunda 7, the project's bpmnlint rules and the token simulation; dmn-js; form-js's
// editor; and CodeMirror for the catalog's YAML, the mail templates and the prepared responses. Loaded as a
// chunk of its own when a designer opens a file (workbench.js), so nobody else's portal carries them.
import BpmnModeler from 'bpmn-js/lib/Modeler';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import {
  BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, CamundaPlatformPropertiesProviderModule
} from 'bpmn-js-properties-panel';
import CamundaBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import lintModule from 'bpmn-js-bpmnlint';
import TokenSimulationModule from 'bpmn-js-token-simulation';
import { diff } from 'bpmn-js-differ';
import DmnModeler from 'dmn-js/lib/Modeler';
import camundaDmnModdle from 'camunda-dmn-moddle/resources/camunda.json';
import { FormEditor } from '@bpmn-io/form-js-editor';
import { EditorView, keymap, lineNumbers, highlightActiveLine } from '@codemirror/view';
import { EditorState } from '@codemirror/state';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { linter, lintGutter } from '@codemirror/lint';
import { yaml as yamlLanguage } from '@codemirror/lang-yaml';
import { html as htmlLanguage } from '@codemirror/lang-html';
import { markdown as markdownLanguage } from '@codemirror/lang-markdown';
import { json as jsonLanguage } from '@codemirror/lang-json';
import { parseDocument } from 'yaml';
import bpmnlintConfig from '../../.bpmnlintrc';

/**
 * An editor for the file's kind in `canvas` (and its properties in `properties`, for BPMN). Answers
 * { content(): Promise<string>, issues(): the lint's problems, ... } once the file is shown.
 * `onLint(issues)` hears the lint's problems after each change (BPMN: bpmnlint; text: the file's checks).
 */
export async function openEditor(kind, path, content, { canvas, properties, onLint = () => {}, onChange = () => {} }) {
  if (kind === 'bpmn') return bpmnEditor(content, canvas, properties, onLint, onChange);
  if (kind === 'dmn') return dmnEditor(content, canvas, onChange);
  if (kind === 'form') return formEditor(content, canvas, onChange);
  return textEditor(kind, path, content, canvas, onLint, onChange);
}

async function bpmnEditor(xml, canvas, properties, onLint, onChange) {
  const modeler = new BpmnModeler({
    container: canvas,
    propertiesPanel: { parent: properties },
    linting: { bpmnlint: bpmnlintConfig, active: true },
    additionalModules: [BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, CamundaPlatformPropertiesProviderModule,
      CamundaBehaviorsModule, lintModule, TokenSimulationModule],
    moddleExtensions: { camunda: camundaModdle }
  });
  let issues = {};
  modeler.on('linting.completed', event => {
    issues = event.issues;
    onLint(flatIssues(modeler, issues));
  });
  modeler.on('commandStack.changed', onChange);
  await modeler.importXML(xml);
  modeler.get('canvas').zoom('fit-viewport');
  let markers = [];
  return {
    modeler,
    async content() {
      const { xml: saved } = await modeler.saveXML({ format: true });
      return saved;
    },
    issues: () => flatIssues(modeler, issues),
    select(id) {
      const element = modeler.get('elementRegistry').get(id);
      if (element) {
        modeler.get('selection').select(element);
        modeler.get('canvas').scrollToElement(element);
      }
    },
    /** Colours what differs from `otherXml` (the file on disk): added, changed, moved; answers the differences. */
    async compareWith(otherXml) {
      const canvasApi = modeler.get('canvas');
      markers.forEach(([id, marker]) => canvasApi.removeMarker(id, marker));
      // Both sides read afresh from their XML: what the diff shows is what a roll-out would write.
      const moddle = modeler.get('moddle');
      const { xml: now } = await modeler.saveXML();
      const [{ rootElement: before }, { rootElement: after }] = await Promise.all([moddle.fromXML(otherXml, 'bpmn:Definitions'),
        moddle.fromXML(now, 'bpmn:Definitions')]);
      const changes = differences(before, after);
      markers = [];
      for (const change of changes) {
        if (change.kind !== 'removed' && modeler.get('elementRegistry').get(change.id)) {
          const marker = `diff-${change.kind}`;
          canvasApi.addMarker(change.id, marker);
          markers.push([change.id, marker]);
        }
      }
      return changes;
    },
    destroy: () => modeler.destroy()
  };
}

/** The lint's problems as a list: element, its name, rule, message, category (error, warn). */
function flatIssues(modeler, issues) {
  const registry = modeler.get('elementRegistry');
  return Object.entries(issues).flatMap(([id, list]) => list.map(issue => {
    const element = registry.get(id);
    return { id, name: element && element.businessObject && element.businessObject.name, rule: issue.rule,
      message: issue.message, category: issue.category };
  }));
}

/** What differs between two BPMN definitions (bpmn-js-differ): { id, type, name, kind, attributes }. */
export function differences(before, after) {
  const found = diff(before, after);
  const list = [];
  const add = (kind, entries, describe) => Object.entries(entries || {}).forEach(([id, value]) => {
    const model = describe(value);
    list.push({ id, kind, type: (model.$type || '').replace(/^bpmn:/, ''), name: model.name || '',
      attributes: value.attrs ? Object.keys(value.attrs) : [] });
  });
  add('added', found._added, value => value);
  add('removed', found._removed, value => value);
  add('changed', found._changed, value => value.model);
  add('layout', found._layoutChanged, value => value);
  return list;
}

/** Two deployed versions side by side, what differs coloured in each (removed on the left, the rest on the right). */
export async function compareVersions(beforeXml, afterXml, left, right) {
  const [older, newer] = [new NavigatedViewer({ container: left, moddleExtensions: { camunda: camundaModdle } }),
    new NavigatedViewer({ container: right, moddleExtensions: { camunda: camundaModdle } })];
  await older.importXML(beforeXml);
  await newer.importXML(afterXml);
  older.get('canvas').zoom('fit-viewport');
  newer.get('canvas').zoom('fit-viewport');
  const changes = differences(older.getDefinitions(), newer.getDefinitions());
  for (const change of changes) {
    const viewer = change.kind === 'removed' ? older : newer;
    if (viewer.get('elementRegistry').get(change.id)) viewer.get('canvas').addMarker(change.id, `diff-${change.kind}`);
  }
  return { changes, destroy: () => { older.destroy(); newer.destroy(); } };
}

async function dmnEditor(xml, canvas, onChange) {
  const modeler = new DmnModeler({
    container: canvas,
    moddleExtensions: { camunda: camundaDmnModdle }
  });
  await modeler.importXML(xml);
  // A table opens as the table, not as the requirements diagram around it.
  const table = modeler.getViews().find(view => view.type === 'decisionTable');
  if (table) await modeler.open(table);
  modeler.on('views.changed', () => {
    const viewer = modeler.getActiveViewer();
    if (viewer) viewer.on('elements.changed', onChange);
  });
  const active = modeler.getActiveViewer();
  if (active) active.on('elements.changed', onChange);
  return {
    modeler,
    async content() {
      const { xml: saved } = await modeler.saveXML({ format: true });
      return saved;
    },
    issues: () => [],
    destroy: () => modeler.destroy()
  };
}

async function formEditor(json, canvas, onChange) {
  const editor = new FormEditor({ container: canvas });
  await editor.importSchema(JSON.parse(json));
  editor.on('changed', onChange);
  return {
    editor,
    async content() {
      return `${JSON.stringify(editor.saveSchema(), null, 2)}\n`;
    },
    issues: () => [],
    destroy: () => editor.destroy()
  };
}

/** The checks a text file gets as it is typed; the server checks the whole draft again (its catalog rules). */
function textProblems(kind, path, text) {
  const problems = [];
  const at = (from, to, message) => problems.push({ from, to: Math.max(to, from), severity: 'error', message });
  if (kind === 'yaml' || (kind === 'words' && path.endsWith('.yaml'))) {
    for (const error of parseDocument(text).errors) {
      at(error.pos[0], error.pos[1], error.message);
    }
  } else if (kind === 'words') {
    // The words in another language as JSON: the portal reads nothing of a file that does not parse.
    try {
      const words = JSON.parse(text);
      if (words === null || typeof words !== 'object' || Array.isArray(words)) at(0, Math.min(text.length, 1), 'The words are a JSON object of sections.');
    } catch (e) {
      const position = Number((/position (\d+)/.exec(e.message) || [])[1]);
      at(Number.isFinite(position) ? Math.min(position, text.length) : 0, Number.isFinite(position) ? Math.min(position + 1, text.length) : Math.min(text.length, 1), e.message);
    }
  } else if (kind === 'response') {
    const end = text.indexOf('\n---\n', 3);
    if (!text.startsWith('---\n') || end < 0) {
      at(0, Math.min(text.length, 3), "A prepared response starts with a front matter between two lines '---' (title:, groups:, types:).");
    } else {
      for (const error of parseDocument(text.slice(4, end)).errors) at(4 + error.pos[0], 4 + error.pos[1], error.message);
    }
  } else if (kind === 'mail' && path.endsWith('.txt') && !text.startsWith('Subject:')) {
    at(0, Math.min(text.length, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n')), "A mail's text starts with a line 'Subject: …'.");
  }
  // Every {{ opens a field of letters, closed by }}; anything else would reach the reader as it is.
  const open = /\{\{/g;
  let match;
  while ((match = open.exec(text)) !== null) {
    if (!/^\{\{\s*[A-Za-z]+\s*}}/.test(text.slice(match.index))) {
      at(match.index, match.index + 2, 'A field is {{name}}: letters only, closed by }}.');
    }
  }
  return problems;
}

function textEditor(kind, path, content, canvas, onLint, onChange) {
  const language = kind === 'yaml' || (kind === 'words' && path.endsWith('.yaml')) ? yamlLanguage()
    : kind === 'words' ? jsonLanguage() : kind === 'response' ? markdownLanguage()
      : path.endsWith('.html') ? htmlLanguage() : [];
  let problems = textProblems(kind, path, content);
  const view = new EditorView({
    parent: canvas,
    state: EditorState.create({
      doc: content,
      extensions: [lineNumbers(), highlightActiveLine(), history(), keymap.of([...defaultKeymap, ...historyKeymap]),
        syntaxHighlighting(defaultHighlightStyle), language, lintGutter(), EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': path }),
        linter(editor => {
          problems = textProblems(kind, path, editor.state.doc.toString());
          onLint(problems.map(p => ({ id: `line ${editor.state.doc.lineAt(p.from).number}`, message: p.message, category: 'error' })));
          return problems;
        }, { delay: 300 }),
        EditorView.updateListener.of(update => { if (update.docChanged) onChange(); })]
    })
  });
  return {
    view,
    async content() {
      return view.state.doc.toString();
    },
    issues: () => problems,
    destroy: () => view.destroy()
  };
}
