// The README's webhook verifier, run as the README shows it. Prints "valid" or "invalid".
// node webhook-verify.mjs <secret> <StreamEngine-Signature header> <raw body file> [now unix seconds]
import { readFileSync } from 'node:fs';
import { createHmac, timingSafeEqual } from 'node:crypto';

function verify(secret, header, rawBody, now = Math.floor(Date.now() / 1000), toleranceSeconds = 300) {
  const parts = header.split(',').map((p) => p.split('='));
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  if (!Number.isFinite(t) || Math.abs(now - t) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  return parts.filter(([k]) => k === 'v1').some(([, v]) => {
    const given = Buffer.from(v, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

const [secret, header, bodyFile, now] = process.argv.slice(2);
const body = readFileSync(bodyFile, 'utf8');
console.log(verify(secret, header, body, now ? Number(now) : undefined) ? 'valid' : 'invalid');
