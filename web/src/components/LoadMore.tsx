import { useTranslation } from 'react-i18next';
import { Button } from './Button';

interface Paged {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** "Show more" under a cursor-paged list; nothing when the last page is shown. */
export function LoadMore({ list }: { list: Paged }) {
  const { t } = useTranslation();
  if (!list.hasNextPage) return null;
  return (
    <Button className="btn-block" busy={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
      {t('common.loadMore')}
    </Button>
  );
}
