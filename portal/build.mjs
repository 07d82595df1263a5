// Bundles the portal (src/) with its npm packages into one script and one stylesheet.
// Usage: node build.mjs <output folder>  (the Maven build passes target/classes/static/portal)
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';

const out = process.argv[2] || '../target/classes/static/portal';
mkdirSync(out, { recursive: true });
await build({
  entryPoints: ['src/main.js'],
  bundle: true,
  minify: true,
  sourcemap: false,
  target: 'es2020',
  outfile: `${out}/app.js`,
  loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.eot': 'file', '.svg': 'file' },
  logLevel: 'warning'
});
copyFileSync('src/index.html', `${out}/index.html`);
console.log(`portal built into ${out}`);
