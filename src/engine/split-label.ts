/** A label key `ns:key` names its i18next namespace; a bare `key` belongs to the dialog's own namespace. */
export function splitLabel(label: string, dialogId: string): { ns: string; key: string } {
  const i = label.indexOf(':');
  return i < 0 ? { ns: dialogId, key: label } : { ns: label.slice(0, i), key: label.slice(i + 1) };
}
