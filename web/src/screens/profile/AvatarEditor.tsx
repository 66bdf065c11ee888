import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteAvatar, uploadAvatar } from '../../api/me';
import { keys } from '../../api/queries';
import type { Me } from '../../api/types';
import { Avatar } from '../../components/Avatar';
import { Button } from '../../components/Button';
import { problemMessage } from '../../lib/problemText';

const MAX_BYTES = 2 * 1024 * 1024;
const TYPES = ['image/png', 'image/jpeg', 'image/webp'];

class LocalImageProblem extends Error {}

export function AvatarEditor({ me }: { me: Me }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const refresh = () => client.invalidateQueries({ queryKey: keys.me });

  const upload = useMutation({
    mutationFn: async (file: File) => {
      if (!TYPES.includes(file.type)) throw new LocalImageProblem(t('errors.unsupported_image'));
      if (file.size > MAX_BYTES) throw new LocalImageProblem(t('errors.payload_too_large'));
      return uploadAvatar(file);
    },
    onSuccess: (updated) => {
      client.setQueryData(keys.me, (old: { etag: string | null } | null | undefined) => ({ me: updated, etag: old?.etag ?? null }));
      void refresh();
    },
  });
  const remove = useMutation({ mutationFn: deleteAvatar, onSuccess: () => void refresh() });
  const error = upload.error ?? remove.error;
  const message = error instanceof LocalImageProblem ? error.message : error ? problemMessage(t, error) : null;

  return (
    <div className="avatar-editor">
      <Avatar name={me.display_name || me.username} url={me.avatar_url} size={96} />
      <div className="avatar-actions">
        <input
          ref={input}
          id={inputId}
          type="file"
          accept={TYPES.join(',')}
          className="visually-hidden"
          tabIndex={-1}
          aria-label={t('profile.uploadPhoto')}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) upload.mutate(file);
            e.target.value = '';
          }}
        />
        <Button busy={upload.isPending} onClick={() => input.current?.click()}>
          {me.avatar_url ? t('profile.changePhoto') : t('profile.uploadPhoto')}
        </Button>
        {me.avatar_url && (
          <Button variant="ghost" busy={remove.isPending} onClick={() => remove.mutate()}>
            {t('profile.removePhoto')}
          </Button>
        )}
        <p className="field-hint">{t('profile.photoHint')}</p>
        {message && (
          <p className="field-error" role="alert">
            {message}
          </p>
        )}
      </div>
    </div>
  );
}
