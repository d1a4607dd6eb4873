// Text of the servers module's wizard, in every language; en.ts and its siblings mount it, which checks the keys match.
export const wizardText = {
  en: { title: 'wizard' },
  fr: { title: 'wizard' },
  es: { title: 'wizard' },
  de: { title: 'wizard' },
};
