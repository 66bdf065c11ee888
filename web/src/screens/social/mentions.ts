/** A piece of a comment: plain text, or an @mention of a username. */
export type Piece = { text: string; username?: undefined } | { text: string; username: string };

const nameChar = /[A-Za-z0-9_.-]/;

/**
 * Splits a comment into text and @mentions the way the server finds them: `@` not preceded by
 * a name character, then letters, digits, `_`, `.` or `-`, without a trailing `.` or `-`
 * ("@kim." at the end of a sentence mentions kim; "x@example.org" mentions nobody).
 */
export function splitMentions(body: string): Piece[] {
  const pieces: Piece[] = [];
  let text = '';
  let i = 0;
  while (i < body.length) {
    const starts = body[i] === '@' && (i === 0 || !nameChar.test(body[i - 1]!));
    if (starts) {
      let end = i + 1;
      while (end < body.length && nameChar.test(body[end]!)) end++;
      const name = body.slice(i + 1, end).replace(/[.-]+$/, '');
      if (name) {
        if (text) pieces.push({ text });
        text = '';
        pieces.push({ text: `@${name}`, username: name });
        i += 1 + name.length;
        continue;
      }
    }
    text += body[i];
    i++;
  }
  if (text) pieces.push({ text });
  return pieces;
}
