export type DocumentProblemCode = 'EMPTY_DOCUMENT' | 'NOT_TEXT' | 'INVALID_ENCODING' | 'DOCUMENT_TOO_LARGE';

export class DocumentProblem {
  constructor(
    readonly code: DocumentProblemCode,
    readonly message: string,
  ) {}
}

// Control characters other than tab, line feed, form feed and carriage return.
// eslint-disable-next-line no-control-regex -- finding control characters is the point of this check
const CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/g;
const MAX_CONTROL_SHARE = 0.01;

/** A postmortem's text, or why it is not one: empty, binary, too large. */
export function checkDocumentText(text: string, maxBytes: number): DocumentProblem | null {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes) return new DocumentProblem('DOCUMENT_TOO_LARGE', `The document is ${bytes} bytes; the limit is ${maxBytes} (IMPORT_MAX_BYTES).`);
  if (text.trim() === '') return new DocumentProblem('EMPTY_DOCUMENT', 'The document is empty.');
  const controls = text.match(CONTROL)?.length ?? 0;
  if (text.includes('\u0000') || controls > text.length * MAX_CONTROL_SHARE) {
    return new DocumentProblem('NOT_TEXT', 'The document looks binary (it contains control characters), not like markdown or plain text.');
  }
  return null;
}

/** Decodes a file's bytes as UTF-8, refusing anything that is not (a Latin-1 or UTF-16 file, an image). */
export function decodeDocument(bytes: Uint8Array, maxBytes: number): { text: string } | DocumentProblem {
  if (bytes.byteLength > maxBytes) return new DocumentProblem('DOCUMENT_TOO_LARGE', `The file is ${bytes.byteLength} bytes; the limit is ${maxBytes} (IMPORT_MAX_BYTES).`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new DocumentProblem('INVALID_ENCODING', 'The file is not valid UTF-8 text; save it as UTF-8 and import it again.');
  }
  return checkDocumentText(text, maxBytes) ?? { text };
}
