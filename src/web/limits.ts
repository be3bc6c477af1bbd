/**
 * How long the server waits for a client, and how much it reads (issue 9:
 * with Fastify's defaults, 200 connections trickling a body stayed open
 * 75 s). A slow phone on a weak network sends a 5 MB upload well within the
 * request time; a client that sends nothing for the idle time is dropped.
 */
export interface ServerTimeouts {
  /** The whole request (headers and body) must arrive within this. */
  requestMs: number;
  /** The headers must arrive within this. */
  headersMs: number;
  /** A connection with no traffic at all is closed after this. */
  idleMs: number;
  /** A kept-alive connection waits this long for the next request. */
  keepAliveMs: number;
  /** How often Node looks for requests over their time. */
  checkEveryMs: number;
}

export const SERVER_TIMEOUTS: ServerTimeouts = {
  requestMs: 120_000,
  headersMs: 15_000,
  idleMs: 60_000,
  keepAliveMs: 5_000,
  checkEveryMs: 5_000,
};

/** Any body, unless a route says otherwise (uploads do). */
export const DEFAULT_BODY_LIMIT = 1_048_576;
/** Forms anybody can send (signing, newsletter, login, contact): a few fields, never a file. */
export const PUBLIC_FORM_BODY_LIMIT = 32 * 1024;
