import { MAX_LINK_INDEX } from './link-token';

export interface MessageContent {
  subject?: string;
  text: string;
  html?: string;
}

export interface TrackedContent {
  content: MessageContent;
  /** The original URLs; a tracked URL carries the index of its original here. */
  links: string[];
}

// In text, a URL ends at whitespace or a bracket or quote; trailing sentence punctuation is not part of it.
const TEXT_URL = /https?:\/\/[^\s<>"'()[\]{}]+/g;
const TRAILING_PUNCTUATION = /[.,;:!?]+$/;
// In HTML only href attributes are links; a URL in the visible text is left as the reader sees it.
const HTML_HREF = /(\bhref\s*=\s*)(["'])(https?:\/\/[^"']+)\2/gi;

/**
 * Replaces every http(s) link in the text and the HTML with `trackedUrl(index)`. The same URL gets the same
 * index in both bodies, so the text and HTML versions of one link count as one link.
 */
export function trackLinks(content: MessageContent, trackedUrl: (linkIndex: number) => string): TrackedContent {
  const links: string[] = [];
  const indexOf = (url: string): number | undefined => {
    const known = links.indexOf(url);
    if (known >= 0) return known;
    if (links.length > MAX_LINK_INDEX) return undefined;
    return links.push(url) - 1;
  };

  const text = content.text.replace(TEXT_URL, (match) => {
    const url = match.replace(TRAILING_PUNCTUATION, '');
    const index = indexOf(url);
    return index === undefined ? match : trackedUrl(index) + match.slice(url.length);
  });
  const html = content.html?.replace(HTML_HREF, (match, attribute: string, quote: string, href: string) => {
    const index = indexOf(decodeHtmlAmpersands(href));
    return index === undefined ? match : `${attribute}${quote}${trackedUrl(index)}${quote}`;
  });
  return { content: { ...content, text, ...(html !== undefined ? { html } : {}) }, links };
}

/** `&amp;` in an attribute is `&` in the URL the browser follows; other entities are rare in hrefs. */
function decodeHtmlAmpersands(href: string): string {
  return href.replace(/&amp;/g, '&');
}
