/** The launcher: a pill with an icon and "Feedback" in a corner (an icon-only circle on narrow screens). */
import { Icon } from './icons.js';

export interface LauncherProps {
  label: string;
  /** While its dialog is open: still in the page, so focus can come back to it. */
  hidden: boolean;
  onOpen(): void;
}

export function Launcher({ label, hidden, onOpen }: LauncherProps) {
  return (
    <button type="button" class="launcher" aria-label={label} hidden={hidden} onClick={onOpen}>
      <Icon name="message" />
      <span class="launcher-label">{label}</span>
    </button>
  );
}
