import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { MAX_SUPERSETS } from '../../lib/exerciseGroups';
import '../../i18n/training';

export interface SupersetPartner {
  exerciseId: string;
  name: string;
  /** The label of the workout's superset it is in already (the chosen exercise joins it). */
  label?: string;
}

/** "Superset with…": the other exercises of the workout this one can alternate with. */
export function SupersetChooser({ exerciseName, partners, full, onPick, onClose }: {
  exerciseName: string;
  partners: SupersetPartner[];
  /** The workout has as many supersets as it may. */
  full: boolean;
  onPick: (exerciseId: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const title = t('adhocSuperset.chooseTitle', { exercise: exerciseName });
  return (
    <div className="wk-menu wk-superset-chooser" role="group" aria-label={title}>
      <p className="wk-chooser-title">{title}</p>
      <p className="muted wk-chooser-intro">{partners.length > 0 ? t('adhocSuperset.intro') : full ? t('adhocSuperset.tooMany', { max: MAX_SUPERSETS }) : t('adhocSuperset.none')}</p>
      <div className="actions">
        {partners.map((p) => (
          <Button key={p.exerciseId} small onClick={() => onPick(p.exerciseId)}>
            {p.name}
            {p.label && <span className="muted"> {t('adhocSuperset.inGroup', { label: p.label })}</span>}
          </Button>
        ))}
        <Button small variant="ghost" onClick={onClose}>
          {t('common.cancel')}
        </Button>
      </div>
    </div>
  );
}
