// What the README's functional-API fragment calls: a model that writes and a mailer that sends.
const llm = { write: async (to: string) => `Dear ${to}, the build is green.` };
const mail = { send: async (text: string) => ({ id: "mail-1", length: text.length }) };
