/** How every content, dialog and canned-reply file is parsed: a duplicate key or an alias is a fault. */
export const yamlOptions = { uniqueKeys: true, maxAliasCount: 0 } as const;
