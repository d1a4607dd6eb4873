// Text of the servers module's explorer, in every language; en.ts and its siblings mount it, which checks the keys match.
export const explorerText = {
  en: { title: 'explorer' },
  fr: { title: 'explorer' },
  es: { title: 'explorer' },
  de: { title: 'explorer' },
};
