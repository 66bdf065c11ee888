import { Component, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from './Spinner';
import { Button } from './Button';

function CrashNotice() {
  const { t } = useTranslation();
  return (
    <div className="alert alert-error" role="alert">
      <p>{t('errors.screen_failed')}</p>
      <Button small onClick={() => window.location.reload()}>
        {t('common.reload')}
      </Button>
    </div>
  );
}

class Boundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    return this.state.failed ? <CrashNotice /> : this.props.children;
  }
}

/** Wraps a lazily loaded screen: spinner while its code loads, a reload offer if it cannot. */
export function ScreenBoundary({ children }: { children: ReactNode }) {
  return (
    <Boundary>
      <Suspense fallback={<Loading />}>{children}</Suspense>
    </Boundary>
  );
}
