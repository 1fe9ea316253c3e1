import { createHmac } from 'node:crypto';
import { isValidSignature } from './webhook-signature';

/** Atlassian's own example (developer.atlassian.com/cloud/jira/platform/webhooks, "Secure admin webhooks"). */
const SECRET = "It's a Secret to Everybody";
const BODY = Buffer.from('Hello World!');
const HEX = 'a4771c39fbe90f317c7824e83ddef3caae9cb3d976c214ace1f2937e133263c9';

describe('isValidSignature', () => {
  it("accepts Atlassian's test vector", () => {
    expect(isValidSignature(BODY, `sha256=${HEX}`, SECRET)).toBe(true);
  });

  it('accepts a signature of a real payload made with the secret, around surrounding whitespace', () => {
    const body = Buffer.from(JSON.stringify({ webhookEvent: 'jira:issue_updated', issue: { id: '10042', key: 'PM-7' } }));
    const hex = createHmac('sha256', 'hush').update(body).digest('hex');
    expect(isValidSignature(body, ` sha256=${hex}\n`, 'hush')).toBe(true);
  });

  it('accepts uppercase hex', () => {
    expect(isValidSignature(BODY, `sha256=${HEX.toUpperCase()}`, SECRET)).toBe(true);
  });

  it('refuses the wrong secret', () => {
    expect(isValidSignature(BODY, `sha256=${HEX}`, "It's a secret to everybody")).toBe(false);
    expect(isValidSignature(BODY, `sha256=${HEX}`, '')).toBe(false);
  });

  it('refuses a tampered body', () => {
    expect(isValidSignature(Buffer.from('Hello World?'), `sha256=${HEX}`, SECRET)).toBe(false);
    expect(isValidSignature(Buffer.from('Hello World! '), `sha256=${HEX}`, SECRET)).toBe(false);
  });

  it('refuses a missing or empty header', () => {
    expect(isValidSignature(BODY, undefined, SECRET)).toBe(false);
    expect(isValidSignature(BODY, '', SECRET)).toBe(false);
  });

  it('refuses another method, even with the right sha1 HMAC', () => {
    const sha1 = createHmac('sha1', SECRET).update(BODY).digest('hex');
    expect(isValidSignature(BODY, `sha1=${sha1}`, SECRET)).toBe(false);
    expect(isValidSignature(BODY, `sha512=${HEX}`, SECRET)).toBe(false);
  });

  it.each([
    ['no method', HEX],
    ['one hex digit short', `sha256=${HEX.slice(1)}`],
    ['one hex digit long', `sha256=${HEX}0`],
    ['a non-hex digit', `sha256=${HEX.slice(0, -1)}g`],
    ['base64 instead of hex', `sha256=${Buffer.from(HEX, 'hex').toString('base64')}`],
    ['a space after =', `sha256= ${HEX}`],
    ['two signatures', `sha256=${HEX},sha256=${HEX}`],
  ])('refuses a malformed header (%s) without throwing', (_label, header) => {
    expect(isValidSignature(BODY, header, SECRET)).toBe(false);
  });
});
