// The records upload itself: multipart (`map` first, then `file`) by XMLHttpRequest, whose upload
// events tell how many bytes are sent, which fetch cannot.
import type { UploadCounts } from './admin-types.ts';
import { makeRefusal } from './make-refusal.ts';

/** The answer's JSON body, or undefined when it is not JSON (a proxy's page). */
function readBody(xhr: XMLHttpRequest): unknown {
  try {
    return JSON.parse(xhr.responseText) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Sends a records file to POST /api/campaigns/:id/records with the key, calling `onSent` with
 * the share of bytes sent (0–1). Resolves with the counts of the 201 answer.
 */
export function sendRecords(options: {
  path: string;
  key: string | null;
  file: File;
  map: Record<string, string> | undefined;
  onSent: (share: number) => void;
  /** Called when the API refuses the key (401), as every other call does. */
  onRefused: () => void;
}): Promise<UploadCounts> {
  const form = new FormData();
  if (options.map) form.append('map', JSON.stringify(options.map));
  form.append('file', options.file, options.file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', options.path);
    xhr.setRequestHeader('authorization', `Bearer ${options.key}`);
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) options.onSent(event.loaded / event.total);
    });
    xhr.addEventListener('load', () => {
      const body = readBody(xhr);
      if (xhr.status === 201 && body && typeof body === 'object') return resolve(body as UploadCounts);
      if (xhr.status === 401) {
        options.onRefused();
        return reject(new Error('unauthorised'));
      }
      reject(makeRefusal(body, xhr.statusText || 'The upload did not reach Kindly'));
    });
    xhr.addEventListener('error', () =>
      reject(new Error('The upload was cut off; check the connection and send it again')),
    );
    xhr.send(form);
  });
}
