import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_FORMATS, IMPORT_ACCEPT, IMPORT_FORMATS, MAX_IMPORT_BYTES, WEIGHT_UNITS, type HistoryImport, type ImportFormat, type WeightUnit } from '../../../api/imports';
import { useUploadImport } from '../../../api/importsQueries';
import { Alert } from '../../../components/Alert';
import { Button } from '../../../components/Button';
import { Segmented } from '../../../components/Segmented';
import { useSignedInMe } from '../../../lib/useSignedInMe';
import { importProblem } from './importText';

/** Step 1: which app the file comes from, its weight unit, and the file; read as a dry run. */
export function ImportChooseStep({ onRead }: { onRead: (draft: HistoryImport) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const { me } = useSignedInMe();
  const [format, setFormat] = useState<ImportFormat>('strong');
  const [unit, setUnit] = useState<WeightUnit>(me.preferences.units === 'imperial' ? 'lb' : 'kg');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [sent, setSent] = useState(0);
  const upload = useUploadImport();
  const archive = format === 'gymbox';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    upload.reset();
    if (!file) return setFileError(t('imports.fileNeeded'));
    if (file.size > MAX_IMPORT_BYTES) return setFileError(t('imports.fileTooLarge'));
    setFileError(null);
    setSent(0);
    upload.mutate({ file, format, unit, onProgress: setSent }, { onSuccess: onRead });
  };
  const error = fileError ?? (upload.error ? importProblem(t, upload.error) : null);
  const activity = ACTIVITY_FORMATS.includes(format);

  return (
    <form className="stack" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="visually-hidden">
        {t('imports.steps.choose')}
      </h3>
      <div className="field">
        <span className="imp-label">
          {t('imports.app')}
        </span>
        <Segmented label={t('imports.app')} value={format} onValue={setFormat} options={IMPORT_FORMATS.map((f) => ({ value: f, label: t(`imports.format.${f}`) }))} />
        <p className="field-hint">{t(`imports.howTo.${format}`)}</p>
      </div>
      {!archive && !activity && (
        <div className="field">
          <span className="imp-label">{t('imports.unit')}</span>
          <Segmented label={t('imports.unit')} value={unit} onValue={setUnit} options={WEIGHT_UNITS.map((u) => ({ value: u, label: t(`imports.units.${u}`) }))} />
          <p className="field-hint">{t('imports.unitHint')}</p>
        </div>
      )}
      <div className={`field${error ? ' field-invalid' : ''}`}>
        <label htmlFor={`${id}-file`}>{archive ? t('imports.zipFile') : activity ? t('imports.activityFile') : t('imports.file')}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept={IMPORT_ACCEPT[format] ?? '.csv,text/csv,text/plain'}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setFileError(null);
            upload.reset();
          }}
        />
        {error && (
          <p className="field-error" id={`${id}-error`} role="alert">
            {error}
          </p>
        )}
      </div>
      {upload.isPending && (
        <div className="imp-progress">
          <progress max={1} value={sent} aria-label={t('imports.uploading')} />
          <span aria-live="polite">{t('imports.uploaded', { percent: Math.round(sent * 100) })}</span>
        </div>
      )}
      <Alert tone="info">{archive ? t('imports.archiveNote') : t('imports.privateNote')}</Alert>
      <Button type="submit" variant="primary" className="btn-block" busy={upload.isPending}>
        {t('imports.read')}
      </Button>
    </form>
  );
}
