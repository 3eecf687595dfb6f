#!/usr/bin/env node
// Verifies an RS256/ES256 VC-JWT the way 1EdTech's validator does: the header's `kid` names a
// JsonWebKey verification method of the issuer's DID document (did.json), whose publicKeyJwk
// checks the signature; `iss` must be that DID and the kid must be in assertionMethod.
// Uses `jose` from vcverify's node_modules (copied beside it by .ci/vcverify.sh).
//   node verify-jwt.mjs credential.jwt did.json      exit 0 verified, 1 not
import fs from 'node:fs';
import * as jose from 'jose';

const [tokenFile, didFile] = process.argv.slice(2);
const token = fs.readFileSync(tokenFile, 'utf8').trim();
const did = JSON.parse(fs.readFileSync(didFile, 'utf8'));
try {
  const header = jose.decodeProtectedHeader(token);
  if(!['RS256', 'ES256'].includes(header.alg)) {
    throw new Error(`alg ${header.alg} is neither RS256 nor ES256`);
  }
  const method = (did.verificationMethod || []).find(m => m.id === header.kid);
  if(!method || method.type !== 'JsonWebKey' || !method.publicKeyJwk) {
    throw new Error(`kid ${header.kid} is not a JsonWebKey of ${did.id}`);
  }
  if(!(did.assertionMethod || []).includes(header.kid)) {
    throw new Error(`kid ${header.kid} is not in assertionMethod`);
  }
  const key = await jose.importJWK(method.publicKeyJwk, header.alg);
  const {payload} = await jose.jwtVerify(token, key, {issuer: did.id, clockTolerance: 300});
  console.log(JSON.stringify({verified: true, alg: header.alg, kid: header.kid, id: payload.id}));
} catch(error) {
  console.log(JSON.stringify({verified: false, error: String(error.message || error)}));
  process.exitCode = 1;
}
