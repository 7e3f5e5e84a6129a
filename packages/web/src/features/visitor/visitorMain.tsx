import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { currentLocale } from '../../i18n/locale';
import { VisitorPage } from './VisitorPage';
import './visitor.css';

/** The public visitor page: plain React, no UI library, no session. */
const root = document.getElementById('root');
if (!root) throw new Error('missing #root');
document.documentElement.lang = currentLocale();

const token = decodeURIComponent(window.location.pathname.replace(/^\/v\//, '').replace(/\/$/, ''));

createRoot(root).render(
  <StrictMode>
    <VisitorPage token={token} />
  </StrictMode>,
);
