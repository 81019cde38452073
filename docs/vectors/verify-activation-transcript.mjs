// Independent check of activation-transcript.json: recomputes every value from the fixed inputs
// with node:crypto only (no Kusabi code), following docs/protocol.md. Node 18 or later.
//
//   node docs/vectors/verify-activation-transcript.mjs [path/to/activation-transcript.json]
//
// Exits 0 and prints "ok" when every value matches; otherwise prints each mismatch and exits 1.

import {
  createCipheriv, createDecipheriv, createHash, createHmac, createPrivateKey, createPublicKey,
  diffieHellman, sign, verify,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const file = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), 'activation-transcript.json');
const v = JSON.parse(readFileSync(file, 'utf8'));

const hex = (b) => Buffer.from(b).toString('hex');
const unhex = (s) => Buffer.from(s, 'hex');
const b64u = (b) => Buffer.from(b).toString('base64url');
const cat = (...parts) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'ascii') : Buffer.from(p))));
const u16 = (n) => Buffer.from([n >> 8, n & 0xff]);

let failures = 0;
function same(name, actual, expected) {
  const a = typeof actual === 'string' ? actual : hex(actual);
  if (a !== expected) {
    failures++;
    console.error(`MISMATCH ${name}\n  computed ${a}\n  vector   ${expected}`);
  }
}
function sameJson(name, actual, expected) {
  same(name, JSON.stringify(actual), JSON.stringify(expected));
}

// --- primitives -------------------------------------------------------------------------------
const X25519_PKCS8 = unhex('302e020100300506032b656e04220420');
const X25519_SPKI = unhex('302a300506032b656e032100');
const ED25519_PKCS8 = unhex('302e020100300506032b657004220420');

const x25519Private = (raw) => createPrivateKey({ key: cat(X25519_PKCS8, raw), format: 'der', type: 'pkcs8' });
const x25519Public = (raw) => createPublicKey({ key: cat(X25519_SPKI, raw), format: 'der', type: 'spki' });
const rawPublic = (key) => createPublicKey(key).export({ format: 'der', type: 'spki' }).subarray(-32);
const ed25519Private = (seed) => createPrivateKey({ key: cat(ED25519_PKCS8, seed), format: 'der', type: 'pkcs8' });

const extract = (salt, ikm) => createHmac('sha256', salt.length ? salt : Buffer.alloc(32)).update(ikm).digest();
function expand(prk, info, length) {
  const out = [];
  let t = Buffer.alloc(0);
  for (let i = 1; Buffer.concat(out).length < length; i++) {
    t = createHmac('sha256', prk).update(cat(t, info, [i])).digest();
    out.push(t);
  }
  return Buffer.concat(out).subarray(0, length);
}

// RFC 9180 §4: LabeledExtract / LabeledExpand.
const labeledExtract = (suite, salt, label, ikm) => extract(salt, cat('HPKE-v1', suite, label, ikm));
const labeledExpand = (suite, prk, label, info, length) => expand(prk, cat(u16(length), 'HPKE-v1', suite, label, info), length);

function aesGcmSeal(key, nonce, aad, plaintext) {
  const c = createCipheriv('aes-256-gcm', key, nonce);
  c.setAAD(aad);
  return cat(c.update(plaintext), c.final(), c.getAuthTag());
}
function aesGcmOpen(key, nonce, aad, sealed) {
  const d = createDecipheriv('aes-256-gcm', key, nonce);
  d.setAAD(aad);
  d.setAuthTag(sealed.subarray(-16));
  return cat(d.update(sealed.subarray(0, -16)), d.final());
}

// SessionCipher: nonce (12) || ciphertext || tag (16).
const sessionSeal = (key, nonce, aad, plaintext) => cat(nonce, aesGcmSeal(key, nonce, aad, plaintext));
const sessionOpen = (key, sealed, aad) => aesGcmOpen(key, sealed.subarray(0, 12), aad, sealed.subarray(12));

// kusabi-ID = SHA-256("kusabi/id/v1" || purpose || public key || salt)
const kusabiId = (purpose, publicKey, salt) => createHash('sha256').update(cat('kusabi/id/v1', [purpose], publicKey, salt)).digest();

// --- the transcript ---------------------------------------------------------------------------
const i = Object.fromEntries(Object.entries(v.inputs).map(([k, s]) => [k, unhex(s)]));
const PRE = 1, ACT = 2;

// Suite IDs.
const kemSuite = cat('KEM', u16(0x0020));
const hpkeSuite = cat('HPKE', u16(0x0020), u16(0x0001), u16(0x0002));
same('suite.kemSuiteId', kemSuite, v.suite.kemSuiteId);
same('suite.hpkeSuiteId', hpkeSuite, v.suite.hpkeSuiteId);

// Factory.
const prePublicKey = rawPublic(x25519Private(i.prePrivateKey));
const preId = kusabiId(PRE, prePublicKey, i.preSalt);
same('factory.prePublicKey', prePublicKey, v.factory.prePublicKey);
same('factory.preIdPreimage', cat('kusabi/id/v1', [PRE], prePublicKey, i.preSalt), v.factory.preIdPreimage);
same('factory.preId', preId, v.factory.preId);
sameJson('factory.request', { keys: [{ id: hex(preId), deviceRef: hex(i.deviceRef), publicKey: b64u(prePublicKey) }] }, v.factory.request);

// Step 1.
sameJson('step1.request', { preId: hex(preId) }, v.step1.request);

// Step 2: DeriveKeyPair(ikmE), Encap, KeySchedule (mode_base), Seal with sequence number 0.
const info = cat('kusabi/activation/v1', preId);
same('step2.hpkeInfo', info, v.step2.hpkeInfo);
const skE = labeledExpand(kemSuite, labeledExtract(kemSuite, Buffer.alloc(0), 'dkp_prk', i.hpkeIkmE), 'sk', Buffer.alloc(0), 32);
same('step2.skE', skE, v.step2.skE);
const pkE = rawPublic(x25519Private(skE));
same('step2.pkE', pkE, v.step2.pkE);
same('step2.enc', pkE, v.step2.enc);
const dh = diffieHellman({ privateKey: x25519Private(skE), publicKey: x25519Public(prePublicKey) });
same('step2.dh', dh, v.step2.dh);
const kemContext = cat(pkE, prePublicKey);
same('step2.kemContext', kemContext, v.step2.kemContext);
const sharedSecret = labeledExpand(kemSuite, labeledExtract(kemSuite, Buffer.alloc(0), 'eae_prk', dh), 'shared_secret', kemContext, 32);
same('step2.sharedSecret', sharedSecret, v.step2.sharedSecret);
const ksContext = cat([0x00],
  labeledExtract(hpkeSuite, Buffer.alloc(0), 'psk_id_hash', Buffer.alloc(0)),
  labeledExtract(hpkeSuite, Buffer.alloc(0), 'info_hash', info));
same('step2.keyScheduleContext', ksContext, v.step2.keyScheduleContext);
const secret = labeledExtract(hpkeSuite, sharedSecret, 'secret', Buffer.alloc(0));
same('step2.secret', secret, v.step2.secret);
const key = labeledExpand(hpkeSuite, secret, 'key', ksContext, 32);
const baseNonce = labeledExpand(hpkeSuite, secret, 'base_nonce', ksContext, 12);
same('step2.key', key, v.step2.key);
same('step2.baseNonce', baseNonce, v.step2.baseNonce);
same('step2.exporterSecret', labeledExpand(hpkeSuite, secret, 'exp', ksContext, 32), v.step2.exporterSecret);
const sessionGrant = cat(i.sessionId, i.sessionKey);
same('step2.plaintext', sessionGrant, v.step2.plaintext);
const sealedSessionGrant = aesGcmSeal(key, baseNonce, Buffer.alloc(0), sessionGrant);
same('step2.sealed', sealedSessionGrant, v.step2.sealed);
same('step2.response.enc', v.step2.response.enc, b64u(pkE));
same('step2.response.sealed', v.step2.response.sealed, b64u(sealedSessionGrant));

// Device side of step 2: decapsulate with the pre private key and open.
const dhDevice = diffieHellman({ privateKey: x25519Private(i.prePrivateKey), publicKey: x25519Public(Buffer.from(v.step2.response.enc, 'base64url')) });
same('step2 device dh', dhDevice, v.step2.dh);
same('step2 device open', aesGcmOpen(key, baseNonce, Buffer.alloc(0), Buffer.from(v.step2.response.sealed, 'base64url')), v.step2.plaintext);

// Step 3.
const requestAad = cat('kusabi/act-request/v1', i.sessionId);
same('step3.aad', requestAad, v.step3.aad);
const requestSealed = sessionSeal(i.sessionKey, i.requestAesNonce, requestAad, i.requestNonce);
same('step3.sealed', requestSealed, v.step3.sealed);
sameJson('step3.request', { preId: hex(preId), sessionId: b64u(i.sessionId), sealed: b64u(requestSealed) }, v.step3.request);
same('step3 server open', sessionOpen(i.sessionKey, requestSealed, requestAad), v.step3.plaintext);

// Step 4.
const actPublicKey = rawPublic(ed25519Private(i.actSeed));
const actId = kusabiId(ACT, actPublicKey, i.actSalt);
same('step4.actPublicKey', actPublicKey, v.step4.actPublicKey);
same('step4.actIdPreimage', cat('kusabi/id/v1', [ACT], actPublicKey, i.actSalt), v.step4.actIdPreimage);
same('step4.actId', actId, v.step4.actId);
const grantAad = cat('kusabi/act-grant/v1', i.sessionId, i.requestNonce);
same('step4.aad', grantAad, v.step4.aad);
const actGrant = cat(actId, i.actSeed);
same('step4.plaintext', actGrant, v.step4.plaintext);
const grantSealed = sessionSeal(i.sessionKey, i.grantAesNonce, grantAad, actGrant);
same('step4.sealed', grantSealed, v.step4.sealed);
sameJson('step4.response', { sealed: b64u(grantSealed) }, v.step4.response);
same('step4 device open', sessionOpen(i.sessionKey, Buffer.from(v.step4.response.sealed, 'base64url'), grantAad), v.step4.plaintext);

// Step 5.
const transcript = cat('kusabi/act-confirm/v1', i.sessionId, preId, actId, actPublicKey);
same('step5.transcript', transcript, v.step5.transcript);
const signature = sign(null, transcript, ed25519Private(i.actSeed));
same('step5.signature', signature, v.step5.signature);
sameJson('step5.request', { preId: hex(preId), sessionId: b64u(i.sessionId), actId: hex(actId), signature: b64u(signature) }, v.step5.request);
if (!verify(null, transcript, createPublicKey(ed25519Private(i.actSeed)), unhex(v.step5.signature))) {
  failures++;
  console.error('MISMATCH step5 signature does not verify');
}
sameJson('step5.response', { actId: hex(actId), state: 'active' }, v.step5.response);

if (failures > 0) {
  console.error(`${failures} mismatch(es)`);
  process.exit(1);
}
console.log('ok: every value of the activation transcript recomputed with node:crypto');
