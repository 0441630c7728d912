import fs from 'node:fs/promises';

/**
 * The RFC 6381 codec name of the H.264 picture in an MPEG-TS file (e.g. `avc1.64001f`: profile,
 * constraint flags and level, from its first sequence parameter set), which an HLS playlist's
 * CODECS attribute names so players can set up decoding before fetching a segment; undefined when
 * no parameter set is found in the file's first 64 kB.
 */
export async function readAvcCodec(file: string): Promise<string | undefined> {
  const handle = await fs.open(file);
  try {
    const { buffer, bytesRead } = await handle.read({ buffer: Buffer.alloc(64 * 1024), position: 0 });
    const head = buffer.subarray(0, bytesRead);
    // A start code followed by NAL unit type 7 (sequence parameter set); the set sits whole in the
    // first packet's payload, right after the access unit delimiter.
    for (let at = head.indexOf(Buffer.from([0, 0, 1])); at !== -1; at = head.indexOf(Buffer.from([0, 0, 1]), at + 3)) {
      if (at + 6 < head.length && (head[at + 3]! & 0x1f) === 7)
        return `avc1.${head.subarray(at + 4, at + 7).toString('hex')}`;
    }
    return undefined;
  } finally {
    await handle.close();
  }
}
