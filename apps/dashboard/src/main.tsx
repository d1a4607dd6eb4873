// Entry point: styles, translations, then the app.
import './index.css';
import './i18n/i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { config } from 'zod';
import { App } from './App';

// zod probes for `Function` to compile fast parsers; the CSP (script-src 'self') refuses it, so say no upfront.
config({ jitless: true });

const root = document.getElementById('root');
if (!root) throw new Error('Missing #root element');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
