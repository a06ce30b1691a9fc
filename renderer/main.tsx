/** The renderer's entry point: connects to main, connects the stores, renders the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectApi } from './api';
import { connectStores } from './stores/connect';
import { useNav } from './stores/navStore';
import { subscribeEarly } from './stores/earlyLists';
import { loadView } from './views/viewLoaders';
import './styles.css';

connectStores(connectApi(), window);
// The view in the URL: its list is asked for and its code fetched at once, side by side.
const { view } = useNav.getState();
subscribeEarly(view);
void loadView(view);

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
