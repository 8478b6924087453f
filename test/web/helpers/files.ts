// Files as people attach them, made here: a real PNG (a picture of a given size, which a browser
// decodes), a PDF, a log; and the two ways a browser hands files to a page besides its picker, a
// drop and a paste, dispatched as the browser would with the files inside.
import { crc32, deflateSync } from 'node:zlib';
import type { Locator } from 'playwright-core';

export interface FileToSend {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** A width × height PNG of one colour. */
export function png(width: number, height: number, rgb: [number, number, number] = [11, 92, 173]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, RGB, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3).map((_, i) => rgb[i % 3])]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', header), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))]);
}

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

type Wire = { name: string; type: string; base64: string }[];
const wire = (files: FileToSend[]): Wire => files.map((f) => ({ name: f.name, type: f.mimeType, base64: f.buffer.toString('base64') }));

/** Drags the files over `target` and drops them there. */
export async function dropFiles(target: Locator, files: FileToSend[]): Promise<void> {
  await target.evaluate((element, sent: Wire) => {
    const transfer = new DataTransfer();
    for (const f of sent) transfer.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
    for (const type of ['dragenter', 'dragover', 'drop']) element.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, wire(files));
}

/** Pastes the files into `target`, as a screenshot taken to the clipboard is pasted. */
export async function pasteFiles(target: Locator, files: FileToSend[]): Promise<void> {
  await target.evaluate((element, sent: Wire) => {
    const transfer = new DataTransfer();
    for (const f of sent) transfer.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, wire(files));
}

/** Uploads a file as the portal does, with a session cookie: for fixtures made through the API. */
export async function uploadAs(baseUrl: string, cookie: { name: string; value: string }, file: FileToSend): Promise<string> {
  const response = await fetch(`${baseUrl}/attachments`, {
    method: 'POST',
    headers: { cookie: `${cookie.name}=${cookie.value}`, 'x-file-name': encodeURIComponent(file.name), 'content-type': 'application/octet-stream' },
    body: new Uint8Array(file.buffer),
  });
  if (response.status !== 201) throw new Error(`upload of ${file.name}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}
