import { Link } from 'react-router';
import { splitMentions } from './mentions';

/** A comment's text with each @mention linking to that member's profile. */
export function MentionText({ body }: { body: string }) {
  return (
    <>
      {splitMentions(body).map((p, i) =>
        p.username ? (
          <Link key={i} to={`/u/${encodeURIComponent(p.username)}`}>
            {p.text}
          </Link>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}
