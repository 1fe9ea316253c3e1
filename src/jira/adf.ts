/** Atlassian Document Format: the rich-text JSON Jira Cloud's v3 API requires for descriptions. */
export interface AdfMark {
  type: 'link' | 'strong' | 'em' | 'code';
  attrs?: { href: string };
}
export interface AdfText {
  type: 'text';
  text: string;
  marks?: AdfMark[];
}
export interface AdfBlock {
  type: 'paragraph' | 'heading' | 'bulletList' | 'listItem';
  attrs?: { level: number };
  content: (AdfBlock | AdfText)[];
}
export interface AdfDocument {
  type: 'doc';
  version: 1;
  content: AdfBlock[];
}

export const adf = {
  doc: (...content: AdfBlock[]): AdfDocument => ({ type: 'doc', version: 1, content }),
  paragraph: (...content: AdfText[]): AdfBlock => ({ type: 'paragraph', content: content.filter((node) => node.text !== '') }),
  heading: (level: number, text: string): AdfBlock => ({ type: 'heading', attrs: { level }, content: [adf.text(text)] }),
  bulletList: (...items: AdfText[][]): AdfBlock => ({
    type: 'bulletList',
    content: items.map((inline) => ({ type: 'listItem', content: [adf.paragraph(...inline)] })),
  }),
  text: (text: string): AdfText => ({ type: 'text', text }),
  strong: (text: string): AdfText => ({ type: 'text', text, marks: [{ type: 'strong' }] }),
  link: (text: string, href: string): AdfText => ({ type: 'text', text, marks: [{ type: 'link', attrs: { href } }] }),
};
