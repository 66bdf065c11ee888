import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryImport } from '../../../api/imports';
import '../../../i18n/imports';
import { ImportChooseStep } from './ImportChooseStep';
import { ImportDone } from './ImportDone';
import { ImportMapping } from './ImportMapping';
import { ImportSummary } from './ImportSummary';
import { PastImports } from './PastImports';
import { YourData } from './YourData';
import './Import.css';

type Step = { kind: 'choose' } | { kind: 'summary'; draft: HistoryImport } | { kind: 'mapping'; draft: HistoryImport } | { kind: 'done'; result: HistoryImport };
const STEPS = ['choose', 'summary', 'mapping', 'done'] as const;

/**
 * Importing history from Strong or Hevy, or everything from another Gymbox, as a wizard: the file, what it holds, what its exercise
 * names mean, and the result; past imports below, each one undoable.
 */
export default function ImportSettings() {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const index = STEPS.indexOf(step.kind);
  const restart = () => setStep({ kind: 'choose' });
  return (
    <div className="stack imp">
      <div className="card">
        <h2>{t('imports.title')}</h2>
        <p className="muted">{t('imports.intro')}</p>
        <p className="imp-step" aria-live="polite">
          {t('imports.stepOf', { step: index + 1, total: STEPS.length, name: t(`imports.steps.${step.kind}`) })}
        </p>
        {step.kind === 'choose' && <ImportChooseStep onRead={(draft) => setStep({ kind: 'summary', draft })} />}
        {step.kind === 'summary' && <ImportSummary draft={step.draft} onNext={() => setStep({ kind: 'mapping', draft: step.draft })} onDiscarded={restart} />}
        {step.kind === 'mapping' && (
          <ImportMapping draft={step.draft} onBack={() => setStep({ kind: 'summary', draft: step.draft })} onApplied={(result) => setStep({ kind: 'done', result })} />
        )}
        {step.kind === 'done' && <ImportDone result={step.result} onAnother={restart} />}
      </div>
      <PastImports
        onUndone={(id) => {
          // The wizard's draft or result is gone once undone from the list.
          if ((step.kind === 'summary' || step.kind === 'mapping') && step.draft.id === id) restart();
        }}
      />
      <YourData />
    </div>
  );
}
