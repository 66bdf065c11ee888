import { describe, expect, it } from 'vitest';
import { splitMentions } from './mentions';

describe('mentions in a comment', () => {
  it('finds @usernames the way the server does', () => {
    expect(splitMentions('great set @Anna and @bob_2!')).toEqual([
      { text: 'great set ' },
      { text: '@Anna', username: 'Anna' },
      { text: ' and ' },
      { text: '@bob_2', username: 'bob_2' },
      { text: '!' },
    ]);
    expect(splitMentions('end of sentence @kim.')).toEqual([{ text: 'end of sentence ' }, { text: '@kim', username: 'kim' }, { text: '.' }]);
  });

  it('leaves e-mail addresses and a lone @ alone', () => {
    expect(splitMentions('mail me at x@example.org')).toEqual([{ text: 'mail me at x@example.org' }]);
    expect(splitMentions('@ alone')).toEqual([{ text: '@ alone' }]);
  });
});
