/**
 * Which placeholder names hold secrets: their values are asked in a password box and masked in everything the
 * run records. The vocabulary is data, matched against the parts of a name (split at `_`, `-`, `.`, digits and
 * camelCase humps), never as a substring: `KEYBOARD_LAYOUT` and `PASSENGER` are not secrets, `API_KEY`, `apiKey`,
 * `DB_PASS` and `PGPASS` are. Matching too much costs a password box; matching too little leaks a value. Pure.
 */

/** Parts that mark a name as secret on their own (also with a plural `s`: `KEYS`, `COOKIES`). */
export const SECRET_WORDS: readonly string[] = [
  'password', 'passwd', 'passphrase', 'passcode', 'pass', 'pwd', 'pw',
  'token', 'secret', 'key',
  'auth', 'pat', 'bearer', 'jwt', 'otp',
  'credential', 'cred',
  'private', 'cert', 'certificate',
  'cookie', 'session',
];

/**
 * Secret words that also mark a longer part they end (`GITHUBTOKEN`, `CLIENTSECRET`, `MYSQLPASSWORD`): long enough
 * that no ordinary word ends with them, unlike `key` (`MONKEY`) or `pass` (`BYPASS`, `COMPASS`).
 */
export const SECRET_ENDINGS: readonly string[] = ['password', 'passwd', 'passphrase', 'token', 'secret', 'credential'];

/**
 * Qualifiers that tools run together with a secret word into one part: `PGPASS`, `APIKEY`, `SSHKEY`, `DBPASS`,
 * `GHPAT`. A part made of one of these and then a word of `SECRET_WORDS` is secret.
 */
export const SECRET_QUALIFIERS: readonly string[] = [
  'access', 'api', 'app', 'auth', 'client', 'db', 'encryption', 'gh', 'git', 'master', 'mysql', 'npm', 'pg', 'priv',
  'refresh', 'secret', 'session', 'signing', 'ssh', 'tls', 'ssl',
];

/** Whole names that read as secret but are not: the shell's working folder. */
export const NOT_SECRET_NAMES: readonly string[] = ['pwd'];

const words = new Set(SECRET_WORDS);
const notSecret = new Set(NOT_SECRET_NAMES);

/**
 * The parts of a name, lower-cased: split at `_`, `-`, `.` and other punctuation, between letters and digits, and at
 * camelCase humps (`apiKey` is api, key; `APIKey` is api, key; `dbPass2` is db, pass, 2).
 */
export function nameParts(name: string): string[] {
  return name
    .replace(/(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])/g, ' ')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((p) => p !== '');
}

function isSecretWord(part: string): boolean {
  return words.has(part) || (part.endsWith('s') && words.has(part.slice(0, -1)));
}

function isSecretPart(part: string): boolean {
  if (isSecretWord(part)) return true;
  if (SECRET_ENDINGS.some((w) => part.endsWith(w) || part.endsWith(`${w}s`))) return true;
  return SECRET_QUALIFIERS.some((q) => part.length > q.length && part.startsWith(q) && isSecretWord(part.slice(q.length)));
}

/** Whether a placeholder name holds a secret (see the vocabulary above). */
export function isSecretName(name: string): boolean {
  if (notSecret.has(name.toLowerCase())) return false;
  return nameParts(name).some(isSecretPart);
}
