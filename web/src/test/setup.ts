import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import i18n from 'i18next';
import { initI18n } from '../i18n';

initI18n('en');

// Lazy screens are compiled on first import; on a busy 2-core machine that alone can pass the
// default 1 s of findBy*/waitFor. Real failures still fail, just later.
configure({ asyncUtilTimeout: 5000 });

beforeEach(async () => {
  localStorage.clear();
  await i18n.changeLanguage('en');
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});
