// The records upload itself: multipart (`map` first, then `file`) by XMLHttpRequest, whose upload
// events tell how many bytes are sent, which fetch cannot.
import type { UploadCounts } from './admin-types.ts';

/** The API's refusal of an upload, with its `value` and `fix` as the other calls keep them. */
function readRefusal(xhr: XMLHttpRequest): Error {
  let body: { error?: string; value?: string; fix?: string } = {};
  try {
    body = JSON.parse(xhr.responseText) as typeof body;
  } catch {
    // Not JSON (a proxy's page): the status text says enough.
  }
  const problem = body.error || xhr.statusText || 'The upload did not reach Kindly';
  return Object.assign(new Error(problem), { value: body.value, fix: body.fix });
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
      if (xhr.status === 201) resolve(JSON.parse(xhr.responseText) as UploadCounts);
      else reject(readRefusal(xhr));
    });
    xhr.addEventListener('error', () =>
      reject(new Error('The upload was cut off; check the connection and send it again')),
    );
    xhr.send(form);
  });
}
