import type { FastifyReply } from 'fastify';
import { DomainError, ErrorCode } from '../common/domain-error';

/**
 * Aborts when the client closes its connection before its answer is written, so the work done for it can stop
 * (the review checks it between steps, a parse on a worker thread is terminated). The response's `close`, not the
 * request's: a request emits `close` as soon as its body has been read.
 */
export function clientGoneSignal(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  const response = reply.raw;
  const gone = () => controller.abort(new DomainError(ErrorCode.ClientClosedRequest, 'The client closed the connection before the answer was ready; the work for it was stopped.'));
  if (response.destroyed) gone();
  else response.once('close', () => response.writableFinished || gone());
  return controller.signal;
}
