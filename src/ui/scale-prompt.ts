/** The NPS and CSAT prompts as Preact components for apps: the panel with a `kind`. */
import { h } from 'preact';
import { Panel, type PanelProps } from './panel.js';

export { HOLD_MS } from './panel.js';

export type ScalePromptProps = Pick<
  PanelProps,
  'client' | 'kind' | 'question' | 'strings' | 'corner' | 'holdMs' | 'onAnswer' | 'onClose' | 'onResult'
>;

/** The NPS prompt: "How likely are you to recommend …?", 0–10. */
export const NpsPrompt = (props: Omit<ScalePromptProps, 'kind'>) => h(Panel, { ...props, kind: 'nps' });

/** The CSAT prompt: 1–5, same flow as NPS. */
export const CsatPrompt = (props: Omit<ScalePromptProps, 'kind'>) => h(Panel, { ...props, kind: 'csat' });
