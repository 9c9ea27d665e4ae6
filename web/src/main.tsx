import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { AuthProvider, rememberReferral } from './auth';
import { I18nProvider } from './i18n';
import { RouterProvider } from './router';
import './styles.css';

// A referral link (/r/CODE) lands on /?ref=CODE: keep the code until the visitor registers.
rememberReferral(window.location.search);

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <RouterProvider>
        <AuthProvider>
          <App />
        </AuthProvider>
      </RouterProvider>
    </I18nProvider>
  </StrictMode>,
);

// The service worker caches the app shell so the installed app opens offline; only in production
// builds, so development always sees fresh code.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch((error: unknown) => {
      console.warn('service worker not registered', error);
    });
  });
}
