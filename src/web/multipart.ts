import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';
import { fieldsOf } from './validation.js';

/**
 * A deliberately small `multipart/form-data` reader for the upload forms (import, members' CSV,
 * attachments, the report's logo): text fields and at most one file, the whole body buffered under a
 * size limit. The parsed body is a plain object, so the CSRF check finds `_csrf` like in any other
 * form, and routes read its text fields with `fieldsOf`/`str`. Each plugin that takes uploads
 * registers it (`acceptMultipart`) with its own limit.
 */
const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
const MAX_PARTS = 20;

export interface UploadedFile {
  filename: string;
  data: Buffer;
}

export type MultipartBody = Record<string, string | UploadedFile>;

function boundaryOf(contentType: string): string | null {
  const m = /boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

function headerParam(header: string, name: string): string | undefined {
  const m =
    new RegExp(`;\\s*${name}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(header) ??
    new RegExp(`;\\s*${name}=([^;\\s]+)`, 'i').exec(header);
  return m?.[1]?.replace(/\\(.)/g, '$1');
}

export function parseMultipart(body: Buffer, contentType: string, maxFileBytes = MAX_UPLOAD_BYTES): MultipartBody {
  const boundary = boundaryOf(contentType);
  if (!boundary) throw new AppError('MULTIPART_INVALID', 'Formulaire illisible (séparateur absent).');
  const delimiter = Buffer.from(`--${boundary}`);
  const out: MultipartBody = {};
  let files = 0;
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new AppError('MULTIPART_INVALID', 'Formulaire illisible.');
  for (let parts = 0; ; parts++) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString() === '--') return out;
    if (parts >= MAX_PARTS) throw new AppError('MULTIPART_INVALID', 'Formulaire illisible (trop de champs).');
    pos += 2; // CRLF after the delimiter
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) throw new AppError('MULTIPART_INVALID', 'Formulaire illisible.');
    const headers = body.subarray(pos, headerEnd).toString('utf8');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
    if (next < 0) throw new AppError('MULTIPART_INVALID', 'Formulaire illisible (envoi interrompu ?).');
    const content = body.subarray(headerEnd + 4, next);
    const disposition = /^content-disposition:(.*)$/im.exec(headers)?.[1] ?? '';
    const name = headerParam(disposition, 'name');
    const filename = headerParam(disposition, 'filename');
    if (name && !Object.hasOwn(out, name) && name !== '__proto__') {
      if (filename !== undefined) {
        if (++files > 1) throw new AppError('MULTIPART_INVALID', 'Un seul fichier à la fois.');
        if (content.length > maxFileBytes)
          throw new AppError('UPLOAD_TOO_LARGE', `Le fichier dépasse ${Math.round(maxFileBytes / 1024 / 1024)} Mo.`);
        out[name] = { filename: filename.split(/[\\/]/).pop() ?? '', data: Buffer.from(content) };
      } else {
        out[name] = content.toString('utf8');
      }
    }
    pos = next + 2;
  }
}

/**
 * Adds the parser to the plugin that calls it (Fastify keeps it encapsulated there): files up to
 * `maxFileBytes` (a larger one gets the French « Le fichier dépasse … »), whole bodies up to `bodyLimit`.
 */
export function acceptMultipart(
  app: FastifyInstance,
  { maxFileBytes = MAX_UPLOAD_BYTES, bodyLimit = MAX_UPLOAD_BYTES * 2 } = {},
): void {
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit }, (request, body, done) => {
    try {
      const bytes = typeof body === 'string' ? Buffer.from(body) : body;
      done(null, parseMultipart(bytes, request.headers['content-type'] ?? '', maxFileBytes));
    } catch (error) {
      done(error instanceof Error ? error : new AppError('MULTIPART_INVALID', 'Formulaire illisible.'), undefined);
    }
  });
}

const isUploadedFile = (value: unknown): value is UploadedFile =>
  typeof value === 'object' &&
  value !== null &&
  'data' in value &&
  Buffer.isBuffer(value.data) &&
  'filename' in value &&
  typeof value.filename === 'string';

/** The file a multipart form sent in `field`, or null when it sent none (the route says what is missing). */
export function uploadedFile(body: unknown, field: string): UploadedFile | null {
  const value = fieldsOf(body)[field];
  return isUploadedFile(value) ? value : null;
}
