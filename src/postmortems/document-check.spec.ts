import { checkDocumentText, decodeDocument, DocumentProblem } from './document-check';

const problem = (code: DocumentProblem['code'], message: string) => new DocumentProblem(code, message);
const NOT_TEXT = problem('NOT_TEXT', 'The document looks binary (it contains control characters), not like markdown or plain text.');

describe('checkDocumentText', () => {
  it('accepts markdown and plain text, including tabs, form feeds and CRLF line ends', () => {
    expect([checkDocumentText('# Outage\n\n- Add an alert', 100), checkDocumentText('Title\r\n\tindented\fnext page\r\n', 100)]).toEqual([null, null]);
  });

  it('refuses an empty or blank document', () => {
    expect([checkDocumentText('', 100), checkDocumentText('  \n\t \r\n', 100)]).toEqual([problem('EMPTY_DOCUMENT', 'The document is empty.'), problem('EMPTY_DOCUMENT', 'The document is empty.')]);
  });

  it('measures the limit in UTF-8 bytes, not characters', () => {
    expect([checkDocumentText('é'.repeat(50), 100), checkDocumentText('é'.repeat(51), 100)]).toEqual([
      null,
      problem('DOCUMENT_TOO_LARGE', 'The document is 102 bytes; the limit is 100 (IMPORT_MAX_BYTES).'),
    ]);
  });

  it('refuses any NUL, and other control characters above one in a hundred', () => {
    expect([checkDocumentText('Postmortem\u0000', 100), checkDocumentText(`${'a'.repeat(99)}\u0001`, 1000), checkDocumentText(`${'a'.repeat(98)}\u0001\u0002`, 1000)]).toEqual([NOT_TEXT, null, NOT_TEXT]);
  });
});

describe('decodeDocument', () => {
  it('decodes UTF-8 and drops a byte-order mark', () => {
    expect([decodeDocument(Buffer.from('# Outage – résumé'), 100), decodeDocument(Buffer.from('\uFEFF# Outage'), 100)]).toEqual([{ text: '# Outage – résumé' }, { text: '# Outage' }]);
  });

  it('refuses bytes that are not UTF-8: Latin-1, UTF-16, an image', () => {
    const invalid = problem('INVALID_ENCODING', 'The file is not valid UTF-8 text; save it as UTF-8 and import it again.');
    expect([
      decodeDocument(Buffer.from('caf\xe9', 'latin1'), 100),
      decodeDocument(new Uint8Array([0xff, 0xfe, 0x23, 0x00, 0x20, 0x00]), 100),
      decodeDocument(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 100),
    ]).toEqual([invalid, invalid, invalid]);
  });

  it('refuses a file over the limit before decoding it', () => {
    expect(decodeDocument(new Uint8Array([0xff, 0xff, 0xff]), 2)).toEqual(problem('DOCUMENT_TOO_LARGE', 'The file is 3 bytes; the limit is 2 (IMPORT_MAX_BYTES).'));
  });

  it('applies the text checks to what it decoded', () => {
    expect([decodeDocument(Buffer.from('   \n'), 100), decodeDocument(Buffer.from('a\u0000b'), 100)]).toEqual([problem('EMPTY_DOCUMENT', 'The document is empty.'), NOT_TEXT]);
  });
});
