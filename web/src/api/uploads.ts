// Sending a file before its message: POST /attachments with the file's bytes as the body and its
// name in X-File-Name (src/attachments/http.ts); the answer is the stored file (id, name, type,
// size), whose id the message then names. XMLHttpRequest rather than fetch, for the upload's
// progress. The session cookie goes by itself: same origin.
import type { Attachment } from './types';

/** Where files go and come from (ATTACHMENTS_PATH on the server). */
const ATTACHMENTS = '/attachments';

/** The file's address: shown inline when it is a safe picture, else downloaded. */
export const fileUrl = (id: string): string => `${ATTACHMENTS}/${encodeURIComponent(id)}`;
/** The file's address, always as a download. */
export const downloadUrl = (id: string): string => `${fileUrl(id)}?download`;

/** Why an upload did not succeed: over the server's limit (413), signed out (401), or anything else. */
export type UploadFailure = 'tooLarge' | 'signedOut' | 'failed';

export class UploadError extends Error {
  constructor(readonly failure: UploadFailure) {
    super(`upload ${failure}`);
    this.name = 'UploadError';
  }
}

export function uploadFile(file: File, options: { onProgress(fraction: number): void; signal: AbortSignal }): Promise<Attachment> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', ATTACHMENTS);
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
    // Raw bytes, whatever the file is: the server tells the type from them, never from this.
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status === 201 && xhr.response) resolve(xhr.response as Attachment);
      else reject(new UploadError(xhr.status === 413 ? 'tooLarge' : xhr.status === 401 ? 'signedOut' : 'failed'));
    };
    xhr.onerror = () => reject(new UploadError('failed'));
    xhr.onabort = () => reject(new DOMException('upload cancelled', 'AbortError'));
    if (options.signal.aborted) return reject(new DOMException('upload cancelled', 'AbortError'));
    options.signal.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}
