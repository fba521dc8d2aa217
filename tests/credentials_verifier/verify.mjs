// Checks one of our Open Badges 3.0 credentials the way a third party would:
// Digital Bazaar's verifier (@digitalbazaar/vc with the eddsa-jcs-2022
// cryptosuite) and 1EdTech's OB 3.0 JSON schema (ajv). Offline: every JSON-LD
// context and the issuer's key document come from local files.
//
//   node verify.mjs CREDENTIAL.json ISSUER_DOCUMENT.json
//
// Prints {"verified": bool, "error": str|null, "schemaValid": bool,
// "schemaErrors": [...]} and exits 0 only when both checks pass.
import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {createVerifyCryptosuite} from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import multikeyContext from '@digitalbazaar/multikey-context';
import securityContext from '@digitalbazaar/security-context';
import Ajv2019 from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '..', 'fixtures', 'credentials');
const readJson = path => JSON.parse(readFileSync(path, 'utf8'));

const [credentialPath, issuerPath] = process.argv.slice(2);
const credential = readJson(credentialPath);
const issuerDocument = readJson(issuerPath);

const documents = new Map([
  ['https://www.w3.org/ns/credentials/v2', readJson(join(fixtures, 'credentials-v2.jsonld'))],
  ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    readJson(join(fixtures, 'ob-v3p0-context-3.0.3.json'))],
  ['https://w3id.org/security/data-integrity/v2',
    readJson(join(fixtures, 'data-integrity-v2.jsonld'))],
  ['https://www.w3.org/ns/cid/v1', readJson(join(fixtures, 'cid-v1.jsonld'))],
  // jsonld-signatures frames controller documents with the security contexts
  ...securityContext.contexts,
  ...multikeyContext.contexts,
  [issuerDocument.id, issuerDocument],
]);

// Anything not served here is an error: the check never touches the network.
async function documentLoader(url) {
  const [base, fragment] = url.split('#');
  const document = documents.get(base);
  if(!document) {
    throw new Error(`document not available offline: ${url}`);
  }
  if(fragment && base === issuerDocument.id) {
    const method = issuerDocument.verificationMethod.find(m => m.id === url);
    if(!method) {
      throw new Error(`no verification method ${url}`);
    }
    // The method alone, as Digital Bazaar's resolvers hand out keys: with the
    // Multikey context that @digitalbazaar/ed25519-multikey requires.
    return {contextUrl: null, documentUrl: url,
      document: {...method, '@context': multikeyContext.constants.CONTEXT_URL}};
  }
  return {contextUrl: null, documentUrl: url, document};
}

const suite = new DataIntegrityProof({cryptosuite: createVerifyCryptosuite()});
let verified = false;
let error = null;
try {
  const result = await vc.verifyCredential({credential, suite, documentLoader});
  verified = result.verified === true;
  if(!verified) {
    const errors = [result.error, ...(result.results || []).map(r => r.error)]
      .filter(Boolean);
    error = errors.map(e => (e.errors || [e]).map(x => x.message + (x.details ? " " + JSON.stringify(x.details).slice(0, 400) : "")).join("; ")).join("; ") ||
      'not verified';
  }
} catch(e) {
  error = e.message;
}

const ajv = new Ajv2019({allErrors: true, strict: false});
addFormats(ajv);
const validate = ajv.compile(readJson(join(fixtures, 'ob_v3p0_achievementcredential_schema.json')));
const schemaValid = validate(credential) === true;
const schemaErrors = (validate.errors || []).map(e => `${e.instancePath} ${e.message}`);

process.stdout.write(JSON.stringify({verified, error, schemaValid, schemaErrors}) + '\n');
process.exit(verified && schemaValid ? 0 : 1);
