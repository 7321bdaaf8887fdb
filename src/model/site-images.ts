/** The images the site draws (src/web/share-image.ts, src/web/favicon.ts): their paths under the base and sizes. */
export const SHARE_IMAGE = { width: 1200, height: 630, path: 'og-image.png', alt: 'OSCE knowledge graph: a network of linked nodes on blue' } as const;
export const LOGO = { width: 512, height: 512, path: 'logo.png' } as const;
