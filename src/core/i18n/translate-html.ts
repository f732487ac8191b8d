import { Tokenizer } from 'htmlparser2';
import { decodeHTML } from 'entities';
import { escapeHtml } from '@kitajs/html';

/** Looks up one text as a reader sees it (entities decoded, white space collapsed); undefined: leave it. */
export type TextLookup = (text: string) => string | undefined;

/** Attributes a reader sees or hears; every other attribute (ids, hrefs, values of fields) is data. */
const READ_ATTRIBUTES = new Set(['title', 'aria-label', 'placeholder', 'alt']);
/** Buttons made of <input> show their value. */
const BUTTON_TYPES = new Set(['submit', 'button', 'reset']);
/** Their content is code or what the user typed, never a text of ours. */
const RAW_TEXT_TAGS = new Set(['script', 'style', 'textarea']);
/** Commands and codes are the same in every language. */
const CODE_TAGS = new Set(['code', 'pre', 'kbd', 'samp']);
/** Elements without content or end tag: marking one translate="no" keeps nothing open. */
const VOID_TAGS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * Replaces, in a page rendered in German, every text node and every read attribute whose text the
 * lookup knows; everything else — markup, user data, white space, the escaping of both — stays byte
 * for byte as it was, since only the spans of matched texts are cut out and replaced (never a
 * re-serialised document). An element marked translate="no", and code, keep their content. `<html lang>` follows.
 */
export function translateHtml(html: string, lookup: TextLookup, lang: string): string {
  const edits: Edit[] = [];
  let tag = '';
  let attrName = '';
  let attrStart = -1;
  let attrs: { name: string; start: number; end: number }[] = [];
  let rawText = '';
  let keep: { tag: string; depth: number } | null = null;
  let textStart = -1;
  let textEnd = -1;

  const replaceSpan = (start: number, end: number, attribute: boolean) => {
    const raw = html.slice(start, end);
    const decoded = decodeHTML(raw);
    const text = decoded.replace(/\s+/g, ' ').trim();
    if (!text) return;
    const english = lookup(text);
    if (english === undefined || english === text) return;
    if (attribute) {
      edits.push({ start, end, text: escapeHtml(english) });
      return;
    }
    // the white space around the text is layout: it stays where it was
    const lead = raw.length - raw.trimStart().length;
    const trail = raw.length - raw.trimEnd().length;
    edits.push({ start: start + lead, end: end - trail, text: escapeHtml(english) });
  };

  const flushText = () => {
    if (textStart < 0) return;
    if (!rawText && !keep) replaceSpan(textStart, textEnd, false);
    textStart = -1;
  };

  const openTagDone = (closed: boolean) => {
    const selfClosing = closed || VOID_TAGS.has(tag);
    const value = (name: string) => {
      const a = attrs.find((x) => x.name === name);
      return a ? html.slice(a.start, a.end) : undefined;
    };
    if (keep) {
      if (tag === keep.tag && !selfClosing) keep.depth += 1;
    } else {
      for (const a of attrs) {
        const read = READ_ATTRIBUTES.has(a.name) || (a.name === 'value' && tag === 'input' && BUTTON_TYPES.has((value('type') ?? '').toLowerCase()));
        if (read) replaceSpan(a.start, a.end, true);
        if (a.name === 'lang' && tag === 'html') edits.push({ start: a.start, end: a.end, text: lang });
      }
      if ((value('translate') === 'no' || CODE_TAGS.has(tag)) && !selfClosing) keep = { tag, depth: 1 };
    }
    if (RAW_TEXT_TAGS.has(tag) && !selfClosing) rawText = tag;
    attrs = [];
  };

  const tokenizer = new Tokenizer(
    { decodeEntities: false },
    {
      ontext(start, end) {
        if (textStart < 0) textStart = start;
        textEnd = end;
      },
      ontextentity() {},
      onattribentity() {},
      onopentagname(start, end) {
        flushText();
        tag = html.slice(start, end).toLowerCase();
        attrs = [];
      },
      onattribname(start, end) {
        attrName = html.slice(start, end).toLowerCase();
        attrStart = -1;
      },
      onattribdata(start, end) {
        if (attrStart < 0) attrStart = start;
        attrs = attrs.filter((a) => a.name !== attrName || a.start !== attrStart);
        attrs.push({ name: attrName, start: attrStart, end });
      },
      onattribend() {},
      onopentagend() {
        openTagDone(false);
      },
      onselfclosingtag() {
        openTagDone(true);
      },
      onclosetag(start, end) {
        flushText();
        const name = html.slice(start, end).toLowerCase();
        if (rawText === name) rawText = '';
        if (keep && name === keep.tag && --keep.depth === 0) keep = null;
      },
      oncomment() {
        flushText();
      },
      oncdata() {
        flushText();
      },
      ondeclaration() {
        flushText();
      },
      onprocessinginstruction() {
        flushText();
      },
      onend() {
        flushText();
      },
    },
  );
  tokenizer.write(html);
  tokenizer.end();

  if (edits.length === 0) return html;
  edits.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const e of edits) {
    if (e.start < at) continue;
    out += html.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + html.slice(at);
}
