import { useTranslation } from 'react-i18next';
import { useKudosToggle } from '../../api/socialQueries';
import { KudosIcon } from '../../components/icons';
import { formErrors } from '../../lib/problemText';
import './social.css';

interface KudosButtonProps {
  workoutId: string;
  /** The counts as the server last gave them. */
  kudos: number;
  kudoed: boolean;
}

/**
 * Kudos for someone else's workout, a toggle with the count. While the request runs it shows the
 * expected result; the server's answer then replaces it (or, on failure, the old one returns
 * with the reason).
 */
export function KudosButton({ workoutId, kudos, kudoed }: KudosButtonProps) {
  const { t } = useTranslation();
  const toggle = useKudosToggle(workoutId);
  const on = toggle.isPending ? Boolean(toggle.variables) : kudoed;
  const count = Math.max(0, kudos + (on === kudoed ? 0 : on ? 1 : -1));
  const error = toggle.error ? formErrors(t, toggle.error, []).form : null;
  return (
    <span className="kudos">
      <button
        type="button"
        className={`btn btn-small kudos-btn${on ? ' kudos-on' : ''}`}
        aria-pressed={on}
        onClick={() => {
          if (!toggle.isPending) toggle.mutate(!on);
        }}
      >
        <KudosIcon />
        <span>{t('social.kudos')}</span> <span className="kudos-count">{count}</span>
      </button>
      {error && (
        <span className="field-error kudos-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
