import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

/**
 * A tiny browser for app.inject(): keeps cookies, and fills the CSRF field
 * from the last page it read, as a real form would.
 */
export class Agent {
  readonly cookies = new Map<string, string>();
  csrf = '';

  /** `remoteAddress`: the client's IP address as the server sees it (default: 127.0.0.1). */
  constructor(
    private readonly app: FastifyInstance,
    private readonly remoteAddress?: string,
  ) {}

  private get from(): { remoteAddress?: string } {
    return this.remoteAddress ? { remoteAddress: this.remoteAddress } : {};
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: LightMyRequestResponse): void {
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now()) || c.maxAge === 0)
        this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (token?.[1]) this.csrf = token[1];
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({
      method: 'GET',
      url,
      headers: { cookie: this.cookieHeader(), ...headers },
      ...this.from,
    });
    this.remember(res);
    return res;
  }

  /** Posts a form; `_csrf` is added unless the caller sets it (or passes csrf: false). */
  async post(
    url: string,
    form: Record<string, string | string[]>,
    options: { csrf?: boolean; headers?: Record<string, string> } = {},
  ): Promise<LightMyRequestResponse> {
    if (options.csrf !== false && !this.csrf) await this.get('/connexion');
    const body = new URLSearchParams();
    if (options.csrf !== false && form._csrf === undefined) body.append('_csrf', this.csrf);
    for (const [k, v] of Object.entries(form)) for (const item of [v].flat()) body.append(k, item);
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers: {
        cookie: this.cookieHeader(),
        'content-type': 'application/x-www-form-urlencoded',
        ...options.headers,
      },
      payload: body.toString(),
      ...this.from,
    });
    this.remember(res);
    return res;
  }

  /** Posts a `multipart/form-data` form (a file upload): `_csrf` first, as the page's form sends it. */
  async postMultipart(
    url: string,
    fields: Record<string, string>,
    files: Record<string, { filename: string; data: Uint8Array; type?: string }> = {},
    options: { csrf?: boolean } = {},
  ): Promise<LightMyRequestResponse> {
    if (options.csrf !== false && !this.csrf) await this.get('/connexion');
    const boundary = `----vigie${Math.random().toString(16).slice(2)}`;
    const parts: Buffer[] = [];
    const all: Record<string, string> =
      options.csrf !== false && fields._csrf === undefined ? { _csrf: this.csrf, ...fields } : fields;
    for (const [name, value] of Object.entries(all)) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    }
    for (const [name, file] of Object.entries(files)) {
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${file.filename}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
        ),
      );
      parts.push(Buffer.from(file.data), Buffer.from('\r\n'));
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: this.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat(parts),
      ...this.from,
    });
    this.remember(res);
    return res;
  }
}
