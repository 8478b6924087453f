// The files a person is adding to a message, before it is sent. Each one is checked against the
// limits at once (nothing over them is sent at all), then uploaded on its own with its progress;
// the message names the uploaded ones by id. Files come from the picker, from a drop anywhere on
// the form, or from a pasted screenshot. A file that could not be added stays in the list, saying
// why, until it is removed (or tried again when the network failed): the message waits for that.
import { useCallback, useEffect, useMemo, useRef, useState, type ClipboardEvent, type DragEvent } from 'react';
import type { Attachment } from '../api/types';
import { UploadError, uploadFile, type UploadFailure } from '../api/uploads';
import { isThumbnailType, useAttachmentLimits } from './attachment-limits';

/**
 * Why a file is not part of the message: over one of the server's limits as the portal knows them
 * (tooLarge, tooMany, tooMuch), refused by the server all the same (refusedSize: its limit changed
 * since, or a proxy's is lower), or its upload did not succeed.
 */
export type FileProblem = 'tooLarge' | 'tooMany' | 'tooMuch' | 'refusedSize' | Exclude<UploadFailure, 'tooLarge'>;

export interface PendingFile {
  key: string;
  name: string;
  size: number;
  /** A local picture of an image, shown before it is sent. */
  preview: string | null;
  /** refused: never sent (a limit); failed: its upload did not succeed. */
  state: 'uploading' | 'ready' | 'refused' | 'failed';
  /** 0 to 1, while uploading. */
  progress: number;
  problem: FileProblem | null;
  attachment: Attachment | null;
}

export interface Uploads {
  files: PendingFile[];
  add(files: readonly File[]): void;
  remove(key: string): void;
  retry(key: string): void;
  /** The uploaded files' ids, in the order they were added. */
  ids: string[];
  /** Why the message cannot go yet: a file still uploading, or one that could not be added. */
  notReady: 'uploading' | 'problem' | null;
  /** Forgets the files sent with a message (those added meanwhile stay). */
  sent(ids: readonly string[]): void;
  /** For the form: files dropped anywhere on it, or a screenshot pasted into it, are added. */
  formProps: {
    onDragOver(event: DragEvent): void;
    onDragLeave(event: DragEvent): void;
    onDrop(event: DragEvent): void;
    onPaste(event: ClipboardEvent): void;
  };
  /** Files are being dragged over the form. */
  dragging: boolean;
}

const carriesFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');

let counter = 0;

export function useUploads(): Uploads {
  const [files, setFiles] = useState<PendingFile[]>([]);
  // The server's limits as they are now, for files added by a callback made before they were known.
  const known = useAttachmentLimits();
  const limits = useRef(known);
  limits.current = known;
  const [dragging, setDragging] = useState(false);
  // The list as it is now, for checks made between renders (several files added at once).
  const current = useRef<PendingFile[]>([]);
  const sources = useRef(new Map<string, File>());
  const uploads = useRef(new Map<string, AbortController>());

  const change = useCallback((update: (list: PendingFile[]) => PendingFile[]) => {
    current.current = update(current.current);
    setFiles(current.current);
  }, []);
  const patch = useCallback((key: string, fields: Partial<PendingFile>) => change((list) => list.map((f) => (f.key === key ? { ...f, ...fields } : f))), [change]);

  const start = useCallback(
    (key: string) => {
      const file = sources.current.get(key);
      if (!file) return;
      const controller = new AbortController();
      uploads.current.set(key, controller);
      patch(key, { state: 'uploading', progress: 0, problem: null });
      uploadFile(file, { signal: controller.signal, onProgress: (progress) => patch(key, { progress }) }).then(
        (attachment) => {
          uploads.current.delete(key);
          patch(key, { state: 'ready', progress: 1, attachment });
        },
        (error: unknown) => {
          uploads.current.delete(key);
          if (controller.signal.aborted) return;
          const failure = error instanceof UploadError ? error.failure : 'failed';
          // Too large for the server: trying again would change nothing.
          if (failure === 'tooLarge') patch(key, { state: 'refused', problem: 'refusedSize' });
          else patch(key, { state: 'failed', problem: failure });
        },
      );
    },
    [patch],
  );

  const add = useCallback(
    (added: readonly File[]) => {
      for (const file of added) {
        // What the message already holds (a failed upload may yet be tried again: it counts).
        const counted = current.current.filter((f) => f.state !== 'refused');
        const total = counted.reduce((sum, f) => sum + f.size, 0);
        const { maxFileBytes, maxFiles, maxMessageBytes } = limits.current;
        const problem: FileProblem | null =
          file.size > maxFileBytes
            ? 'tooLarge'
            : counted.length >= maxFiles
              ? 'tooMany'
              : total + file.size > maxMessageBytes
                ? 'tooMuch'
                : null;
        const key = `file-${++counter}`;
        const preview = !problem && isThumbnailType(file.type) ? URL.createObjectURL(file) : null;
        change((list) => [...list, { key, name: file.name, size: file.size, preview, state: problem ? 'refused' : 'uploading', progress: 0, problem, attachment: null }]);
        if (!problem) {
          sources.current.set(key, file);
          start(key);
        }
      }
    },
    [change, start],
  );

  const forget = useCallback((file: PendingFile) => {
    uploads.current.get(file.key)?.abort();
    uploads.current.delete(file.key);
    sources.current.delete(file.key);
    if (file.preview) URL.revokeObjectURL(file.preview);
  }, []);

  const remove = useCallback(
    (key: string) => {
      const file = current.current.find((f) => f.key === key);
      if (file) forget(file);
      change((list) => list.filter((f) => f.key !== key));
    },
    [change, forget],
  );

  const sent = useCallback(
    (ids: readonly string[]) => {
      const gone = current.current.filter((f) => f.attachment && ids.includes(f.attachment.id));
      gone.forEach(forget);
      change((list) => list.filter((f) => !gone.includes(f)));
    },
    [change, forget],
  );

  // A file dropped just beside the form is not opened by the browser in place of the page (and of
  // what the person has written so far): it is simply not taken.
  useEffect(() => {
    const ignore = (event: globalThis.DragEvent) => {
      if (Array.from(event.dataTransfer?.types ?? []).includes('Files')) event.preventDefault();
    };
    window.addEventListener('dragover', ignore);
    window.addEventListener('drop', ignore);
    return () => {
      window.removeEventListener('dragover', ignore);
      window.removeEventListener('drop', ignore);
    };
  }, []);

  // Leaving the page stops what is still uploading and lets go of the previews.
  useEffect(
    () => () => {
      for (const file of current.current) forget(file);
      current.current = [];
    },
    [forget],
  );

  const formProps = useMemo(
    () => ({
      onDragOver(event: DragEvent) {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      },
      onDragLeave(event: DragEvent) {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      },
      onDrop(event: DragEvent) {
        if (!carriesFiles(event)) return;
        // Not the browser's own way with a dropped file: opening it in place of the portal.
        event.preventDefault();
        setDragging(false);
        add(Array.from(event.dataTransfer.files));
      },
      onPaste(event: ClipboardEvent) {
        const pasted = Array.from(event.clipboardData?.files ?? []);
        // Text copied from a document may come with a picture of itself: then the text is what was meant.
        if (pasted.length === 0 || event.clipboardData.types.includes('text/plain')) return;
        event.preventDefault();
        add(pasted);
      },
    }),
    [add],
  );

  const ids = files.flatMap((f) => (f.state === 'ready' && f.attachment ? [f.attachment.id] : []));
  const notReady = files.some((f) => f.state === 'uploading') ? 'uploading' : files.some((f) => f.state === 'refused' || f.state === 'failed') ? 'problem' : null;
  return { files, add, remove, retry: start, ids, notReady, sent, formProps, dragging };
}
