import pg from 'pg';
import type { DatabaseConfig } from '../config.js';

/**
 * Messages between the processes serving one database (PostgreSQL
 * `LISTEN/NOTIFY`): a process that changes something the others keep in
 * memory (the public page cache) tells them. With SQLite, Vigie runs as one
 * process: there is nobody to tell, and every method does nothing.
 */
export interface Notifier {
  /** Subscribes before the server takes requests; `onMessage` also runs after a lost connection comes back. */
  listen(channel: string, onMessage: () => void): Promise<void>;
  /** Resolves once PostgreSQL has queued the message for every listener (committed). */
  notify(channel: string): Promise<void>;
  close(): Promise<void>;
}

const RECONNECT_MS = [100, 500, 2_000, 5_000];

class PostgresNotifier implements Notifier {
  readonly #url: string;
  readonly #handlers = new Map<string, Array<() => void>>();
  #client: pg.Client | null = null;
  #connecting: Promise<pg.Client> | null = null;
  #closed = false;
  #attempt = 0;
  #timer: NodeJS.Timeout | null = null;
  readonly #onError: (error: unknown) => void;

  constructor(url: string, onError: (error: unknown) => void) {
    this.#url = url;
    this.#onError = onError;
  }

  #connect(): Promise<pg.Client> {
    if (this.#client) return Promise.resolve(this.#client);
    this.#connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.#url });
      client.on('notification', (message) => {
        for (const handler of this.#handlers.get(message.channel) ?? []) handler();
      });
      client.on('error', (error) => {
        this.#onError(error);
        this.#lost(client);
      });
      client.on('end', () => this.#lost(client));
      try {
        await client.connect();
        for (const channel of this.#handlers.keys()) await client.query(`listen ${quote(channel)}`);
      } catch (error) {
        await client.end().catch(() => undefined);
        throw error;
      }
      this.#client = client;
      return client;
    })().finally(() => {
      this.#connecting = null;
    });
    return this.#connecting;
  }

  /** The connection is gone: messages may have been missed, so every handler runs once it is back. */
  #lost(client: pg.Client): void {
    if (this.#client !== client) return;
    this.#client = null;
    this.#reconnect();
  }

  #reconnect(): void {
    if (this.#closed || this.#timer) return;
    const delay = RECONNECT_MS[Math.min(this.#attempt, RECONNECT_MS.length - 1)] ?? 5_000;
    this.#attempt++;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (this.#closed) return;
      this.#connect().then(
        () => {
          this.#attempt = 0;
          for (const handlers of this.#handlers.values()) for (const handler of handlers) handler();
        },
        (error: unknown) => {
          this.#onError(error);
          this.#reconnect();
        },
      );
    }, delay);
    this.#timer.unref();
  }

  async listen(channel: string, onMessage: () => void): Promise<void> {
    this.#handlers.set(channel, [...(this.#handlers.get(channel) ?? []), onMessage]);
    // Listening twice to a channel is harmless; a connection opened meanwhile may already listen.
    const client = await this.#connect();
    await client.query(`listen ${quote(channel)}`);
  }

  async notify(channel: string): Promise<void> {
    const client = await this.#connect();
    await client.query('select pg_notify($1, $2)', [channel, '']);
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    const client = this.#client ?? (await this.#connecting?.catch(() => null)) ?? null;
    this.#client = null;
    await client?.end().catch(() => undefined);
  }
}

/** A channel name is an identifier: only the fixed names below are used. */
function quote(channel: string): string {
  if (!/^[a-z_]+$/.test(channel)) throw new Error(`bad channel name ${channel}`);
  return channel;
}

const silent: Notifier = {
  listen: () => Promise.resolve(),
  notify: () => Promise.resolve(),
  close: () => Promise.resolve(),
};

export function openNotifier(config: DatabaseConfig, onError: (error: unknown) => void): Notifier {
  return config.kind === 'postgres' ? new PostgresNotifier(config.url, onError) : silent;
}
