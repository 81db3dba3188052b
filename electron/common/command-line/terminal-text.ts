// Text from the input (a typed or read MRZ, file names, class titles, notes) is shown on a terminal,
// and a terminal obeys control characters: ESC starts sequences that recolour, move the cursor,
// retitle the window or rewrite what was printed before; BEL rings; CR overwrites the line; C1
// codes (0x80–0x9f) act as ESC sequences on some terminals; bidirectional overrides reorder what
// is read. Every human-readable line goes through here, so such characters show as visible escapes
// (`\x1b`, `\u202e`) and do nothing. --json output is for programs and keeps the text as read.

/** C0, DEL and C1 (the Unicode category Cc), and the controls that reorder or break lines. */
const CONTROLS = /[\p{Cc}\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

function visible(ch: string): string {
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One value for one line: every control character, the line break included, becomes a visible escape. */
export function printable(text: string): string {
  return text.replace(CONTROLS, visible);
}

/** A block of lines for the terminal: line breaks stay, every other control character is escaped. */
export function printableLines(text: string): string {
  return text.replace(CONTROLS, (ch) => (ch === '\n' ? ch : visible(ch)));
}
