// A canonical byte encoding of a short list of text fields, for hashing and signing records whose
// exact stored values must be committed to (the audit trail, docs/audit-trail.md). JSON would do in
// JavaScript, but its escaping is a choice a verifier in another language must copy exactly; this
// encoding has nothing to choose: a tag line, then per field one byte (0x00 for NULL, 0x01 for a
// value) and, for a value, its UTF-8 length as a 4-byte big-endian unsigned integer and its bytes.
// Two different lists never encode to the same bytes (every field is delimited by its length).

/** A field: text, an integer (encoded as its decimal digits), or NULL. */
export type CanonicalField = string | number | null;

export function canonicalFields(tag: string, fields: readonly CanonicalField[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`${tag}\n`, 'utf8')];
  for (const field of fields) {
    if (field === null) {
      parts.push(Buffer.from([0x00]));
      continue;
    }
    if (typeof field === 'number' && !Number.isSafeInteger(field)) throw new RangeError(`canonical fields hold integers only, not ${field}`);
    const bytes = Buffer.from(String(field), 'utf8');
    const head = Buffer.alloc(5);
    head[0] = 0x01;
    head.writeUInt32BE(bytes.length, 1);
    parts.push(head, bytes);
  }
  return Buffer.concat(parts);
}
