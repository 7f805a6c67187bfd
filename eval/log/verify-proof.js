#!/usr/bin/env node
// Recomputes RFC 9162 proofs of the Snapshots transparency log, independently of Snapshots (plain Node, no dependencies).
//   node verify-proof.js inclusion PROOF.json [CHECKPOINT.txt]
//   node verify-proof.js consistency PROOF.json [FIRST_CHECKPOINT.txt SECOND_CHECKPOINT.txt]
// An inclusion proof's leaf hash is recomputed from its leaf text (SHA-256(0x00 || leaf)); the audit path must lead to its root
// (RFC 9162 2.1.3.2), and with a checkpoint the root and size must be the checkpoint's. A consistency proof must lead to both
// roots (RFC 9162 2.1.4.2). Prints "OK ..." and exits 0, or prints "FAILED: why" and exits 1.
'use strict';
const crypto = require('crypto');
const fs = require('fs');

const sha256 = (...parts) => crypto.createHash('sha256').update(Buffer.concat(parts)).digest();
const leafHash = (data) => sha256(Buffer.from([0]), data);
const nodeHash = (l, r) => sha256(Buffer.from([1]), l, r);
const hex = (h) => { if (!/^[0-9a-fA-F]{64}$/.test(h)) throw new Error(`not a SHA-256 hash: ${h}`); return Buffer.from(h, 'hex'); };

function fail(why) { console.log(`FAILED: ${why}`); process.exit(1); }

// A checkpoint note: origin, size, base64 root, extension lines, blank line, signatures.
function readCheckpoint(file) {
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const size = Number(lines[1]);
  const root = Buffer.from(lines[2] || '', 'base64');
  if (!Number.isSafeInteger(size) || root.length !== 32) fail(`${file} is not a checkpoint (origin, size, base64 root)`);
  return { origin: lines[0], size, root };
}

function verifyInclusion(hash, index, size, path, root) {
  if (index >= size) return false;
  let fn = BigInt(index), sn = BigInt(size) - 1n, r = hash;
  for (const p of path) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(p, r);
      if ((fn & 1n) === 0n) while ((fn & 1n) === 0n && fn !== 0n) { fn >>= 1n; sn >>= 1n; }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n; sn >>= 1n;
  }
  return sn === 0n && r.equals(root);
}

function verifyConsistency(first, second, proof, firstRoot, secondRoot) {
  if (first > second) return false;
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  if (first === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = (first & (first - 1)) === 0 ? [firstRoot, ...proof] : proof;
  let fn = BigInt(first) - 1n, sn = BigInt(second) - 1n;
  while ((fn & 1n) === 1n) { fn >>= 1n; sn >>= 1n; }
  let fr = path[0], sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      fr = nodeHash(c, fr); sr = nodeHash(c, sr);
      if ((fn & 1n) === 0n) while ((fn & 1n) === 0n && fn !== 0n) { fn >>= 1n; sn >>= 1n; }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1n; sn >>= 1n;
  }
  return sn === 0n && fr.equals(firstRoot) && sr.equals(secondRoot);
}

const [kind, proofFile, ...checkpoints] = process.argv.slice(2);
if (!kind || !proofFile) fail('usage: verify-proof.js inclusion|consistency PROOF.json [CHECKPOINT.txt ...]');
let proof;
try { proof = JSON.parse(fs.readFileSync(proofFile, 'utf8')); } catch (e) { fail(`${proofFile}: ${e.message}`); }
try {
  if (kind === 'inclusion') {
    const hash = leafHash(Buffer.from(proof.leaf, 'utf8'));
    if (!hash.equals(hex(proof.leafHash))) fail(`${proofFile}: the leaf text hashes to ${hash.toString('hex')}, not ${proof.leafHash}`);
    let root = hex(proof.rootHash), size = proof.treeSize;
    if (checkpoints[0]) {
      const c = readCheckpoint(checkpoints[0]);
      if (c.size !== size || !c.root.equals(root)) fail(`${proofFile}: proof is for size ${size}, root ${root.toString('hex')}; ${checkpoints[0]} says ${c.size}, ${c.root.toString('hex')}`);
    }
    if (!verifyInclusion(hash, proof.leafIndex, size, proof.auditPath.map(hex), root)) fail(`${proofFile}: leaf ${proof.leafIndex} is not in the tree of size ${size} with that root`);
    console.log(`OK leaf ${proof.leafIndex} is in the tree of size ${size}, root ${root.toString('hex')}`);
  } else if (kind === 'consistency') {
    let a = hex(proof.firstRoot), b = hex(proof.secondRoot);
    if (checkpoints.length === 2) {
      const c1 = readCheckpoint(checkpoints[0]), c2 = readCheckpoint(checkpoints[1]);
      if (c1.size !== proof.first || !c1.root.equals(a) || c2.size !== proof.second || !c2.root.equals(b)) fail(`${proofFile}: sizes or roots differ from the checkpoints`);
    }
    if (!verifyConsistency(proof.first, proof.second, proof.proof.map(hex), a, b)) fail(`${proofFile}: the tree of size ${proof.first} is not a prefix of the tree of size ${proof.second}`);
    console.log(`OK the tree of size ${proof.first} is a prefix of the tree of size ${proof.second}`);
  } else {
    fail(`unknown proof kind '${kind}': expected inclusion or consistency`);
  }
} catch (e) {
  fail(`${proofFile}: ${e.message}`);
}
