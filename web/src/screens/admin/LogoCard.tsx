import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GymSettings } from '../../api/gym';
import { useRemoveLogo, useUploadLogo } from '../../api/gymQueries';
import { isProblem } from '../../api/problem';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { LogoMark } from '../../components/icons';
import { problemMessage } from '../../lib/problemText';

export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp'];
export const LOGO_MAX_BYTES = 256 * 1024;

/** Why a file cannot be the logo, before it is sent; null when it can. */
function localProblem(file: File): 'type' | 'size' | null {
  if (!LOGO_TYPES.includes(file.type)) return 'type';
  if (file.size > LOGO_MAX_BYTES) return 'size';
  return null;
}

/**
 * Why the server refused a logo: the limits of a logo (not an avatar's), and for an image it
 * could not take, its own words in English ("The file says it is image/png but its content is…").
 */
function logoProblem(t: ReturnType<typeof useTranslation>['t'], lang: string, error: unknown): string {
  if (isProblem(error, 'payload_too_large')) return t('admin.settings.logo.tooBig');
  if (isProblem(error, 'image_too_large')) return t('admin.settings.logo.tooManyPixels');
  if (isProblem(error, 'unsupported_image') && lang.startsWith('en') && error.detail) return error.detail;
  return problemMessage(t, error);
}

/** A chosen file shown before it is uploaded (an object URL, let go when replaced). */
function usePreview(file: File | null) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!file) {
      setUrl(null);
      return;
    }
    const u = URL.createObjectURL(file);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [file]);
  return url;
}

/** The gym's logo in the header and on the sign-in page: upload one (previewed first) or remove it. */
export function LogoCard({ settings }: { settings: GymSettings }) {
  const { t, i18n } = useTranslation();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [local, setLocal] = useState<string | null>(null);
  const preview = usePreview(file);
  const upload = useUploadLogo();
  const remove = useRemoveLogo();
  const error = upload.error ?? remove.error;
  const serverMessage = error ? logoProblem(t, i18n.language, error) : null;
  const shown = preview ?? settings.logo_url;
  return (
    <div className="card" role="group" aria-labelledby="logo-title">
      <h2 id="logo-title">{t('admin.settings.logo.title')}</h2>
      <div className="logo-editor">
        <div className="logo-frame">
          {shown ? <img src={shown} alt={t(preview ? 'admin.settings.logo.preview' : 'admin.settings.logo.current')} /> : <LogoMark size={64} />}
        </div>
        <div className="logo-actions">
          <input
            ref={input}
            id={inputId}
            type="file"
            accept={LOGO_TYPES.join(',')}
            className="visually-hidden"
            tabIndex={-1}
            aria-label={t('admin.settings.logo.choose')}
            onChange={(e) => {
              const picked = e.target.files?.[0];
              e.target.value = '';
              if (!picked) return;
              upload.reset();
              remove.reset();
              const problem = localProblem(picked);
              setLocal(problem === 'type' ? t('errors.unsupported_image') : problem === 'size' ? t('admin.settings.logo.tooBig') : null);
              setFile(problem ? null : picked);
            }}
          />
          {file ? (
            <>
              <p className="muted">{t('admin.settings.logo.previewHint', { name: file.name })}</p>
              <div className="actions">
                <Button
                  variant="primary"
                  busy={upload.isPending}
                  onClick={() => upload.mutate(file, { onSuccess: () => setFile(null) })}
                >
                  {t('admin.settings.logo.upload')}
                </Button>
                <Button disabled={upload.isPending} onClick={() => setFile(null)}>
                  {t('common.cancel')}
                </Button>
              </div>
            </>
          ) : (
            <div className="actions">
              <Button onClick={() => input.current?.click()}>{t(settings.logo_url ? 'admin.settings.logo.change' : 'admin.settings.logo.choose')}</Button>
              {settings.logo_url && (
                <Button
                  variant="ghost"
                  busy={remove.isPending}
                  onClick={() => {
                    setLocal(null);
                    upload.reset();
                    remove.mutate();
                  }}
                >
                  {t('admin.settings.logo.remove')}
                </Button>
              )}
            </div>
          )}
          <p className="field-hint">{t('admin.settings.logo.hint')}</p>
          {(local ?? serverMessage) && (
            <p className="field-error" role="alert">
              {local ?? serverMessage}
            </p>
          )}
          {(upload.isSuccess || remove.isSuccess) && !file && <Alert tone="success">{t(upload.isSuccess ? 'admin.settings.logo.uploaded' : 'admin.settings.logo.removed')}</Alert>}
        </div>
      </div>
    </div>
  );
}
