import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlock } from '../../api/socialQueries';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { MoreIcon } from '../../components/icons';
import { problemMessage } from '../../lib/problemText';

/** A small "more" menu on someone's profile; for now it holds blocking them, after a confirmation. */
export function BlockMenu({ username }: { username: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const block = useBlock();
  const menuId = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);
  return (
    <div className="people-menu" ref={ref}>
      <button
        type="button"
        className="icon-btn"
        aria-expanded={open}
        aria-controls={menuId}
        aria-label={t('people.moreFor', { username })}
        onClick={() => setOpen((o) => !o)}
      >
        <MoreIcon />
      </button>
      {open && (
        <ul className="people-menu-list" id={menuId}>
          <li>
            <button
              type="button"
              className="people-menu-item danger"
              onClick={() => {
                setOpen(false);
                setConfirm(true);
              }}
            >
              {t('people.block', { username })}
            </button>
          </li>
        </ul>
      )}
      <ConfirmDialog
        open={confirm}
        title={t('people.blockTitle', { username })}
        confirmLabel={t('people.blockConfirm')}
        busy={block.isPending}
        error={block.error ? problemMessage(t, block.error) : null}
        onConfirm={() => block.mutate(username, { onSuccess: () => setConfirm(false) })}
        onCancel={() => {
          setConfirm(false);
          block.reset();
        }}
      >
        <p>{t('people.blockBody', { username })}</p>
      </ConfirmDialog>
    </div>
  );
}
