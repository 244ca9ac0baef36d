import { trackLinks } from './tracked-links';

const tracked = (index: number) => `https://go.example.test/r/T${index}`;

describe(trackLinks.name, () => {
  it('rewrites text links and keeps the punctuation that ends a sentence', () => {
    const { content, links } = trackLinks({ text: 'Shop at https://shop.example.com/sale?x=1&y=2. Or (https://shop.example.com/help)!' }, tracked);
    expect(content.text).toBe('Shop at https://go.example.test/r/T0. Or (https://go.example.test/r/T1)!');
    expect(links).toEqual(['https://shop.example.com/sale?x=1&y=2', 'https://shop.example.com/help']);
  });

  it('gives the same URL in text and HTML one index, and decodes &amp; in hrefs', () => {
    const { content, links } = trackLinks(
      {
        subject: 'Sale https://not.a.link.example',
        text: 'Go https://shop.example.com/sale?x=1&y=2',
        html: `<a href="https://shop.example.com/sale?x=1&amp;y=2">sale</a> <a href='http://blog.example.com'>blog</a> <a href="mailto:help@example.com">mail</a> https://shop.example.com/plain`,
      },
      tracked,
    );
    expect(links).toEqual(['https://shop.example.com/sale?x=1&y=2', 'http://blog.example.com']);
    expect(content.html).toBe(
      `<a href="https://go.example.test/r/T0">sale</a> <a href='https://go.example.test/r/T1'>blog</a> <a href="mailto:help@example.com">mail</a> https://shop.example.com/plain`,
    );
    expect(content.text).toBe('Go https://go.example.test/r/T0');
    expect(content.subject).toBe('Sale https://not.a.link.example');
  });

  it('leaves content without links alone', () => {
    expect(trackLinks({ text: 'No links here', html: '<p>None</p>' }, tracked)).toEqual({ content: { text: 'No links here', html: '<p>None</p>' }, links: [] });
  });
});
