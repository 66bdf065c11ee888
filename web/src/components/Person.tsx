import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Avatar } from './Avatar';
import { personName } from '../lib/format';
import './Person.css';

/** Who someone is in a row: avatar, name and @username linking to their profile. */
export function Person({ person, children }: { person: { username: string; display_name: string }; children?: ReactNode }) {
  return (
    <div className="person">
      <Avatar name={person.display_name || person.username} size={40} />
      <div className="row-main">
        <p className="row-title">
          <Link to={`/u/${encodeURIComponent(person.username)}`}>{personName(person)}</Link>
          {person.display_name && <span className="muted person-handle"> @{person.username}</span>}
        </p>
        {children}
      </div>
    </div>
  );
}
