/** The feedback form as a Preact component for apps: the panel without a `kind`. */
import type { ComponentType } from 'preact';
import { Panel, type PanelProps } from './panel.js';

export type { Draft, FieldMode } from './panel.js';

export type FeedbackFormProps = Pick<PanelProps, 'client' | 'strings' | 'fields' | 'user' | 'draft' | 'modal' | 'onClose' | 'onResult'>;

export const FeedbackForm: ComponentType<FeedbackFormProps> = Panel;
