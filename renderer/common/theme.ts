/** Applies the theme setting to the document: styles.css keys color-scheme, and so the palette, off [data-theme]. */
import type { Theme } from '../../contract/settings';

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}
