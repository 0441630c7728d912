/** A multipart/form-data body (as a browser would send it) for `app.inject`. */
export async function makeMultipart(options: {
  fields?: Record<string, string>;
  file: { name: string; contents: string | Buffer; type?: string };
}) {
  const form = new FormData();
  for (const [name, value] of Object.entries(options.fields ?? {})) form.append(name, value);
  form.append(
    'file',
    new Blob(
      [typeof options.file.contents === 'string' ? options.file.contents : new Uint8Array(options.file.contents)],
      { type: options.file.type ?? 'text/csv' },
    ),
    options.file.name,
  );
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    headers: { 'content-type': request.headers.get('content-type') ?? '' },
  };
}
