import { JiraRequestError } from './jira-request-error';
import { mayHaveBeenApplied } from './write-outcome';

const answered = (status: number) => new JiraRequestError(`POST /rest/api/3/issue: Jira answered ${status}`, status);
const unanswered = (code: string | null) => new JiraRequestError(`POST /rest/api/3/issue: ${code ?? 'fetch failed'}`, null, null, null, code);

describe('mayHaveBeenApplied', () => {
  it.each([400, 401, 403, 404, 408, 409, 413, 422, 425, 429])('is false for a %i: Jira refused the write', (status) => {
    expect(mayHaveBeenApplied(answered(status))).toBe(false);
  });

  it.each([500, 502, 503, 504, 599])('is true for a %i: Jira, or a gateway in front of it, may have failed after writing', (status) => {
    expect(mayHaveBeenApplied(answered(status))).toBe(true);
  });

  it.each([200, 201, 204])('is true for a %i whose body could not be read: the write happened', (status) => {
    expect(mayHaveBeenApplied(answered(status))).toBe(true);
  });

  it.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT'])(
    'is false when the connection failed with %s: the request never left',
    (code) => {
      expect(mayHaveBeenApplied(unanswered(code))).toBe(false);
    },
  );

  it.each(['TIMEOUT', 'ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE', 'UND_ERR_HEADERS_TIMEOUT', 'SOMETHING_NEW', null])('is true without an answer after %s: Jira may have written', (code) => {
    expect(mayHaveBeenApplied(unanswered(code))).toBe(true);
  });

  it('is true for a failure that is not a Jira request error (an answer we could not use, a bug)', () => {
    expect(mayHaveBeenApplied(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(true);
    expect(mayHaveBeenApplied('aborted')).toBe(true);
  });
});
