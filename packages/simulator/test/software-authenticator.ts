import { createHash, createPrivateKey, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { encodeCBOR } from '@levischuck/tiny-cbor';
import type { CBORType } from '@levischuck/tiny-cbor';

// A WebAuthn authenticator and browser client in software, for tests: it makes real key pairs,
// attestation objects (`none`, or `packed` self attestation), authenticator data and signatures,
// so the simulator's checks run on real cryptography. Like a browser it takes the options
// `navigator.credentials.create/get` take, and the page's origin.

/** A credential the authenticator holds. */
export interface HeldCredential {
  /** Credential id, base64url. */
  id: string;
  privateKey: KeyObject;
  alg: -7 | -257;
  /** The relying party (or, for a U2F key, the appId) it is scoped to. */
  rpId: string;
  signCount: number;
}

/** What the test client reads back, as a browser's `PublicKeyCredential` gives it. */
export interface CreatedCredential {
  id: string;
  response: { attestationObject: ArrayBuffer; clientDataJSON: ArrayBuffer };
}
/** An assertion, as a browser's `PublicKeyCredential` from `get` gives it. */
export interface Assertion {
  id: string;
  response: { clientDataJSON: ArrayBuffer; authenticatorData: ArrayBuffer; signature: ArrayBuffer };
}

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;
const AAGUID = Buffer.from('5e0f3b9d2c7a4e61b8d4a1f09c6e2b73', 'hex');

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();
const bytes = (source: BufferSource) =>
  Buffer.from(source instanceof ArrayBuffer ? new Uint8Array(source) : new Uint8Array(source.buffer, source.byteOffset, source.byteLength));
const arrayBuffer = (buffer: Buffer): ArrayBuffer => buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;

/** The COSE key of a public key: EC2 P-256 for ES256, RSA for RS256. */
function coseKey(privateKey: KeyObject, alg: -7 | -257): Uint8Array {
  const jwk = privateKey.export({ format: 'jwk' });
  const b = (value: string | undefined) => new Uint8Array(Buffer.from(value ?? '', 'base64url'));
  const entries: [number, CBORType][] =
    alg === -7
      ? [[1, 2], [3, -7], [-1, 1], [-2, b(jwk.x)], [-3, b(jwk.y)]]
      : [[1, 3], [3, -257], [-1, b(jwk.n)], [-2, b(jwk.e)]];
  return encodeCBOR(new Map(entries));
}

function signWith(credential: HeldCredential, data: Buffer): Buffer {
  return credential.alg === -7 ? sign('sha256', data, { key: credential.privateKey, dsaEncoding: 'der' }) : sign('sha256', data, credential.privateKey);
}

/** Options of one ceremony: where the page is, and what the authenticator does differently from a good one. */
export interface CeremonyOptions {
  /** The page origin the browser puts in the client data. */
  origin: string;
  /** `none` (default) or `packed` self attestation. */
  format?: 'none' | 'packed';
  /** Key algorithm of a new credential (default ES256). */
  alg?: -7 | -257;
  /** False: the user-present flag is not set. */
  userPresent?: boolean;
  /** The client data type (default `webauthn.create` / `webauthn.get`). */
  type?: string;
}

/** A software authenticator with the credentials it made or was given. */
export class SoftwareAuthenticator {
  readonly credentials = new Map<string, HeldCredential>();
  /** False: the signature counter never moves (a clone, or a copy of a key that keeps one). */
  countsSignatures = true;

  /** Adds a credential from a PKCS#8 private key (base64), as DevTools' `WebAuthn.addCredential` does. */
  importCredential(input: { credentialId: string; privateKey: string; rpId: string; signCount?: number; alg?: -7 | -257 }): HeldCredential {
    const credential: HeldCredential = {
      id: input.credentialId,
      privateKey: createPrivateKey({ key: Buffer.from(input.privateKey, 'base64'), format: 'der', type: 'pkcs8' }),
      alg: input.alg ?? -7,
      rpId: input.rpId,
      signCount: input.signCount ?? 0,
    };
    this.credentials.set(credential.id, credential);
    return credential;
  }

  /** The COSE public key of a held credential, base64url, as a seed file gives it. */
  publicKeyOf(credentialId: string): string {
    const credential = this.credentials.get(credentialId);
    if (!credential) throw new Error(`no credential ${credentialId}`);
    return Buffer.from(coseKey(credential.privateKey, credential.alg)).toString('base64url');
  }

  /** `navigator.credentials.create({ publicKey })`: a new credential and its attestation. */
  create(publicKey: PublicKeyCredentialCreationOptions, options: CeremonyOptions): CreatedCredential {
    const rpId = publicKey.rp.id ?? new URL(options.origin).hostname;
    for (const excluded of publicKey.excludeCredentials ?? []) {
      if (this.credentials.has(bytes(excluded.id).toString('base64url'))) throw new DOMException('The authenticator already holds a credential.', 'InvalidStateError');
    }
    const alg = options.alg ?? -7;
    if (!publicKey.pubKeyCredParams.some((param) => param.alg === alg)) throw new DOMException(`alg ${alg} not offered`, 'NotSupportedError');
    const { privateKey } = alg === -7 ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('rsa', { modulusLength: 2048 });
    const id = randomBytes(32);
    const credential: HeldCredential = { id: id.toString('base64url'), privateKey, alg, rpId, signCount: 0 };
    this.credentials.set(credential.id, credential);
    const clientDataJSON = this.clientData(options.type ?? 'webauthn.create', publicKey.challenge, options.origin);
    const attested = Buffer.concat([AAGUID, Buffer.from([id.length >> 8, id.length & 255]), id, Buffer.from(coseKey(privateKey, alg))]);
    const authData = Buffer.concat([sha256(rpId), Buffer.from([this.flags(options) | FLAG_AT]), this.counter(credential), attested]);
    const attStmt = new Map<string, CBORType>();
    if (options.format === 'packed') {
      attStmt.set('alg', alg);
      attStmt.set('sig', new Uint8Array(signWith(credential, Buffer.concat([authData, sha256(clientDataJSON)]))));
    }
    const attestationObject = encodeCBOR(
      new Map<string, CBORType>([
        ['fmt', options.format ?? 'none'],
        ['attStmt', attStmt],
        ['authData', new Uint8Array(authData)],
      ]),
    );
    return { id: credential.id, response: { attestationObject: arrayBuffer(Buffer.from(attestationObject)), clientDataJSON: arrayBuffer(clientDataJSON) } };
  }

  /**
   * `navigator.credentials.get({ publicKey })`: an assertion by the first allowed credential this
   * authenticator holds for the page's relying party, or for the `appid` extension's (a U2F key).
   */
  get(publicKey: PublicKeyCredentialRequestOptions, options: CeremonyOptions): Assertion {
    const rpId = publicKey.rpId ?? new URL(options.origin).hostname;
    const appId = (publicKey.extensions as { appid?: string } | undefined)?.appid;
    const allowed = (publicKey.allowCredentials ?? []).map((descriptor) => this.credentials.get(bytes(descriptor.id).toString('base64url')));
    const credential = allowed.find((held) => held && (held.rpId === rpId || held.rpId === appId));
    if (!credential) throw new DOMException('No credential for this relying party.', 'NotAllowedError');
    if (this.countsSignatures) credential.signCount += 1;
    const clientDataJSON = this.clientData(options.type ?? 'webauthn.get', publicKey.challenge, options.origin);
    const authenticatorData = Buffer.concat([sha256(credential.rpId), Buffer.from([this.flags(options)]), this.counter(credential)]);
    const signature = signWith(credential, Buffer.concat([authenticatorData, sha256(clientDataJSON)]));
    return { id: credential.id, response: { clientDataJSON: arrayBuffer(clientDataJSON), authenticatorData: arrayBuffer(authenticatorData), signature: arrayBuffer(signature) } };
  }

  private clientData(type: string, challenge: BufferSource, origin: string): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge: bytes(challenge).toString('base64url'), origin, crossOrigin: false }));
  }

  private flags(options: CeremonyOptions): number {
    return (options.userPresent === false ? 0 : FLAG_UP) | FLAG_UV;
  }

  private counter(credential: HeldCredential): Buffer {
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(credential.signCount);
    return counter;
  }
}
