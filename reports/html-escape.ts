/** Text or attribute value placed in HTML. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * JSON for a <script type="application/json"> block. Escaping <, > and & inside the JSON keeps any "</script>" or
 * "<!--" in the data from ending or changing the block; the escapes are valid JSON and parse back to the same text.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * Library code for an inline <script>. "</script" and "<!--" can only occur in strings, template literals,
 * regular expressions or comments, and in all of them \x3C reads as "<", so the code means the same but cannot
 * close the element. The source-map comment is dropped: the map is not shipped with the page.
 */
export function jsForScript(code: string): string {
  return code
    .replace(/<(\/script)/gi, '\\x3C$1')
    .replace(/<!--/g, '\\x3C!--')
    .replace(/\n?\/\/# sourceMappingURL=\S*\s*$/, '\n');
}
