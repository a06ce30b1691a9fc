/** Applies the theme setting to the document: styles.css and theme.css key off [data-theme]. */
import type { Theme } from '../../../contract/settings';
import './theme.css';

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}
