import { createECDH, createPublicKey, randomBytes, randomUUID, verify, type ECDH } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// http_ece ships no types; decrypt() is the one call used (RFC 8188 with the RFC 8291 web-push key derivation).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ece = require('http_ece') as { decrypt(body: Buffer, params: { version: 'aes128gcm'; privateKey: ECDH; authSecret: string }): Buffer };

/** What `pushManager.subscribe()` gives a page, as it posts it to us. */
export interface BrowserSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface ReceivedPush {
  endpoint: string;
  /** The decrypted payload, as the browser's service worker would read it. */
  payload: string;
  headers: Record<string, string | string[] | undefined>;
  claims: { aud: string; exp: number; sub: string };
}

export interface RefusedPush {
  endpoint: string;
  status: number;
  reason: string;
}

export interface PushServiceOptions {
  /** The application server's VAPID public key the subscriptions were made with; another key is refused (403). */
  vapidPublicKey: string;
  /** The `sub` claim every JWT must carry. */
  subject: string;
}

export interface PushService {
  /** https://127.0.0.1:<port>, with a self-signed certificate: pass `ca` to the sender. */
  url: string;
  ca: string;
  received: ReceivedPush[];
  refused: RefusedPush[];
  /** A new browser: its own P-256 key pair and auth secret, kept here to decrypt what arrives for it. */
  subscribe(): BrowserSubscription;
  /** From now on, the endpoint answers `status` (410 after the user revoked permission, 503 when overloaded). */
  answer(endpoint: string, status: number): void;
  close(): Promise<void>;
}

interface Browser {
  ecdh: ECDH;
  auth: string;
  status: number;
}

/**
 * A push service as RFC 8030/8291/8292 describe it, over HTTPS on 127.0.0.1: it refuses a request whose VAPID
 * JWT is not ES256-signed by the subscription's application server key, is for another audience, has expired
 * or lacks the subject, and decrypts each aes128gcm payload with the browser's private key.
 */
export async function startPushService(options: PushServiceOptions): Promise<PushService> {
  const { key, cert } = selfSignedCertificate();
  const browsers = new Map<string, Browser>();
  const received: ReceivedPush[] = [];
  const refused: RefusedPush[] = [];
  let url = '';

  const server: Server = createServer({ key, cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const endpoint = `${url}${req.url ?? ''}`;
      const refuse = (status: number, reason: string) => {
        refused.push({ endpoint, status, reason });
        res.writeHead(status, { 'Content-Type': 'text/plain' });
        res.end(reason);
      };
      const browser = browsers.get(endpoint);
      if (req.method !== 'POST' || !browser) return refuse(404, 'no such subscription');
      if (browser.status !== 201) return refuse(browser.status, `scripted ${browser.status}`);
      const checked = checkVapid(req.headers.authorization, url, options);
      if ('problem' in checked) return refuse(checked.status, checked.problem);
      if (req.headers['content-encoding'] !== 'aes128gcm') return refuse(400, `Content-Encoding must be aes128gcm, got ${String(req.headers['content-encoding'])}`);
      if (!/^\d+$/.test(String(req.headers.ttl ?? ''))) return refuse(400, 'TTL header required');
      let payload: string;
      try {
        payload = ece.decrypt(Buffer.concat(chunks), { version: 'aes128gcm', privateKey: browser.ecdh, authSecret: browser.auth }).toString('utf8');
      } catch (error) {
        return refuse(400, `payload does not decrypt: ${(error as Error).message}`);
      }
      received.push({ endpoint, payload, headers: req.headers, claims: checked.claims });
      res.writeHead(201, { Location: `${url}/message/${randomUUID()}` });
      res.end();
    });
  });
  await new Promise<void>((listening, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => listening());
  });
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    ca: cert,
    received,
    refused,
    subscribe() {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16).toString('base64url');
      const endpoint = `${url}/push/${randomUUID()}`;
      browsers.set(endpoint, { ecdh, auth, status: 201 });
      return { endpoint, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth } };
    },
    answer(endpoint, status) {
      const browser = browsers.get(endpoint);
      if (!browser) throw new Error(`unknown endpoint ${endpoint}`);
      browser.status = status;
    },
    close() {
      server.closeAllConnections();
      return new Promise((closed, fail) => server.close((error) => (error ? fail(error) : closed())));
    },
  };
}

type VapidCheck = { claims: ReceivedPush['claims'] } | { status: number; problem: string };

/** RFC 8292: `Authorization: vapid t=<JWT>, k=<application server public key>`. */
function checkVapid(authorization: string | undefined, origin: string, options: PushServiceOptions): VapidCheck {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(authorization ?? '');
  if (!match) return { status: 401, problem: `Authorization must be "vapid t=…, k=…", got ${authorization ?? 'nothing'}` };
  const [, jwt, k] = match;
  if (k !== options.vapidPublicKey) return { status: 403, problem: 'k is not the application server key of this subscription' };
  const [headerPart, claimsPart, signaturePart] = jwt.split('.');
  const header = JSON.parse(Buffer.from(headerPart ?? '', 'base64url').toString('utf8')) as { alg?: string };
  if (header.alg !== 'ES256') return { status: 401, problem: `JWT alg must be ES256, got ${header.alg}` };
  const raw = Buffer.from(k, 'base64url');
  const publicKey = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: raw.subarray(1, 33).toString('base64url'), y: raw.subarray(33, 65).toString('base64url') }, format: 'jwk' });
  const signed = verify('sha256', Buffer.from(`${headerPart}.${claimsPart}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signaturePart ?? '', 'base64url'));
  if (!signed) return { status: 403, problem: 'JWT signature does not verify with k' };
  const claims = JSON.parse(Buffer.from(claimsPart, 'base64url').toString('utf8')) as ReceivedPush['claims'];
  const nowSeconds = Math.floor(Date.now() / 1000);
  if (claims.aud !== origin) return { status: 403, problem: `aud must be the push service origin ${origin}, got ${claims.aud}` };
  if (!(claims.exp > nowSeconds && claims.exp <= nowSeconds + 24 * 3600)) return { status: 403, problem: `exp must be in the next 24 hours, got ${claims.exp}` };
  if (claims.sub !== options.subject) return { status: 403, problem: `sub must be ${options.subject}, got ${claims.sub}` };
  return { claims };
}

/** A P-256 certificate for 127.0.0.1 from the openssl CLI (Node can verify certificates, not issue them). */
function selfSignedCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'push-service-'));
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
        '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
