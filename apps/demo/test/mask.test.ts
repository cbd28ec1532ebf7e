import { describe, expect, test } from 'vitest';

// mask.js is a plain browser module served as is (no declarations); this is the part of it under test.
interface MaskModule {
  TokenNumbers: new () => object;
  maskUrl(href: string, numbers: object): string;
  maskJson(value: unknown, numbers: object): unknown;
}
const { TokenNumbers, maskJson, maskUrl } = (await import(new URL('../public/assets/mask.js', import.meta.url).href)) as MaskModule;

describe('flow inspector masking', () => {
  test('the QR capability token in /qr/<token> is masked and numbered like other tokens', () => {
    const numbers = new TokenNumbers();
    const href = 'http://localhost:4000/api/v1/users/00u1/factors/opf1/qr/20111secretQrToken';
    expect(maskUrl(href, numbers)).toBe('/api/v1/users/00u1/factors/opf1/qr/•••• #1');
    expect(maskUrl(`${href}?size=200`, numbers)).toBe('/api/v1/users/00u1/factors/opf1/qr/•••• #1?size=200');
    expect(maskUrl('http://localhost:4000/api/v1/users/00u1/factors/opf1/qr/anotherToken', numbers)).toBe('/api/v1/users/00u1/factors/opf1/qr/•••• #2');
  });

  test('a qrcode link in a response body never shows its token', () => {
    const masked = JSON.stringify(
      maskJson({ _embedded: { activation: { _links: { qrcode: { href: 'http://localhost:4000/api/v1/users/u/factors/f/qr/20111secretQrToken', type: 'image/png' } } } } }, new TokenNumbers()),
    );
    expect(masked).not.toContain('20111secretQrToken');
    expect(masked).toContain('/qr/•••• #1');
  });

  test('query tokens are still masked and other paths are left as they are', () => {
    const numbers = new TokenNumbers();
    expect(maskUrl('http://localhost:4000/login/sessionCookieRedirect?token=abc&redirectUrl=http://x/', numbers)).toBe(
      '/login/sessionCookieRedirect?token=•••• #1&redirectUrl=http://x/',
    );
    expect(maskUrl('http://localhost:4000/api/v1/authn/factors/opf1/verify', numbers)).toBe('/api/v1/authn/factors/opf1/verify');
  });
});
