// Bundles the portal (src/) with its npm packages into one script and one stylesheet whose file
// names carry a hash of their content, so browsers may keep them for a year: a new build has new
// names, and the page (index.html, never cached long) names the current ones. Each file is also
// written compressed (.br, .gz) for Spring's EncodedResourceResolver to serve as the browser accepts.
// Usage: node build.mjs <classes folder>  (the Maven build passes target/classes): the assets go to
// <classes>/static/portal/, the page to <classes>/portal/index.html (read by PortalController).
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const classes = process.argv[2] || '../target/classes';
const assets = join(classes, 'static', 'portal');
const pages = join(classes, 'portal');

// Built again only when what it is built from changed (the sources, this script, the packages' lock, the BPMN lint
// rules): an unchanged portal is not bundled and compressed anew at every build of the project.
// The stamp lies beside the classes folder (target/), not in it, so that it is not packed into the jar.
const stampFile = join(classes, '..', 'portal-built-from');
const sources = ['build.mjs', 'package-lock.json', '../.bpmnlintrc',
  ...readdirSync('src', { recursive: true }).map(file => join('src', String(file)))]
  .filter(file => existsSync(file) && statSync(file).isFile())
  .sort();
const stamp = createHash('sha256');
for (const file of sources) stamp.update(file).update('\0').update(readFileSync(file)).update('\0');
const builtFrom = stamp.digest('hex');
if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === builtFrom && existsSync(assets)
    && ['index.html', 'login.html', '403.html', '404.html'].every(name => existsSync(join(pages, name)))) {
  console.log(`portal up to date in ${assets}`);
  process.exit(0);
}
// Files of earlier builds would otherwise stay in the jar under names nothing refers to.
rmSync(assets, { recursive: true, force: true });
mkdirSync(assets, { recursive: true });
mkdirSync(pages, { recursive: true });

// The workbench's BPMN editor lints with the project's own .bpmnlintrc, as Camunda Modeler does: the
// configuration is compiled by bpmnlint into a module that imports the rules it enables (bpmnlint-loader's way).
const require = createRequire(import.meta.url);
const compileConfig = require('bpmnlint/lib/support/compile-config.js');
const bpmnlintConfig = {
  name: 'bpmnlint-config',
  setup(esbuild) {
    esbuild.onResolve({ filter: /\.bpmnlintrc$/ }, args => ({ path: join(args.resolveDir, args.path), namespace: 'bpmnlintrc' }));
    esbuild.onLoad({ filter: /.*/, namespace: 'bpmnlintrc' }, async args => ({
      contents: await compileConfig(JSON.parse(readFileSync(args.path, 'utf8'))),
      loader: 'js',
      resolveDir: process.cwd()
    }));
  }
};

// form-js (its editor and viewer) and the properties panel its editor draws must share one preact: hooks of one
// copy cannot run in a tree another copy renders ("Cannot read properties of undefined (reading 'context')").
// npm gives form-js-editor a copy of its own (it asks for preact <= 10.15.1) and form-js-viewer the top-level one,
// while @bpmn-io/properties-panel ships its own; form-js's own distribution resolves them all to the properties
// panel's, and so does this build.
const panelPreact = join(process.cwd(), 'node_modules', '@bpmn-io', 'properties-panel');
const oneFormPreact = {
  name: 'one-preact-for-form-js',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^preact(\/(hooks|compat|jsx-runtime))?$/ }, args => {
      if (!/[\\/]@bpmn-io[\\/]form-js-(editor|viewer)[\\/]/.test(args.importer)) return undefined;
      return esbuild.resolve(`@bpmn-io/properties-panel/${args.path}`, { kind: args.kind, resolveDir: panelPreact });
    });
  }
};

const result = await build({
  // The workbench's editors (bpmn-js, dmn-js, form-js, CodeMirror) are chunks the portal loads when a designer
  // opens them; their stylesheet is an entry of its own, linked by the workbench page when it is first drawn.
  entryPoints: { app: 'src/main.js', workbench: 'src/workbench.css' },
  plugins: [bpmnlintConfig, oneFormPreact],
  bundle: true,
  minify: true,
  sourcemap: false,
  target: 'es2020',
  outdir: assets,
  entryNames: '[name]-[hash]',
  // Packages only some pages need (cytoscape, for a CI's neighbourhood) are chunks loaded when first used.
  format: 'esm',
  splitting: true,
  chunkNames: 'chunk-[hash]',
  assetNames: '[name]-[hash]',
  metafile: true,
  loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.eot': 'file', '.svg': 'file' },
  logLevel: 'warning'
});

const outputs = Object.keys(result.metafile.outputs);
// The page names the entry's script and stylesheet; the chunks are named by the script that imports them.
const entry = outputs.find(file => result.metafile.outputs[file].entryPoint === 'src/main.js');
const named = suffix => basename(suffix === '.js' ? entry
  : outputs.find(file => basename(file).startsWith(suffix === '.css' ? 'app-' : 'workbench-') && file.endsWith('.css')));
for (const file of outputs) {
  const bytes = readFileSync(file);
  writeFileSync(`${file}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
}
// The icon is named by its content too, and named so in the pages that show it.
const icon = readFileSync('src/favicon.svg');
const iconName = `favicon-${createHash('sha256').update(icon).digest('hex').slice(0, 8)}.svg`;
writeFileSync(join(assets, iconName), icon);
for (const name of ['index.html', 'login.html', '403.html', '404.html']) {
  const page = readFileSync(join('src', name), 'utf8')
    .replace('/portal/app.css', `/portal/${named('.css')}`)
    .replace('/portal/app.js', `/portal/${named('.js')}`)
    .replace('/portal/workbench.css', `/portal/${named('workbench.css')}`)
    .replaceAll('/portal/favicon.svg', `/portal/${iconName}`);
  writeFileSync(join(pages, name), page);
}
writeFileSync(stampFile, builtFrom);
console.log(`portal built into ${assets}: ${named('.js')}, ${named('.css')}`);
