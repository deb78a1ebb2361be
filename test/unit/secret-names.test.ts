/**
 * Which placeholder names hold secrets (secretNames.ts): the vocabulary is matched on the parts of a name, both ways.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isSecretName, nameParts } from '../../server/src/run/secretNames';
import { isSecretName as fromVariables } from '../../server/src/run/variables';

describe('secret names', () => {
  it('are secret: every family, in every spelling', () => {
    const secret = [
      // Passwords.
      'PASSWORD', 'DB_PASSWORD', 'dbPassword', 'MYSQLPASSWORD', 'PASSWD', 'DB_PASS', 'PGPASS', 'DBPASS', 'db-pass',
      'MYSQL_PWD', 'DB_PW', 'PASSPHRASE', 'GPG_PASSPHRASE', 'ADMIN_PASSWORDS', 'DB_PASS2',
      // Tokens, keys, authorisation.
      'API_TOKEN', 'GITHUBTOKEN', 'apiToken', 'GH_AUTH', 'GH_PAT', 'GHPAT', 'BEARER', 'BEARER_TOKEN', 'JWT', 'OTP_SEED',
      'API_KEY', 'apiKey', 'APIKey', 'APIKEY', 'api.key', 'SSH_KEY', 'SSHKEY', 'PRIVKEY', 'AWS_SECRET_ACCESS_KEY', 'KEYS',
      'CLIENT_SECRET', 'clientSecret', 'CLIENTSECRET', 'SECRETS', 'NPM_TOKEN', 'myAPIToken',
      // Credentials, private material, certificates, cookies, sessions.
      'CREDENTIALS', 'AZURE_CREDENTIAL', 'DOCKER_CREDS', 'PRIVATE', 'SSH_PRIVATE_KEY', 'privateKey', 'TLS_CERT', 'CERTIFICATE',
      'CLIENT_CERTS', 'COOKIE', 'SESSION_COOKIE', 'cookies', 'SESSION', 'SESSION_ID', 'sessionId',
    ];
    const missed = secret.filter((n) => !isSecretName(n));
    assert.deepEqual(missed, []);
  });

  it('are not secret: names that only contain a secret word inside another word', () => {
    const plain = [
      'KEYBOARD_LAYOUT', 'KEYNOTE', 'MONKEY', 'TURKEY_CITY', 'HOCKEY_TEAM', 'PASSENGER', 'PASSENGER_COUNT', 'BYPASS_CACHE',
      'COMPASS_DIR', 'SURPASS', 'PASSIVE_MODE', 'SECRETARY', 'TOKENIZER', 'AUTHOR', 'AUTHORS', 'PATH', 'PATTERN', 'PATCH',
      'CERTAIN', 'PRIVATEER', 'COOKIECUTTER_TEMPLATE', 'SESSIONLESS', 'PWD', 'OLDPWD', 'USER_NAME', 'HOSTNAME', 'REGION',
      'POD', 'NAMESPACE', 'IMAGE_TAG', 'BRANCH',
    ];
    const flagged = plain.filter(isSecretName);
    assert.deepEqual(flagged, []);
  });

  it('splits a name at punctuation, digits and camelCase humps', () => {
    assert.deepEqual(nameParts('apiKey'), ['api', 'key']);
    assert.deepEqual(nameParts('APIKey'), ['api', 'key']);
    assert.deepEqual(nameParts('dbPass2'), ['db', 'pass', '2']);
    assert.deepEqual(nameParts('GH_AUTH-x.y'), ['gh', 'auth', 'x', 'y']);
    assert.deepEqual(nameParts('OAuth2Token'), ['o', 'auth', '2', 'token']);
  });

  it('is the same function through variables.ts', () => {
    assert.equal(fromVariables, isSecretName);
  });
});
