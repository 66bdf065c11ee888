import { lazy, Suspense } from 'react';

const Drawing = lazy(() => import('./BadgeIcons'));

/** A badge's drawing, loaded with the first badge shown; an empty medal-sized space until then. */
export function BadgeIcon({ id }: { id: string }) {
  return (
    <Suspense fallback={<span className="badge-icon badge-icon-placeholder" aria-hidden="true" />}>
      <Drawing id={id} />
    </Suspense>
  );
}
