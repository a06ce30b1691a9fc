/** The renderer's entry point: connects to main, connects the stores, renders the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectApi } from './api';
import { connectStores } from './stores/connect';
import './styles.css';

connectStores(connectApi(), window);

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
