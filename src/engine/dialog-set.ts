import type { Dialog } from './dialog-schema.js';

/** All loaded dialogs by id. The start menu is the dialog `start`; its node `menu` is the main menu. */
export type DialogSet = ReadonlyMap<string, Dialog>;

export const START_DIALOG = 'start';
export const MENU_NODE = 'menu';

/** Where a handoff goes when no volunteer is online: callback request or a message. */
export const OFFLINE_DIALOG = 'handoff_offline';
