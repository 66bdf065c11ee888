import { useTranslation } from 'react-i18next';
import { useUnblock } from '../../api/socialQueries';
import { Button } from '../../components/Button';
import { problemMessage } from '../../lib/problemText';

/** Unblocks a member at once (nothing is lost by it; they can be blocked again). */
export function UnblockButton({ username, onDone }: { username: string; onDone?: () => void }) {
  const { t } = useTranslation();
  const unblock = useUnblock();
  return (
    <>
      <Button small busy={unblock.isPending} aria-label={t('people.unblockFor', { username })} onClick={() => unblock.mutate(username, { onSuccess: onDone })}>
        {t('people.unblock')}
      </Button>
      {unblock.error && (
        <p className="field-error" role="alert">
          {problemMessage(t, unblock.error)}
        </p>
      )}
    </>
  );
}
